package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.OpResult;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linearizability of the single-key and CAS operations, partitioned by key: keys that one
 * operation names together (a CAS writing several keys) fall in one partition, checked with a
 * multi-key {@link KvModel}; linearizability is local, so a history is linearizable exactly
 * when each partition is. RANGE operations are not in the search (see {@link RangeChecker});
 * FAIL operations and UNKNOWN reads are left out (they did nothing), and so are UNKNOWN writes
 * nobody saw when the watchers delivered every revision
 * ({@link WriteIndex#mayHaveTakenEffectUnseen}: such a write did not take effect before anything
 * observed). Each partition's search
 * ({@link LinearSearch}) is bounded; one that gives up makes the verdict UNKNOWN.
 *
 * <p>For a failing partition, the smallest failing prefix is found: the partition cut at a
 * time T (operations invoked after T dropped, operations completing after T turned into
 * UNKNOWN writes that keep their revision, or dropped if reads). A cut of a linearizable
 * history is linearizable, so a failing cut is a genuine violation, and a short one to read.
 */
final class LinearizabilityChecker {
    /** The result of one partition. */
    record PartitionResult(List<String> keys, LinearSearch.Result result, List<Operation> ops, long steps) {
    }

    private final WriteIndex index;
    private final long maxSteps;
    private final Duration budget;

    LinearizabilityChecker(WriteIndex index, long maxSteps, Duration budget) {
        this.index = index;
        this.maxSteps = maxSteps;
        this.budget = budget;
    }

    /** Checks every partition of {@code ops}; a failing partition's ops are its smallest failing cut. */
    List<PartitionResult> check(List<Operation> ops) {
        Map<String, String> parent = new HashMap<>();
        List<Operation> searched = new ArrayList<>();
        for (Operation op : ops) {
            if (op.kind() == OpKind.RANGE || op.outcome() == Outcome.FAIL
                    || (op.outcome() == Outcome.UNKNOWN && !op.mayWrite())
                    || (op.outcome() == Outcome.UNKNOWN && op.kind() == OpKind.GET)
                    || (op.outcome() == Outcome.UNKNOWN && !index.learned(op) && !index.mayHaveTakenEffectUnseen(op))) {
                // an UNKNOWN write no watcher saw, when the watchers saw every revision: it did not
                // take effect, or after everything observed (the same here); left out, it cannot make
                // the search explore every subset of such writes
                continue;
            }
            searched.add(op);
            for (String key : op.keys()) {
                union(parent, op.key(), key);
            }
        }
        Map<String, List<Operation>> partitions = new LinkedHashMap<>();
        for (Operation op : searched) {
            partitions.computeIfAbsent(find(parent, op.key()), k -> new ArrayList<>()).add(op);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<PartitionResult> results = new ArrayList<>();
        for (List<Operation> part : partitions.values()) {
            List<String> keys = part.stream().flatMap(op -> op.keys().stream()).distinct().sorted().toList();
            LinearSearch.Outcome outcome = search(part, index::revisionOf, deadline);
            List<Operation> shown = part;
            if (outcome.result() == LinearSearch.Result.VIOLATION) {
                shown = smallestFailingCut(part, deadline);
            }
            results.add(new PartitionResult(keys, outcome.result(), shown, outcome.steps()));
        }
        return results;
    }

    private LinearSearch.Outcome search(List<Operation> part, java.util.function.ToLongFunction<Operation> revisionOf,
            long deadline) {
        KvModel model = new KvModel(revisionOf, op -> op.outcome() == Outcome.UNKNOWN
                && revisionOf.applyAsLong(op) != KvModel.UNKNOWN);
        return LinearSearch.run(part, model, maxSteps, deadline);
    }

    private List<Operation> smallestFailingCut(List<Operation> part, long deadline) {
        List<Long> times = part.stream().flatMap(op -> java.util.stream.Stream.of(op.invokeNanos(),
                op.effectiveCompleteNanos())).filter(t -> t != Long.MAX_VALUE).sorted().distinct().toList();
        List<Operation> best = part;
        int low = 0;
        int high = times.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Map<Integer, Long> revisions = new HashMap<>();
            List<Operation> cut = cut(part, times.get(mid), revisions);
            LinearSearch.Result r = search(cut, op -> revisions.getOrDefault(op.id(), KvModel.UNKNOWN), deadline)
                    .result();
            if (r == LinearSearch.Result.VIOLATION) {
                best = cut;
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return best;
    }

    private List<Operation> cut(List<Operation> part, long t, Map<Integer, Long> revisions) {
        List<Operation> cut = new ArrayList<>();
        for (Operation op : part.stream().sorted(Comparator.comparingLong(Operation::invokeNanos)).toList()) {
            if (op.invokeNanos() > t) {
                continue;
            }
            long revision = index.revisionOf(op);
            if (op.effectiveCompleteNanos() <= t || op.outcome() == Outcome.UNKNOWN) {
                cut.add(op);
            } else if (op.wrote()) {
                op = new Operation(op.id(), op.client(), op.kind(), op.keys(), op.rangeEnd(), op.value(),
                        op.expected(), op.invokeNanos(), op.completeNanos(), Outcome.UNKNOWN, OpResult.NONE,
                        "completed after the cut");
                cut.add(op);
            } else {
                continue;
            }
            if (revision != KvModel.UNKNOWN) {
                revisions.put(op.id(), revision);
            }
        }
        return cut;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    private static String find(Map<String, String> parent, String key) {
        String p = parent.getOrDefault(key, key);
        if (p.equals(key)) {
            parent.putIfAbsent(key, key);
            return key;
        }
        String root = find(parent, p);
        parent.put(key, root);
        return root;
    }
}
