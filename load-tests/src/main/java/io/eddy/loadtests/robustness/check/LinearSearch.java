package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Operation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Wing–Gong linearizability search with Lowe's memoisation, as porcupine does it: the
 * operations' invocations and completions in time order in a linked list; repeatedly take the
 * first invocation whose operation the model accepts from the current state, unless the pair
 * (set of operations linearized, state) was seen before; when the first entry is a completion
 * (its operation could not be placed before it), undo the last choice. A history is
 * linearizable when the list empties. UNKNOWN operations complete at +infinity.
 *
 * <p>Bounded: after {@code maxSteps} steps or at the deadline it answers
 * {@link Result#GAVE_UP} instead of running on.
 */
final class LinearSearch {
    enum Result { LINEARIZABLE, VIOLATION, GAVE_UP }

    /** The answer, with the most operations placed at once (for a report of where it failed). */
    record Outcome(Result result, int deepest, long steps) {
    }

    private static final class Node {
        final int index;
        final boolean call;
        final long time;
        Node match;
        Node prev;
        Node next;

        Node(int index, boolean call, long time) {
            this.index = index;
            this.call = call;
            this.time = time;
        }
    }

    /**
     * A configuration already explored: the set of operations linearized, and the state. The set
     * is kept as its frontier (every operation below it is linearized) and the bits above it: the
     * operations are in invocation order and only those in flight around the frontier differ, so
     * a key is a few words instead of a bit per operation of the history (which made memory
     * quadratic in a long run's partitions).
     */
    private static final class Seen {
        private final int frontier;
        private final long[] above;
        private final Map<String, KvModel.Reg> state;
        private final int hash;

        Seen(BitSet linearized, Map<String, KvModel.Reg> state) {
            this.frontier = linearized.nextClearBit(0);
            this.above = linearized.get(frontier, Math.max(frontier, linearized.length())).toLongArray();
            this.state = state;
            this.hash = (31 * frontier + java.util.Arrays.hashCode(above)) * 31 + state.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seen other && other.hash == hash && other.frontier == frontier
                    && java.util.Arrays.equals(other.above, above) && other.state.equals(state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Frame(Node call, Map<String, KvModel.Reg> state) {
    }

    private LinearSearch() {
    }

    static Outcome run(List<Operation> ops, KvModel model, long maxSteps, long deadlineNanos) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Node call = new Node(i, true, ops.get(i).invokeNanos());
            Node ret = new Node(i, false, ops.get(i).effectiveCompleteNanos());
            call.match = ret;
            ret.match = call;
            nodes.add(call);
            nodes.add(ret);
        }
        // calls before completions at equal times: equal times count as concurrent
        nodes.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Boolean.compare(b.call, a.call));
        Node head = new Node(-1, false, Long.MIN_VALUE);
        Node last = head;
        for (Node n : nodes) {
            last.next = n;
            n.prev = last;
            last = n;
        }
        Map<String, KvModel.Reg> state = Map.of();
        BitSet linearized = new BitSet(ops.size());
        Set<Seen> cache = new HashSet<>();
        Deque<Frame> calls = new ArrayDeque<>();
        int deepest = 0;
        long steps = 0;
        Node entry = head.next;
        while (head.next != null) {
            if (++steps > maxSteps || ((steps & 1023) == 0 && System.nanoTime() > deadlineNanos)) {
                return new Outcome(Result.GAVE_UP, deepest, steps);
            }
            if (entry.call) {
                Map<String, KvModel.Reg> next = model.step(state, ops.get(entry.index));
                if (next != null) {
                    linearized.set(entry.index);
                    if (cache.add(new Seen(linearized, next))) {
                        calls.push(new Frame(entry, state));
                        state = next;
                        lift(entry);
                        deepest = Math.max(deepest, calls.size());
                        entry = head.next;
                        continue;
                    }
                    linearized.clear(entry.index);
                }
                entry = entry.next;
            } else {
                if (calls.isEmpty()) {
                    return new Outcome(Result.VIOLATION, deepest, steps);
                }
                Frame top = calls.pop();
                state = top.state();
                linearized.clear(top.call().index);
                unlift(top.call());
                entry = top.call().next;
            }
        }
        return new Outcome(Result.LINEARIZABLE, deepest, steps);
    }

    private static void lift(Node call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Node ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Node call) {
        Node ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }
}
