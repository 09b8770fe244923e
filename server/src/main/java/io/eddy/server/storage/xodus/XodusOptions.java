package io.eddy.server.storage.xodus;

import io.eddy.server.config.EddySettings;

/**
 * Settings of a {@link XodusEngine}.
 *
 * @param cacheBytes   cap of Xodus' log cache, in bytes (Xodus would take half the heap). The
 *                     cache is shared by every Xodus environment of the JVM and sized by the
 *                     first one opened: later engines cannot change it.
 * @param durableWrite whether every commit is fsynced. Off by default: Eddy's Raft log is the
 *                     durable record, and {@link XodusEngine#sync()} is called before it is purged.
 */
public record XodusOptions(long cacheBytes, boolean durableWrite) {

    /** {@link EddySettings#XODUS_CACHE_BYTES}'s default and no fsync per commit. */
    public static final XodusOptions DEFAULTS =
            new XodusOptions(EddySettings.XODUS_CACHE_BYTES.defaultValue(), false);

    public XodusOptions {
        if (cacheBytes <= 0) {
            throw new IllegalArgumentException("cacheBytes must be positive: " + cacheBytes);
        }
    }

    /** These options with {@code cacheBytes} replaced. */
    public XodusOptions withCacheBytes(long bytes) {
        return new XodusOptions(bytes, durableWrite);
    }

    /** These options with {@code durableWrite} replaced. */
    public XodusOptions withDurableWrite(boolean durable) {
        return new XodusOptions(cacheBytes, durable);
    }
}
