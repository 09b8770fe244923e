package io.eddy.server.storage.memory;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.Table;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Cursor} of a {@link MemoryEngine}: each move is a fresh search of its transaction's
 * view (the write overlay included), from the key it stands on. {@link #key()} and
 * {@link #value()} describe the entry the last move landed on.
 */
final class MemoryCursor implements Cursor {

    private final MemoryReadTxn txn;
    private final Table table;
    private Map.Entry<byte[], byte[]> current;
    private boolean closed;

    MemoryCursor(MemoryReadTxn txn, Table table) {
        this.txn = txn;
        this.table = table;
    }

    @Override
    public boolean seek(byte[] key) {
        Objects.requireNonNull(key, "key");
        return move(key, true, true);
    }

    @Override
    public boolean first() {
        return move(null, true, true);
    }

    @Override
    public boolean last() {
        return move(null, true, false);
    }

    @Override
    public boolean next() {
        checkOpen();
        return current != null && move(current.getKey(), false, true);
    }

    @Override
    public boolean prev() {
        checkOpen();
        return current != null && move(current.getKey(), false, false);
    }

    @Override
    public byte[] key() {
        checkPositioned();
        return current.getKey().clone();
    }

    @Override
    public byte[] value() {
        checkPositioned();
        return current.getValue().clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            current = null;
            txn.cursorClosed(this);
        }
    }

    private boolean move(byte[] from, boolean inclusive, boolean ascending) {
        checkOpen();
        current = txn.find(table, from, inclusive, ascending);
        return current != null;
    }

    private void checkPositioned() {
        checkOpen();
        if (current == null) {
            throw new IllegalStateException("the cursor is not positioned");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        txn.checkActive();
    }
}
