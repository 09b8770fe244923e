package io.eddy.server.storage;

import java.util.List;

/**
 * An ordered key-value engine holding the {@link Table}s declared when it was opened.
 * See the package documentation for the contract every engine keeps.
 */
public interface Engine extends AutoCloseable {

    /** The tables declared at open, in declaration order. */
    List<Table> tables();

    /** Starts a snapshot read transaction; never blocks on writers. */
    ReadTxn beginRead();

    /** Starts the read-write transaction, waiting until no other one is open. */
    WriteTxn beginWrite();

    /** Makes every committed transaction durable (flush and fsync). */
    void sync();

    /** Bytes the engine occupies on disk (0 for an in-memory engine). */
    long diskSizeBytes();

    /**
     * Closes the engine. Open transactions must be closed first; an engine that is closed
     * can be opened again on the same directory and holds what was committed.
     */
    @Override
    void close();
}
