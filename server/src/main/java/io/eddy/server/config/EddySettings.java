package io.eddy.server.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

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
            "Xodus log cache shared by all environments of the process (at most half the heap)");

    // --- member identity and cluster bootstrap (etcd's flag names where the concept is the same) ---

    /** This member's name, unique in the cluster. */
    public static final Setting<String> NAME = new Setting<>(
            "name", String.class, "default", "", "this member's name, unique in the cluster");
    /** Where the member keeps its Raft log and its store; empty means {@code <name>.eddy}. */
    public static final Setting<String> DATA_DIR = new Setting<>(
            "data-dir", String.class, "", "path", "directory of the Raft log and the store (default <name>.eddy)");
    /** host:port the client API listens on. */
    public static final Setting<String> LISTEN_CLIENT = new Setting<>(
            "listen-client", String.class, "127.0.0.1:7379", "host:port", "address of the client API");
    /**
     * host:port the client API also listens on with RSocket over WebSocket (any path); empty
     * means no WebSocket listener. Same routes, limits and admission as {@link #LISTEN_CLIENT}.
     */
    public static final Setting<String> LISTEN_CLIENT_WEBSOCKET = new Setting<>(
            "listen-client-websocket", String.class, "", "host:port",
            "address of the client API over WebSocket (empty: no WebSocket listener)");
    /** host:port the Raft peers talk to this member on. */
    public static final Setting<String> LISTEN_PEER = new Setting<>(
            "listen-peer", String.class, "127.0.0.1:7380", "host:port", "address of Raft peer traffic");
    /** Every founding member as {@code name=host:port,...}; empty means this member alone. */
    public static final Setting<String> INITIAL_CLUSTER = new Setting<>(
            "initial-cluster", String.class, "", "name=host:port,...", "founding members and their peer addresses");
    /** {@code new} to found a cluster; {@code existing} to join one (after it added this member). */
    public static final Setting<String> INITIAL_CLUSTER_STATE = new Setting<>(
            "initial-cluster-state", String.class, "new", "new|existing", "found a cluster or join one");
    /** Names the cluster: members with different tokens never form one group. */
    public static final Setting<String> INITIAL_CLUSTER_TOKEN = new Setting<>(
            "initial-cluster-token", String.class, "eddy-cluster", "", "cluster identity at bootstrap");

    // --- Raft ---

    /** Lower bound of the randomised election timeout; long enough to ride out GC pauses. */
    public static final Setting<Long> ELECTION_TIMEOUT_MIN = new Setting<>(
            "raft.election-timeout-min", Long.class, 1000L, "ms", "lower bound of the election timeout");
    /** Upper bound of the randomised election timeout. */
    public static final Setting<Long> ELECTION_TIMEOUT_MAX = new Setting<>(
            "raft.election-timeout-max", Long.class, 2000L, "ms", "upper bound of the election timeout");
    /**
     * A snapshot is taken (and the log purged up to it) every this many applied entries. With
     * group commit an entry may hold hundreds of writes, so this is kept low: a snapshot only
     * syncs the store.
     */
    public static final Setting<Long> SNAPSHOT_EVERY_ENTRIES = new Setting<>(
            "raft.snapshot-every-entries", Long.class, 10_000L, "entries", "applied entries between snapshots");
    /** Size of one Raft log segment file. */
    public static final Setting<Long> LOG_SEGMENT_BYTES = new Setting<>(
            "raft.log-segment-bytes", Long.class, 32L * 1024 * 1024, "bytes", "size of a Raft log segment");
    /** How long a replicated request may take before the caller gets TIMEOUT. */
    public static final Setting<Long> REQUEST_TIMEOUT = new Setting<>(
            "raft.request-timeout", Long.class, 5000L, "ms", "time limit of a replicated request");
    /** Most commands grouped into one Raft log entry (group commit). */
    public static final Setting<Integer> BATCH_MAX_COMMANDS = new Setting<>(
            "raft.batch-max-commands", Integer.class, 512, "count", "most writes in one log entry");
    /** Most encoded bytes in one Raft log entry; a single larger command still goes alone. */
    public static final Setting<Integer> BATCH_MAX_BYTES = new Setting<>(
            "raft.batch-max-bytes", Integer.class, 2 * 1024 * 1024, "bytes", "largest log entry built by grouping");

    // --- client API admission (requests and streams in flight; over the limit: TOO_MANY_REQUESTS) ---

    /**
     * Most interactions in flight on one client connection: a request-response until it is
     * answered or cancelled, a stream until it completes, fails or is cancelled.
     */
    public static final Setting<Integer> API_MAX_IN_FLIGHT_PER_CONNECTION = new Setting<>(
            "api.max-in-flight-per-connection", Integer.class, 1024, "count",
            "most requests and streams in flight on one client connection");
    /** Most interactions in flight on this member, over all its client connections and transports. */
    public static final Setting<Integer> API_MAX_IN_FLIGHT = new Setting<>(
            "api.max-in-flight", Integer.class, 8192, "count",
            "most requests and streams in flight on this member, all connections together");
    /**
     * Most watches open on this member, all connections together. Watches do not count against
     * {@link #API_MAX_IN_FLIGHT}: each costs the member a bounded watcher (a few hundred bytes,
     * never a buffer of events, see the watch package), so the default allows many.
     */
    public static final Setting<Integer> API_MAX_WATCHES = new Setting<>(
            "api.max-watches", Integer.class, 100_000, "count",
            "most watches open on this member, all connections together (not counted as requests in flight)");

    // --- watches ---

    /**
     * How long a watch that asked for progress notifications may stay without an element before
     * it gets one (sent only when every earlier event was delivered and the subscriber has demand).
     */
    public static final Setting<Long> WATCH_PROGRESS_INTERVAL = new Setting<>(
            "watch.progress-interval", Long.class, 10_000L, "ms", "idle time before a watch progress notification");

    /**
     * How long the physical phase of a compaction waits for this member's watch hub to read the
     * change log up to the compact revision before removing history anyway (0: no wait). While it
     * waits, synced watchers that kept up still get every revision below the compact revision;
     * after it, those still below it end with COMPACTED (see the watch package).
     */
    public static final Setting<Long> WATCH_COMPACTION_WAIT = new Setting<>(
            "watch.compaction-wait", Long.class, 5_000L, "ms",
            "longest a compaction's removal waits for the watch hub to read past the compact revision");

    private EddySettings() {
    }

    /**
     * Every setting declared in this class (its public static {@link Setting} fields), in
     * declaration order as the JVM reports it. The launcher's flags, environment variables,
     * config-file keys and help text are generated from this list.
     */
    public static List<Setting<?>> all() {
        return All.SETTINGS;
    }

    /** Lazy holder: the list is built once every setting field is set, wherever new ones are declared. */
    private static final class All {
        static final List<Setting<?>> SETTINGS = collect();
    }

    private static List<Setting<?>> collect() {
        List<Setting<?>> settings = new ArrayList<>();
        for (Field field : EddySettings.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == Setting.class) {
                try {
                    settings.add((Setting<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read setting " + field.getName(), e);
                }
            }
        }
        return List.copyOf(settings);
    }
}
