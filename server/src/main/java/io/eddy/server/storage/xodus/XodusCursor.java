package io.eddy.server.storage.xodus;

import io.eddy.server.storage.Cursor;
import java.util.Arrays;
import java.util.Objects;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Store;

/**
 * A {@link Cursor} over a Xodus cursor.
 *
 * <p>A Xodus cursor reads the tree it first touched: in a write transaction it would miss
 * writes made after that. So before the transaction writes, it calls {@link #beforeWrite()},
 * which copies the current entry out and marks the Xodus cursor stale; the next move opens
 * a fresh Xodus cursor and repositions it by key. {@link #key()} and {@link #value()} always
 * describe the entry the last move landed on.
 */
final class XodusCursor implements Cursor {

    private final XodusReadTxn txn;
    private final Store store;
    private jetbrains.exodus.env.Cursor cursor;
    private boolean positioned;
    /** The Xodus cursor predates a write of the transaction: reopen before moving. */
    private boolean stale;
    /** The current entry, copied out when the cursor went stale (null otherwise). */
    private byte[] savedKey;
    private byte[] savedValue;
    private boolean closed;

    XodusCursor(XodusReadTxn txn, Store store) {
        this.txn = txn;
        this.store = store;
        this.cursor = XodusErrors.call(() -> store.openCursor(txn.txn));
    }

    @Override
    public boolean seek(byte[] key) {
        Objects.requireNonNull(key, "key");
        reopenIfStale();
        return moved(XodusErrors.call(() -> cursor.getSearchKeyRange(XodusErrors.wrap(key))) != null);
    }

    @Override
    public boolean first() {
        checkOpen();
        reopen();
        return moved(XodusErrors.call(cursor::getNext));
    }

    @Override
    public boolean last() {
        reopenIfStale();
        return moved(XodusErrors.call(cursor::getLast));
    }

    @Override
    public boolean next() {
        checkOpen();
        if (!positioned) {
            return false;
        }
        if (!stale) {
            return moved(XodusErrors.call(cursor::getNext));
        }
        byte[] from = savedKey;
        reopen();
        ByteIterable found = XodusErrors.call(() -> cursor.getSearchKeyRange(XodusErrors.wrap(from)));
        if (found == null) {
            return moved(false);
        }
        if (Arrays.equals(currentKey(), from)) {
            return moved(XodusErrors.call(cursor::getNext));
        }
        return moved(true); // the entry we stood on was deleted: its successor is next
    }

    @Override
    public boolean prev() {
        checkOpen();
        if (!positioned) {
            return false;
        }
        if (!stale) {
            return moved(XodusErrors.call(cursor::getPrev));
        }
        byte[] from = savedKey;
        reopen();
        ByteIterable found = XodusErrors.call(() -> cursor.getSearchKeyRange(XodusErrors.wrap(from)));
        // Standing on the first key >= from (if any), the previous entry is the last one < from.
        return moved(XodusErrors.call(found == null ? cursor::getLast : cursor::getPrev));
    }

    @Override
    public byte[] key() {
        checkPositioned();
        return stale ? savedKey.clone() : currentKey();
    }

    @Override
    public byte[] value() {
        checkPositioned();
        return stale ? savedValue.clone() : currentValue();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            positioned = false;
            txn.cursorClosed(this);
            XodusErrors.run(cursor::close);
        }
    }

    /** See the class documentation; called by the transaction before each write. */
    void beforeWrite() {
        if (!stale) {
            if (positioned) {
                savedKey = currentKey();
                savedValue = currentValue();
            }
            stale = true;
        }
    }

    private byte[] currentKey() {
        return XodusErrors.call(() -> XodusErrors.bytes(cursor.getKey()));
    }

    private byte[] currentValue() {
        return XodusErrors.call(() -> XodusErrors.bytes(cursor.getValue()));
    }

    private boolean moved(boolean onEntry) {
        positioned = onEntry;
        return onEntry;
    }

    private void reopenIfStale() {
        checkOpen();
        if (stale) {
            reopen();
        }
    }

    private void reopen() {
        XodusErrors.run(cursor::close);
        cursor = XodusErrors.call(() -> store.openCursor(txn.txn));
        stale = false;
        savedKey = null;
        savedValue = null;
        positioned = false;
    }

    private void checkPositioned() {
        checkOpen();
        if (!positioned) {
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
