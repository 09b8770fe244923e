package io.eddy.server.storage.memory;

/**
 * One committed version of a key: an immutable node of the key's version chain, newest first.
 *
 * @param seq   the commit sequence number that wrote it
 * @param value the value, or {@code null} for a deletion
 * @param older the previous version, or {@code null}
 */
record Version(long seq, byte[] value, Version older) {

    /** The value visible to a snapshot taken at {@code snapshot}, or {@code null}. */
    static byte[] visible(Version newest, long snapshot) {
        for (Version v = newest; v != null; v = v.older) {
            if (v.seq <= snapshot) {
                return v.value;
            }
        }
        return null;
    }

    /**
     * The chain without the versions no snapshot at or after {@code horizon} can see: this
     * chain itself when nothing can go, {@code null} when the key can be forgotten (its
     * version visible at the horizon is a deletion and nothing newer exists).
     */
    static Version prune(Version newest, long horizon) {
        Version keep = newest;
        while (keep != null && keep.seq > horizon) {
            keep = keep.older;
        }
        if (keep == null) {
            return newest; // every version is newer than the horizon
        }
        if (keep == newest && keep.value == null) {
            return null;
        }
        return keep.older == null ? newest : copyDownTo(newest, keep);
    }

    /** Whether the chain may still lose versions or the whole key in a later prune. */
    boolean prunable() {
        return older != null || value == null;
    }

    private static Version copyDownTo(Version node, Version last) {
        if (node == last) {
            return new Version(node.seq, node.value, null);
        }
        return new Version(node.seq, node.value, copyDownTo(node.older, last));
    }
}
