package io.eddy.server.storage.xodus;

import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.Table;
import io.eddy.server.storage.WriteTxn;
import java.util.Objects;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/** The write transaction of a {@link XodusEngine}: a Xodus exclusive transaction. */
final class XodusWriteTxn extends XodusReadTxn implements WriteTxn {

    XodusWriteTxn(XodusEngine engine, Transaction txn) {
        super(engine, txn);
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        Store store = engine.store(table);
        checkActive();
        beforeWrite();
        XodusErrors.call(() -> store.put(txn, XodusErrors.copy(key), XodusErrors.copy(value)));
    }

    @Override
    public boolean delete(Table table, byte[] key) {
        Objects.requireNonNull(key, "key");
        Store store = engine.store(table);
        checkActive();
        beforeWrite();
        return XodusErrors.call(() -> store.delete(txn, XodusErrors.wrap(key)));
    }

    @Override
    public void commit() {
        checkActive();
        if (!end(true)) {
            throw new StorageException("Xodus did not commit the write transaction of " + engine);
        }
    }
}
