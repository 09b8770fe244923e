package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.KeyRange;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ranges, checked by revision instead of by search: a linearizable range answered at header
 * revision H must show exactly the store as of H. For every key of the span that a known write
 * changed, the last change at or below H must be what the range shows: a put with the same
 * value and modRevision, or (for a delete, or no change at all) no key; keys come in ascending
 * order, once, inside the span. With the real-time order of H checked by
 * {@link RevisionChecker} (H is not older than any write completed before the range started),
 * this makes a range linearizable at H. A key missing where the last known change is a put is
 * accepted only if an UNKNOWN delete of it, invoked before the range completed, was never seen
 * (it may have been applied unseen).
 */
final class RangeChecker {
    private static final int MAX_REPORTED = 20;

    private RangeChecker() {
    }

    static List<Violation> check(List<Operation> ops, WriteIndex index) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : ops) {
            if (op.kind() != OpKind.RANGE || op.outcome() != Outcome.OK || violations.size() >= MAX_REPORTED) {
                continue;
            }
            long h = op.result().revision();
            Map<String, Kv> shown = new HashMap<>();
            String previous = null;
            for (Kv kv : op.result().kvs()) {
                if (!KeyRange.contains(op.key(), op.rangeEnd(), kv.key())) {
                    violations.add(new Violation("ranges", kv.key() + " is outside the range", List.of(op)));
                }
                if (previous != null && KeyRange.compare(previous, kv.key()) >= 0) {
                    violations.add(new Violation("ranges", kv.key() + " is not after " + previous, List.of(op)));
                }
                previous = kv.key();
                shown.put(kv.key(), kv);
            }
            TreeSet<String> keys = new TreeSet<>(shown.keySet());
            index.keys().stream().filter(k -> KeyRange.contains(op.key(), op.rangeEnd(), k)).forEach(keys::add);
            for (String key : keys) {
                Map.Entry<Long, WriteIndex.Change> last = index.changes(key).floorEntry(h);
                Kv kv = shown.get(key);
                if (kv != null) {
                    if (last == null || !last.getValue().put() || last.getKey() != kv.modRevision()
                            || !kv.value().equals(last.getValue().value())) {
                        violations.add(new Violation("ranges", "the range at revision " + h + " shows " + kv
                                + " but the last change of " + key + " at or below it is "
                                + (last == null ? "none" : last.getValue() + " at " + last.getKey()),
                                last == null ? List.of(op) : List.of(op, index.byRevision().get(last.getKey()).op())));
                    }
                } else if (last != null && last.getValue().put()
                        && !index.unseenDeleteBefore(key, op.effectiveCompleteNanos())) {
                    violations.add(new Violation("ranges", "the range at revision " + h + " misses " + key
                            + ", put at revision " + last.getKey(),
                            List.of(op, index.byRevision().get(last.getKey()).op())));
                }
            }
        }
        return violations;
    }
}
