package io.eddy.server.storage.memory;

import io.eddy.server.storage.Table;
import io.eddy.server.storage.WriteTxn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The write transaction of a {@link MemoryEngine}: its writes wait in an overlay (one sorted
 * map per table, {@code null} meaning deleted) over the committed state, and reach the engine
 * together at {@link #commit()}.
 */
final class MemoryWriteTxn extends MemoryReadTxn implements WriteTxn {

    private final Map<Table, TreeMap<byte[], byte[]>> overlay = new HashMap<>();

    MemoryWriteTxn(MemoryEngine engine, long snapshot) {
        super(engine, snapshot);
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        TreeMap<byte[], byte[]> writes = overlay(table);
        checkActive();
        if (writes.containsKey(key)) {
            byte[] value = writes.get(key);
            return value == null ? null : value.clone();
        }
        return super.get(table, key);
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        TreeMap<byte[], byte[]> writes = overlay(table);
        checkActive();
        writes.put(key.clone(), value.clone());
    }

    @Override
    public boolean delete(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        boolean present = get(table, key) != null;
        if (present) {
            overlay(table).put(key.clone(), null);
        }
        return present;
    }

    @Override
    public void commit() {
        checkActive();
        try {
            engine.commit(overlay);
        } finally {
            end();
        }
    }

    @Override
    Map.Entry<byte[], byte[]> find(Table table, byte[] from, boolean inclusive, boolean ascending) {
        TreeMap<byte[], byte[]> writes = overlay(table);
        Map.Entry<byte[], byte[]> base = firstLive(engine.table(table), from, inclusive, ascending,
                chain -> Version.visible(chain, snapshot), writes::containsKey);
        Map.Entry<byte[], byte[]> own = firstLive(writes, from, inclusive, ascending, v -> v, key -> false);
        if (base == null || own == null) {
            return base == null ? own : base;
        }
        int order = Arrays.compareUnsigned(base.getKey(), own.getKey());
        return (ascending ? order < 0 : order > 0) ? base : own;
    }

    private TreeMap<byte[], byte[]> overlay(Table table) {
        engine.table(table);
        return overlay.computeIfAbsent(table, t -> new TreeMap<>(Arrays::compareUnsigned));
    }
}
