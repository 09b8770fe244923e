package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The sequential specification of a group of keys with etcd's semantics: each key is a
 * register with its value, the revision of its last change (a delete included) and its
 * version. {@link #step} applies one operation to a state, or says it cannot happen there:
 *
 * <ul>
 *   <li>GET: the key must be as read: absent, or the same value and version, and the same
 *       modRevision when the state knows it.</li>
 *   <li>PUT and a successful CAS: a known revision must be above the key's last change (per
 *       key, writes happen in revision order); version +1 (1 after absence).</li>
 *   <li>DELETE that deleted 1: the key must exist; that deleted 0: it must not.</li>
 *   <li>A CAS's compare: the first key's value equals {@code expected}, or with expected null
 *       the key does not exist; a failed CAS's else-get is checked like a GET.</li>
 *   <li>UNKNOWN writes: applied when their precondition holds, a no-op otherwise; since their
 *       completion is +infinity, "not applied" is the same as "applied after everything else".
 *       One seen applied (a known revision) must have its precondition hold. Their revision,
 *       when never seen, is unknown (-1) and constrains nothing.</li>
 * </ul>
 */
final class KvModel {
    static final long UNKNOWN = -1;

    /** One key: exists, value, the revision of its last change (-1 unknown), version. */
    record Reg(boolean exists, String value, long modRevision, long version) {
        static final Reg INITIAL = new Reg(false, null, 0, 0);
    }

    private final ToLongFunction<Operation> revisionOf;
    private final Predicate<Operation> seenApplied;

    KvModel(ToLongFunction<Operation> revisionOf, Predicate<Operation> seenApplied) {
        this.revisionOf = revisionOf;
        this.seenApplied = seenApplied;
    }

    /** The state after {@code op} from {@code state}, or null if {@code op} cannot happen there. */
    Map<String, Reg> step(Map<String, Reg> state, Operation op) {
        Reg reg = state.getOrDefault(op.key(), Reg.INITIAL);
        boolean ok = op.outcome() == Outcome.OK;
        long revision = revisionOf.applyAsLong(op);
        switch (op.kind()) {
            case GET:
                return matches(reg, op.result().kvs()) ? state : null;
            case PUT:
                return write(state, op.keys(), op.value(), revision);
            case DELETE: {
                if (ok && op.result().deleted() == 0) {
                    return reg.exists() ? null : state;
                }
                if (!reg.exists()) {
                    return ok || seenApplied.test(op) ? null : state;
                }
                if (!ordered(reg, revision)) {
                    return null;
                }
                Map<String, Reg> next = new HashMap<>(state);
                next.put(op.key(), new Reg(false, null, revision, 0));
                return next;
            }
            case CAS: {
                boolean holds = op.expected() == null ? !reg.exists() : reg.exists() && op.expected().equals(reg.value());
                if (ok && !op.result().succeeded()) {
                    return !holds && matches(reg, op.result().kvs()) ? state : null;
                }
                if (!holds) {
                    return ok || seenApplied.test(op) ? null : state;
                }
                return write(state, op.keys(), op.value(), revision);
            }
            default:
                throw new IllegalArgumentException("not a single-group operation: " + op.describe());
        }
    }

    private static Map<String, Reg> write(Map<String, Reg> state, List<String> keys, String value, long revision) {
        Map<String, Reg> next = new HashMap<>(state);
        for (String key : keys) {
            Reg reg = state.getOrDefault(key, Reg.INITIAL);
            if (!ordered(reg, revision)) {
                return null;
            }
            next.put(key, new Reg(true, value, revision, reg.exists() ? reg.version() + 1 : 1));
        }
        return next;
    }

    private static boolean ordered(Reg reg, long revision) {
        return revision == UNKNOWN || reg.modRevision() == UNKNOWN || revision > reg.modRevision();
    }

    private static boolean matches(Reg reg, List<Kv> kvs) {
        if (kvs.isEmpty()) {
            return !reg.exists();
        }
        Kv kv = kvs.get(0);
        return reg.exists() && kv.value().equals(reg.value()) && kv.version() == reg.version()
                && (reg.modRevision() == UNKNOWN || kv.modRevision() == reg.modRevision());
    }
}
