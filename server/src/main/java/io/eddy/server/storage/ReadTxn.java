package io.eddy.server.storage;

/** A snapshot of an engine; see the package documentation. */
public interface ReadTxn extends AutoCloseable {

    /** The value stored under {@code key}, or {@code null}. */
    byte[] get(Table table, byte[] key);

    /** A new unpositioned cursor over {@code table}; close it before the transaction. */
    Cursor cursor(Table table);

    /** Ends the transaction (for a write transaction that was not committed: discards it). */
    @Override
    void close();
}
