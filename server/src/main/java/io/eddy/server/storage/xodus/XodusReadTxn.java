package io.eddy.server.storage.xodus;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * A transaction of a {@link XodusEngine}: read-only here, read-write in {@link XodusWriteTxn}.
 * Tracks its cursors so that none outlives it: ending the transaction closes those left open.
 */
class XodusReadTxn implements ReadTxn {

    final XodusEngine engine;
    final Transaction txn;
    private final List<XodusCursor> cursors = new ArrayList<>();
    private boolean ended;

    XodusReadTxn(XodusEngine engine, Transaction txn) {
        this.engine = engine;
        this.txn = txn;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        Store store = engine.store(table);
        checkActive();
        ByteIterable value = XodusErrors.call(() -> store.get(txn, XodusErrors.wrap(key)));
        return value == null ? null : XodusErrors.bytes(value);
    }

    @Override
    public Cursor cursor(Table table) {
        Store store = engine.store(table);
        checkActive();
        XodusCursor cursor = new XodusCursor(this, store);
        cursors.add(cursor);
        return cursor;
    }

    @Override
    public void close() {
        end(false);
    }

    /**
     * Ends the transaction once: closes the cursors still open, then commits or aborts the
     * Xodus transaction, and tells the engine (which frees the write permit).
     *
     * @return whether Xodus committed (false when aborting)
     */
    final boolean end(boolean commit) {
        if (ended) {
            return false;
        }
        ended = true;
        try {
            for (XodusCursor cursor : List.copyOf(cursors)) {
                cursor.close();
            }
            if (commit) {
                return XodusErrors.call(txn::commit);
            }
            return false;
        } finally {
            try {
                if (!txn.isFinished()) {
                    XodusErrors.run(txn::abort);
                }
            } finally {
                engine.finished(this);
            }
        }
    }

    final void checkActive() {
        if (ended) {
            throw new IllegalStateException("the transaction is finished");
        }
    }

    final void cursorClosed(XodusCursor cursor) {
        cursors.remove(cursor);
    }

    /** Lets every open cursor remember its entry before this transaction changes the store. */
    final void beforeWrite() {
        for (XodusCursor cursor : cursors) {
            cursor.beforeWrite();
        }
    }
}
