package io.eddy.loadtests.robustness.history;

import java.util.List;
import java.util.Objects;

/**
 * One client operation: its invocation, its completion and what it returned.
 *
 * <p>Fields by kind: every kind has {@code keys} (one key; a CAS may name more keys, all
 * written with the same value; a range has its first key). {@code value} is the value a PUT or
 * CAS writes: the traffic makes every written value unique, which is how the checkers tell
 * which write a read saw. {@code expected} is a CAS's compared value (null: "the key does not
 * exist"). {@code rangeEnd} is a RANGE's exclusive end.
 *
 * <p>Times are {@link System#nanoTime()} readings of one JVM. An operation whose outcome is
 * {@link Outcome#UNKNOWN} may have taken effect at any time after its invocation: the checkers
 * treat its completion as +infinity, whatever {@code completeNanos} says (the time the client
 * gave up).
 *
 * @param id     unique in its history
 * @param client the client that issued it (a client has at most one operation in flight)
 * @param error  the failure's description, or empty
 */
public record Operation(int id, int client, OpKind kind, List<String> keys, String rangeEnd, String value,
        String expected, long invokeNanos, long completeNanos, Outcome outcome, OpResult result, String error) {
    /** Checks the fields every kind needs. */
    public Operation {
        Objects.requireNonNull(kind, "kind");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an operation names at least one key");
        }
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(result, "result");
        error = error == null ? "" : error;
        if ((kind == OpKind.PUT || kind == OpKind.CAS) && value == null) {
            throw new IllegalArgumentException(kind + " needs a value");
        }
        if (kind == OpKind.RANGE && rangeEnd == null) {
            throw new IllegalArgumentException("RANGE needs a rangeEnd");
        }
    }

    /** The first (for most kinds, the only) key. */
    public String key() {
        return keys.get(0);
    }

    /** The completion time the checkers use: +infinity ({@link Long#MAX_VALUE}) unless OK or FAIL. */
    public long effectiveCompleteNanos() {
        return outcome == Outcome.UNKNOWN ? Long.MAX_VALUE : completeNanos;
    }

    /**
     * Whether this operation, if it took effect, changed the store (so had a revision of its
     * own): a put, a CAS that is not known to have failed its compare, a delete that is not
     * known to have deleted nothing.
     */
    public boolean mayWrite() {
        return switch (kind) {
            case PUT -> true;
            case CAS -> outcome != Outcome.OK || result.succeeded();
            case DELETE -> outcome != Outcome.OK || result.deleted() > 0;
            case GET, RANGE -> false;
        };
    }

    /** Whether this is an OK operation that changed the store: its result's revision is its own. */
    public boolean wrote() {
        return outcome == Outcome.OK && mayWrite();
    }

    /** A short description for violation reports. */
    public String describe() {
        StringBuilder s = new StringBuilder().append('#').append(id).append(" c").append(client).append(' ')
                .append(kind).append(' ').append(keys.size() == 1 ? keys.get(0) : keys.toString());
        if (rangeEnd != null) {
            s.append("..").append(rangeEnd);
        }
        if (expected != null || kind == OpKind.CAS) {
            s.append(" if=").append(expected);
        }
        if (value != null) {
            s.append(" =").append(value);
        }
        s.append(" [").append(invokeNanos).append(", ")
                .append(outcome == Outcome.UNKNOWN ? "inf" : Long.toString(completeNanos)).append("] ").append(outcome);
        if (outcome == Outcome.OK) {
            s.append(" rev=").append(result.revision());
            if (kind == OpKind.CAS) {
                s.append(result.succeeded() ? " succeeded" : " failed");
            }
            if (kind == OpKind.DELETE) {
                s.append(" deleted=").append(result.deleted());
            }
            if (!result.kvs().isEmpty() || kind == OpKind.GET || kind == OpKind.RANGE) {
                s.append(" kvs=").append(result.kvs());
            }
        }
        return s.toString();
    }
}
