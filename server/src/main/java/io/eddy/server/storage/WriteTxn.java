package io.eddy.server.storage;

/** The engine's single read-write transaction; it sees its own writes. */
public interface WriteTxn extends ReadTxn {

    void put(Table table, byte[] key, byte[] value);

    /** Removes {@code key}; returns whether it was present. */
    boolean delete(Table table, byte[] key);

    /**
     * Makes every write of this transaction visible at once. The transaction is finished
     * afterwards (close is still allowed and does nothing).
     */
    void commit();
}
