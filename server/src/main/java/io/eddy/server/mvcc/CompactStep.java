package io.eddy.server.mvcc;

/** What one call of {@link MvccStore#compactStep(int, long)} found or did. */
public enum CompactStep {
    /** No compacted history is left to remove. */
    FINISHED,
    /** The step removed some history and more remains: call again. */
    MORE,
    /**
     * A new pass is due but its target (the compact revision) is above the caller's limit:
     * nothing was removed. Calling again with the same limit finds the same.
     */
    HELD
}
