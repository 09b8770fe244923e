package io.eddy.loadtests.robustness.history;

/** What a recorded client operation did (see {@link Operation} for the fields each kind uses). */
public enum OpKind {
    /** A linearizable read of one key. */
    GET,
    /** A put of one key. */
    PUT,
    /** A delete of one key. */
    DELETE,
    /**
     * A compare-and-swap transaction: if the first key's value equals {@link Operation#expected()}
     * (or, when that is null, the first key does not exist) then put {@link Operation#value()} to
     * every key of {@link Operation#keys()}, else get the first key.
     */
    CAS,
    /** A linearizable read of the range {@code [keys[0], rangeEnd)}. */
    RANGE
}
