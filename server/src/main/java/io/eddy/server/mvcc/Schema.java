package io.eddy.server.mvcc;

import io.eddy.server.storage.Table;
import java.util.List;

/** The tables of an Eddy store; see the package documentation for their layouts. */
public final class Schema {
    /**
     * Every version of every key: {@code escaped(key) ++ ~revision} to a version record.
     * Prefix-free: escaped keys end in a terminator that cannot occur inside them, and the
     * revision suffix has a fixed length.
     */
    public static final Table KV = new Table("kv", true);
    /** The change log: {@code revision ++ sub} to an event type and key. Fixed-length keys. */
    public static final Table CHANGES = new Table("changes", true);
    /** Store metadata: applied index, revision, compaction state. */
    public static final Table META = new Table("meta");
    /** Results of writes with a request id, for exactly-once retries ({@link Dedupe}). Fixed-length keys. */
    public static final Table DEDUPE = new Table("dedupe", true);
    /** {@link #DEDUPE} records by expiry time. Fixed-length keys. */
    public static final Table DEDUPE_EXPIRY = new Table("dedupe-expiry", true);

    /** Every table, for opening an engine. */
    public static final List<Table> TABLES = List.of(KV, CHANGES, META, DEDUPE, DEDUPE_EXPIRY);

    private Schema() {
    }
}
