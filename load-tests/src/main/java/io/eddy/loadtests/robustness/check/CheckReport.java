package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Operation;
import java.util.List;

/**
 * What {@link HistoryChecker} found.
 *
 * @param verdict          OK, VIOLATION (see {@code violations}) or UNKNOWN (a bounded search gave up)
 * @param violations       every violation found (each check reports a bounded number)
 * @param minimalFailing   the smallest failing cut of a non-linearizable partition, else the
 *                         operations of the first other violation, else empty
 * @param partitions       key partitions searched
 * @param partitionsGaveUp partitions whose search hit its bound
 * @param searchSteps      steps of every search together
 * @param watchedThrough   the revision up to which the watchers delivered every revision (so UNKNOWN
 *                         writes nobody saw were left out of the search), or -1 if they missed some
 */
public record CheckReport(Verdict verdict, List<Violation> violations, List<Operation> minimalFailing,
        int operations, int watchSessions, int partitions, int partitionsGaveUp, long searchSteps,
        long watchedThrough) {
    /** Copies the lists. */
    public CheckReport {
        violations = List.copyOf(violations);
        minimalFailing = List.copyOf(minimalFailing);
    }

    /** A human summary: the verdict and counts, then each violation. */
    public String summary() {
        StringBuilder s = new StringBuilder("verdict ").append(verdict).append(": ").append(operations)
                .append(" operations, ").append(watchSessions).append(" watch sessions, ").append(partitions)
                .append(" key partitions (").append(partitionsGaveUp).append(" gave up, ").append(searchSteps)
                .append(" search steps), ").append(violations.size()).append(" violations");
        s.append(watchedThrough >= 0 ? "\n  watchers saw every revision up to " + watchedThrough
                + ": UNKNOWN writes nobody saw (invoked after the first answer) left out"
                : "\n  watchers missed revisions: UNKNOWN writes nobody saw stay in the search");
        for (Violation v : violations) {
            s.append("\n  ").append(v);
        }
        return s.toString();
    }
}
