package io.eddy.server.storage.memory;

import io.eddy.server.storage.Engine;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.Table;
import io.eddy.server.storage.TxnGate;
import io.eddy.server.storage.WriteTxn;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An in-memory {@link Engine} for tests; it keeps nothing across {@link #close()}.
 *
 * <p>Each table maps a key to its version chain ({@link Version}); every commit takes the
 * next sequence number. A read transaction remembers the last sequence number committed when
 * it began and sees, for each key, the newest version not after it. Versions no open reader
 * can see any more are pruned at each commit. Thread-safe.
 */
public final class MemoryEngine implements Engine {

    private final List<Table> tables;
    private final Map<Table, ConcurrentSkipListMap<byte[], Version>> data = new LinkedHashMap<>();
    /** Keys whose chains may lose versions at a later prune; touched by the writer only. */
    private final Map<Table, NavigableSet<byte[]>> prunable = new LinkedHashMap<>();
    /** Open readers' snapshots and how many readers hold each; guarded by itself. */
    private final NavigableMap<Long, Integer> readers = new TreeMap<>();
    private volatile long committed;
    private final TxnGate<MemoryReadTxn> gate = new TxnGate<>("the memory engine");

    /** A new empty engine holding {@code tables} (non-empty, distinct). */
    public MemoryEngine(List<Table> tables) {
        this.tables = List.copyOf(tables);
        if (this.tables.isEmpty() || new HashSet<>(this.tables).size() != this.tables.size()) {
            throw new IllegalArgumentException("tables must be non-empty and distinct: " + tables);
        }
        for (Table table : this.tables) {
            data.put(table, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
            prunable.put(table, new TreeSet<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public List<Table> tables() {
        return tables;
    }

    @Override
    public ReadTxn beginRead() {
        return gate.beginRead(() -> {
            long snapshot;
            synchronized (readers) {
                snapshot = committed;
                readers.merge(snapshot, 1, Integer::sum);
            }
            return new MemoryReadTxn(this, snapshot);
        });
    }

    @Override
    public WriteTxn beginWrite() {
        return gate.beginWrite(() -> new MemoryWriteTxn(this, committed));
    }

    /** Nothing to do: nothing is on disk. */
    @Override
    public void sync() {
        checkOpen();
    }

    @Override
    public long diskSizeBytes() {
        return 0;
    }

    /** Drops the data; refused while a transaction is open; a no-op when already closed. */
    @Override
    public void close() {
        gate.close(() -> data.values().forEach(Map::clear));
    }

    /** How many versions all chains hold (for tests of pruning). */
    long retainedVersions() {
        long count = 0;
        for (ConcurrentSkipListMap<byte[], Version> map : data.values()) {
            for (Version head : map.values()) {
                for (Version v = head; v != null; v = v.older()) {
                    count++;
                }
            }
        }
        return count;
    }

    NavigableMap<byte[], Version> table(Table table) {
        NavigableMap<byte[], Version> map = data.get(Objects.requireNonNull(table, "table"));
        if (map == null) {
            throw new IllegalArgumentException("table " + table + " is not one of " + tables);
        }
        return map;
    }

    /**
     * Publishes the writes of the write transaction at once (called with the write permit
     * held). {@code writes} maps each table to its written keys; a {@code null} value deletes.
     */
    void commit(Map<Table, ? extends NavigableMap<byte[], byte[]>> writes) {
        long seq = committed + 1;
        writes.forEach((table, entries) -> {
            ConcurrentSkipListMap<byte[], Version> map = data.get(table);
            entries.forEach((key, value) -> {
                Version previous = map.get(key);
                if (value != null || previous != null) {
                    map.put(key, new Version(seq, value, previous));
                    prunable.get(table).add(key);
                }
            });
        });
        committed = seq; // the volatile write that makes the whole commit visible
        prune();
    }

    /** Called once by a transaction when it ends. */
    void finished(MemoryReadTxn txn) {
        boolean write = txn instanceof MemoryWriteTxn;
        if (!gate.ended(txn, write)) {
            return;
        }
        if (!write) {
            synchronized (readers) {
                readers.computeIfPresent(txn.snapshot, (s, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private void prune() {
        long horizon;
        synchronized (readers) {
            horizon = readers.isEmpty() ? committed : readers.firstKey();
        }
        prunable.forEach((table, keys) -> {
            ConcurrentSkipListMap<byte[], Version> map = data.get(table);
            for (var it = keys.iterator(); it.hasNext(); ) {
                byte[] key = it.next();
                Version chain = map.get(key);
                Version pruned = Version.prune(chain, horizon);
                if (pruned == null) {
                    map.remove(key);
                    it.remove();
                    continue;
                }
                if (pruned != chain) {
                    map.put(key, pruned);
                }
                if (!pruned.prunable()) {
                    it.remove();
                }
            }
        });
    }

    private void checkOpen() {
        gate.checkOpen();
    }
}
