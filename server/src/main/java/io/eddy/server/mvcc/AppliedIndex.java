package io.eddy.server.mvcc;

/**
 * The position in the Raft log that the stored state covers: every entry at or below
 * {@code index} is applied, none above. Written in the same engine transaction as the data.
 */
public record AppliedIndex(long term, long index) {
    /** A store that has applied nothing. */
    public static final AppliedIndex NONE = new AppliedIndex(0, 0);
}
