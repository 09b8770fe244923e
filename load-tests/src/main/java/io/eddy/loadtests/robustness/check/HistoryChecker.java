package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a {@link History}: the write index (values seen that no write wrote, failed writes
 * seen, writes applied twice, revisions taken twice), the revision checks, the ranges, the
 * linearizability search per key partition and the watch guarantees. Every check runs; the
 * verdict is VIOLATION if any found one, else UNKNOWN if a bounded search gave up, else OK.
 * See each checker for exactly what it checks.
 */
public final class HistoryChecker {
    /** Bounds that keep a check of a long run to minutes. */
    public static final HistoryChecker DEFAULT = new HistoryChecker(20_000_000L, Duration.ofMinutes(5));

    private final long maxStepsPerPartition;
    private final Duration searchBudget;

    /**
     * @param maxStepsPerPartition steps after which one partition's search gives up
     * @param searchBudget         wall time for all the searches together
     */
    public HistoryChecker(long maxStepsPerPartition, Duration searchBudget) {
        this.maxStepsPerPartition = maxStepsPerPartition;
        this.searchBudget = searchBudget;
    }

    /** Checks {@code history}; throws IllegalArgumentException if two writes wrote one value to a key. */
    public CheckReport check(History history) {
        WriteIndex index = WriteIndex.build(history);
        List<Violation> violations = new ArrayList<>(index.violations());
        violations.addAll(RevisionChecker.check(history.operations(), index));
        violations.addAll(RangeChecker.check(history.operations(), index));
        List<Operation> minimal = List.of();
        int gaveUp = 0;
        long steps = 0;
        List<LinearizabilityChecker.PartitionResult> partitions =
                new LinearizabilityChecker(index, maxStepsPerPartition, searchBudget).check(history.operations());
        for (LinearizabilityChecker.PartitionResult p : partitions) {
            steps += p.steps();
            switch (p.result()) {
                case GAVE_UP -> gaveUp++;
                case VIOLATION -> {
                    violations.add(new Violation("linearizability", "keys " + p.keys()
                            + " are not linearizable; the smallest failing cut has " + p.ops().size()
                            + " operations", p.ops().size() <= 30 ? p.ops() : p.ops().subList(p.ops().size() - 30,
                            p.ops().size())));
                    if (minimal.isEmpty()) {
                        minimal = p.ops();
                    }
                }
                case LINEARIZABLE -> {
                }
            }
        }
        violations.addAll(WatchChecker.check(history.watches(), index));
        if (minimal.isEmpty()) {
            minimal = violations.stream().filter(v -> !v.operations().isEmpty()).findFirst()
                    .map(Violation::operations).orElse(List.of());
        }
        Verdict verdict = !violations.isEmpty() ? Verdict.VIOLATION : gaveUp > 0 ? Verdict.UNKNOWN : Verdict.OK;
        return new CheckReport(verdict, violations, minimal, history.operations().size(), history.watches().size(),
                partitions.size(), gaveUp, steps, index.watchedThrough());
    }
}
