package io.eddy.server.storage.xodus;

import io.eddy.server.storage.Engine;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.Table;
import io.eddy.server.storage.TxnGate;
import io.eddy.server.storage.WriteTxn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

/**
 * The on-disk {@link Engine}: one Xodus environment in one directory, one store per
 * {@link Table}. See the package documentation for the mapping.
 *
 * <p>Thread-safe. {@link #close()} refuses to close while a transaction of this engine is open
 * (it throws and the engine stays usable, so the caller can finish them and close again).
 */
public final class XodusEngine implements Engine {

    /**
     * A B+tree without duplicates, for tables whose keys may prefix one another. Not
     * {@code WITHOUT_DUPLICATES_WITH_PREFIXING}: in Xodus 2.0.1 the Patricia tree walks
     * backwards in the wrong order when a key is a prefix of another ({@code getLast()} of
     * {ff, ff00, ffff} gives ff, and {@code getPrev()} from 80 gives 8000).
     */
    static final StoreConfig STORE_CONFIG = StoreConfig.WITHOUT_DUPLICATES;

    /**
     * The Patricia tree, for {@link Table#prefixFree()} tables, where the backward-order bug
     * cannot arise. Measured (JMH ApplyBenchmark, 64 puts per transaction): about 5x the
     * B+tree's apply throughput and 2x its point-read rate on Eddy's version keys.
     */
    static final StoreConfig PREFIX_FREE_STORE_CONFIG = StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING;

    static StoreConfig storeConfig(Table table) {
        return table.prefixFree() ? PREFIX_FREE_STORE_CONFIG : STORE_CONFIG;
    }

    private final Path dir;
    private final List<Table> tables;
    private final EnvironmentImpl env;
    private final Map<Table, Store> stores;
    /** One write transaction at a time (ours, not Xodus' per-thread permits), close against begin. */
    private final TxnGate<XodusReadTxn> gate;

    private XodusEngine(Path dir, List<Table> tables, EnvironmentImpl env, Map<Table, Store> stores) {
        this.dir = dir;
        this.tables = tables;
        this.env = env;
        this.stores = stores;
        this.gate = new TxnGate<>("the engine in " + dir);
    }

    /**
     * Opens (creating if needed) the engine in {@code dir} with {@code tables}. Stores of the
     * directory that are not among {@code tables} are left alone.
     *
     * @throws StorageException if the directory cannot be opened (for instance, another
     *                          engine of this or another process holds it)
     */
    public static XodusEngine open(Path dir, List<Table> tables, XodusOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        List<Table> declared = List.copyOf(tables);
        if (declared.isEmpty() || new HashSet<>(declared).size() != declared.size()) {
            throw new IllegalArgumentException("tables must be non-empty and distinct: " + declared);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create engine directory " + dir, e);
        }
        EnvironmentImpl env;
        try {
            env = (EnvironmentImpl) Environments.newInstance(dir.toFile(), config(options));
        } catch (RuntimeException e) {
            throw new StorageException("cannot open Xodus environment in " + dir + ": " + e.getMessage(), e);
        }
        try {
            return new XodusEngine(dir, declared, env, openStores(env, declared));
        } catch (RuntimeException e) {
            try {
                env.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StorageException("cannot open the stores of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EnvironmentConfig config(XodusOptions options) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long cacheBytes = cacheBytes(options.cacheBytes(), maxHeap);
        if (cacheBytes < options.cacheBytes()) {
            org.slf4j.LoggerFactory.getLogger(XodusEngine.class).warn(
                    "Xodus cache of {} bytes is more than half this JVM's heap of {} bytes; using {} bytes "
                            + "(raise -Xmx or lower storage.xodus.cache-bytes)", options.cacheBytes(), maxHeap, cacheBytes);
        }
        return new EnvironmentConfig()
                .setMemoryUsage(cacheBytes)
                .setLogDurableWrite(options.durableWrite())
                .setEnvGatherStatistics(false)
                .setManagementEnabled(false)
                .setEnvCloseForcedly(false);
    }

    /**
     * The cache Xodus gets: the configured size, but at most half the heap. Xodus refuses a
     * cache that is not smaller than the heap, and a member must still start with a small
     * {@code -Xmx}.
     */
    static long cacheBytes(long configured, long maxHeap) {
        return Math.max(1, Math.min(configured, maxHeap / 2));
    }

    private static Map<Table, Store> openStores(EnvironmentImpl env, List<Table> tables) {
        Map<Table, Store> stores = new LinkedHashMap<>();
        Transaction txn = env.beginExclusiveTransaction();
        try {
            for (Table table : tables) {
                stores.put(table, env.openStore(table.name(), storeConfig(table), txn));
            }
            if (!txn.commit()) {
                throw new StorageException("Xodus refused to commit the creation of the stores");
            }
        } finally {
            if (!txn.isFinished()) {
                txn.abort();
            }
        }
        return Map.copyOf(stores);
    }

    @Override
    public List<Table> tables() {
        return tables;
    }

    @Override
    public ReadTxn beginRead() {
        return gate.beginRead(() -> new XodusReadTxn(this, XodusErrors.call(env::beginReadonlyTransaction)));
    }

    @Override
    public WriteTxn beginWrite() {
        return gate.beginWrite(() -> new XodusWriteTxn(this, XodusErrors.call(env::beginExclusiveTransaction)));
    }

    @Override
    public void sync() {
        checkOpen();
        XodusErrors.run(env::flushAndSync);
    }

    @Override
    public long diskSizeBytes() {
        checkOpen();
        return XodusErrors.call(() -> env.getLog().getDiskUsage());
    }

    /** Closes the environment (which syncs it); a no-op when already closed. */
    @Override
    public void close() {
        gate.close(() -> XodusErrors.run(env::close));
    }

    @Override
    public String toString() {
        return "XodusEngine[" + dir + "]";
    }

    Store store(Table table) {
        Store store = stores.get(Objects.requireNonNull(table, "table"));
        if (store == null) {
            throw new IllegalArgumentException("table " + table + " is not one of " + tables);
        }
        return store;
    }

    /** Called once by a transaction when it has ended in Xodus. */
    void finished(XodusReadTxn txn) {
        gate.ended(txn, txn instanceof XodusWriteTxn);
    }

    private void checkOpen() {
        gate.checkOpen();
    }
}
