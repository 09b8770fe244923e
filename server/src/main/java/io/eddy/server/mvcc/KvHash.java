package io.eddy.server.mvcc;

/**
 * A hash of the key-value state at {@code revision}, equal on members that hold the same
 * history. It covers every version above {@code compactRevision} up to {@code revision}
 * (tombstones included) and, for each key, the version current at {@code compactRevision};
 * it does not depend on how far physical compaction has progressed.
 */
public record KvHash(int hash, long revision, long compactRevision) {
}
