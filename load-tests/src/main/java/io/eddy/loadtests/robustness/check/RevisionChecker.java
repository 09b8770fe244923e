package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cheap checks on revisions, which in an etcd-like store order every write: every operation
 * with a result has a header revision H (a write that changed something: its own revision; an
 * UNKNOWN write seen applied: the revision it was seen at, with no completion time).
 *
 * <ul>
 *   <li>Real-time order: if A completed before B was invoked, H(A) &lt;= H(B), and H(A) &lt; H(B)
 *       when B changed the store. This covers "a write completing before another is invoked has
 *       a lower revision", "a linearizable read is not older than a write that completed before
 *       it started" (a stale read) and "reads never go back", for one client and across them.</li>
 *   <li>No read from the future: a read's header revision H is not above its kvs' revisions'
 *       bound ({@code modRevision <= H}), and the write that made revision H, when known, was
 *       invoked before the read completed.</li>
 * </ul>
 */
final class RevisionChecker {
    private static final int MAX_REPORTED = 20;

    private record Point(Operation op, long revision, boolean write) {
        long invoke() {
            return op.invokeNanos();
        }

        long complete() {
            return op.effectiveCompleteNanos();
        }
    }

    private RevisionChecker() {
    }

    static List<Violation> check(List<Operation> ops, WriteIndex index) {
        List<Violation> violations = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        for (Operation op : ops) {
            if (op.outcome() == Outcome.OK) {
                points.add(new Point(op, op.result().revision(), op.wrote()));
            } else if (op.outcome() == Outcome.UNKNOWN && index.learned(op)) {
                points.add(new Point(op, index.revisionOf(op), true));
            }
        }
        List<Point> byInvoke = new ArrayList<>(points);
        byInvoke.sort(Comparator.comparingLong(Point::invoke));
        List<Point> byComplete = new ArrayList<>(points);
        byComplete.sort(Comparator.comparingLong(Point::complete));
        int next = 0;
        Point highest = null;
        for (Point b : byInvoke) {
            while (next < byComplete.size() && byComplete.get(next).complete() < b.invoke()) {
                Point a = byComplete.get(next++);
                if (highest == null || a.revision() > highest.revision()) {
                    highest = a;
                }
            }
            if (highest != null && (b.revision() < highest.revision()
                    || (b.write() && b.revision() == highest.revision()))) {
                String what = b.write() ? "a write's revision is not above" : "a read's revision is below";
                add(violations, new Violation("revisions", what + " revision " + highest.revision()
                        + " of an operation that completed before it was invoked"
                        + (b.write() ? "" : " (stale read)"), List.of(highest.op(), b.op())));
            }
        }
        for (Point p : points) {
            Operation op = p.op();
            if (op.outcome() != Outcome.OK || op.wrote()) {
                continue;
            }
            for (Kv kv : op.result().kvs()) {
                if (kv.modRevision() > p.revision()) {
                    add(violations, new Violation("revisions", kv + " is newer than the read's revision "
                            + p.revision(), List.of(op)));
                }
            }
            WriteIndex.Write made = index.byRevision().get(p.revision());
            if (made != null && made.op().invokeNanos() > op.completeNanos()) {
                add(violations, new Violation("revisions", "a read at revision " + p.revision()
                        + " completed before the write that made that revision was invoked",
                        List.of(op, made.op())));
            }
            if (op.kind() == OpKind.DELETE && op.result().deleted() > 1) {
                add(violations, new Violation("revisions", "a single-key delete deleted " + op.result().deleted(),
                        List.of(op)));
            }
        }
        return violations;
    }

    private static void add(List<Violation> violations, Violation v) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(v);
        }
    }
}
