package io.eddy.loadtests.robustness.history;

import java.util.List;

/**
 * What an {@link Outcome#OK} operation returned.
 *
 * @param revision  the response header's revision: for a write that changed something, the
 *                  write's own revision
 * @param succeeded for {@link OpKind#CAS}: whether the compare held (the puts were applied)
 * @param deleted   for {@link OpKind#DELETE}: how many keys were deleted (0 or 1)
 * @param kvs       for {@link OpKind#GET} and {@link OpKind#RANGE}: the keys read, in key order;
 *                  for a CAS whose compare failed: the else branch's get of the first key
 */
public record OpResult(long revision, boolean succeeded, long deleted, List<Kv> kvs) {
    /** The result of an operation that has none (failed or unknown). */
    public static final OpResult NONE = new OpResult(0, false, 0, List.of());

    /** Copies the list. */
    public OpResult {
        kvs = List.copyOf(kvs);
    }
}
