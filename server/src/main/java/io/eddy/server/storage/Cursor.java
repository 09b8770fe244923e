package io.eddy.server.storage;

/**
 * Walks one table of one transaction in key order.
 *
 * <p>A cursor starts unpositioned. Each positioning method returns whether the cursor now
 * stands on an entry; once one returns {@code false} the cursor is unpositioned again and
 * {@link #next()}/{@link #prev()} return {@code false} until {@link #seek}, {@link #first()}
 * or {@link #last()} positions it. {@link #key()} and {@link #value()} need a position.
 * In a write transaction, a cursor reflects writes made before each move.
 */
public interface Cursor extends AutoCloseable {

    /** Moves to the first entry whose key is {@code >= key}. */
    boolean seek(byte[] key);

    boolean first();

    boolean last();

    boolean next();

    boolean prev();

    /** A copy of the current key. */
    byte[] key();

    /** A copy of the current value. */
    byte[] value();

    @Override
    void close();
}
