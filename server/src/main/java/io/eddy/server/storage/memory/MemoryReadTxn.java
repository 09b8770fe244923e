package io.eddy.server.storage.memory;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** A snapshot of a {@link MemoryEngine}: every version committed up to {@link #snapshot}. */
class MemoryReadTxn implements ReadTxn {

    final MemoryEngine engine;
    final long snapshot;
    private final List<MemoryCursor> cursors = new ArrayList<>();
    private boolean ended;

    MemoryReadTxn(MemoryEngine engine, long snapshot) {
        this.engine = engine;
        this.snapshot = snapshot;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        NavigableMap<byte[], Version> map = engine.table(table);
        checkActive();
        byte[] value = Version.visible(map.get(key), snapshot);
        return value == null ? null : value.clone();
    }

    @Override
    public Cursor cursor(Table table) {
        engine.table(table);
        checkActive();
        MemoryCursor cursor = new MemoryCursor(this, table);
        cursors.add(cursor);
        return cursor;
    }

    @Override
    public void close() {
        end();
    }

    /**
     * The first live entry of {@code table} in the given direction, starting at {@code from}
     * ({@code null}: at the start), or {@code null}. The returned arrays are not copies.
     */
    Map.Entry<byte[], byte[]> find(Table table, byte[] from, boolean inclusive, boolean ascending) {
        return firstLive(engine.table(table), from, inclusive, ascending,
                chain -> Version.visible(chain, snapshot), key -> false);
    }

    /** Ends the transaction once, closing its cursors; returns whether this call ended it. */
    final boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        for (MemoryCursor cursor : List.copyOf(cursors)) {
            cursor.close();
        }
        engine.finished(this);
        return true;
    }

    final void checkActive() {
        if (ended) {
            throw new IllegalStateException("the transaction is finished");
        }
    }

    final void cursorClosed(MemoryCursor cursor) {
        cursors.remove(cursor);
    }

    /**
     * Walks {@code map} from {@code from} in one direction and returns the first entry that
     * {@code skip} does not reject and whose {@code valueOf} is not {@code null}.
     */
    static <V> Map.Entry<byte[], byte[]> firstLive(NavigableMap<byte[], V> map, byte[] from, boolean inclusive,
            boolean ascending, Function<V, byte[]> valueOf, Predicate<byte[]> skip) {
        NavigableMap<byte[], V> view = map;
        if (from != null) {
            view = ascending ? map.tailMap(from, inclusive) : map.headMap(from, inclusive);
        }
        if (!ascending) {
            view = view.descendingMap();
        }
        for (Map.Entry<byte[], V> entry : view.entrySet()) {
            if (skip.test(entry.getKey())) {
                continue;
            }
            byte[] value = valueOf.apply(entry.getValue());
            if (value != null) {
                return Map.entry(entry.getKey(), value);
            }
        }
        return null;
    }
}
