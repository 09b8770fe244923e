package io.eddy.server.config;

/**
 * Every setting of an Eddy member, with its default and unit.
 *
 * <p>Request limits are checked before a request reaches the Raft log. etcd has no separate
 * key or value limit (only its 1.5 MiB request limit); Eddy keeps keys small because every
 * stored version and every change-log entry repeats the key.
 */
public final class EddySettings {
    /** Longest key accepted. */
    public static final Setting<Integer> MAX_KEY_BYTES = new Setting<>(
            "limits.max-key-bytes", Integer.class, 8 * 1024, "bytes", "longest key accepted");
    /** Longest value accepted. */
    public static final Setting<Integer> MAX_VALUE_BYTES = new Setting<>(
            "limits.max-value-bytes", Integer.class, 1024 * 1024, "bytes", "longest value accepted");
    /** Largest encoded request accepted (etcd's --max-request-bytes default). */
    public static final Setting<Integer> MAX_REQUEST_BYTES = new Setting<>(
            "limits.max-request-bytes", Integer.class, 1536 * 1024, "bytes", "largest encoded request accepted");
    /** Most compares, or most operations in one branch, of one txn level (etcd: --max-txn-ops). */
    public static final Setting<Integer> MAX_TXN_OPS = new Setting<>(
            "limits.max-txn-ops", Integer.class, 128, "count", "most compares or operations per txn branch");
    /** Xodus cache, shared by every environment in the JVM (its default is half the heap). */
    public static final Setting<Long> XODUS_CACHE_BYTES = new Setting<>(
            "storage.xodus.cache-bytes", Long.class, 256L * 1024 * 1024, "bytes",
            "Xodus log cache shared by all environments of the process");

    private EddySettings() {
    }
}
