package io.eddy.loadtests.robustness.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.ObservedBatch;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.OpResult;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import io.eddy.loadtests.robustness.history.WatchEvent;
import io.eddy.loadtests.robustness.history.WatchSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Histories of a correct store, simulated: concurrent clients whose operations take effect at a
 * random point inside their interval, some with unknown outcomes (applied or not), ranges, a
 * watcher. The checkers must accept them (no false alarms at a realistic size), and reject the
 * same history with one read made stale.
 */
class SimulatedHistoriesTest {
    private static final int CLIENTS = 6;
    private static final int OPS_PER_CLIENT = 150;

    private record Planned(int client, long invoke, long complete, long point, OpKind kind, String key, int seq) {
    }

    private record Reg(String value, long mod, long version) {
    }

    @Test
    void correctStoreHistoriesPassAndAStaleReadFails() {
        for (long seed = 1; seed <= 3; seed++) {
            History history = simulate(new Random(seed));
            CheckReport report = new HistoryChecker(5_000_000, Duration.ofSeconds(30)).check(history);
            assertThat(report.verdict()).as("seed " + seed + ": " + report.summary()).isEqualTo(Verdict.OK);

            History stale = makeOneReadStale(history);
            CheckReport bad = new HistoryChecker(5_000_000, Duration.ofSeconds(30)).check(stale);
            assertThat(bad.verdict()).as("seed " + seed + ": " + bad.summary()).isEqualTo(Verdict.VIOLATION);
            assertThat(bad.violations()).anyMatch(v -> v.check().equals("linearizability"));
        }
    }

    private static History simulate(Random random) {
        List<Planned> plan = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long t = random.nextInt(10);
            for (int i = 0; i < OPS_PER_CLIENT; i++) {
                long invoke = t + random.nextInt(5);
                long complete = invoke + 1 + random.nextInt(60);
                long point = invoke + random.nextLong(complete - invoke + 1);
                int r = random.nextInt(100);
                OpKind kind = r < 35 ? OpKind.GET : r < 60 ? OpKind.PUT : r < 70 ? OpKind.DELETE : r < 90 ? OpKind.CAS
                        : OpKind.RANGE;
                plan.add(new Planned(c, invoke, complete, point, kind, "k/" + random.nextInt(4), i));
                t = complete;
            }
        }
        plan.sort(Comparator.comparingLong(Planned::point));
        Map<String, Reg> store = new TreeMap<>();
        long revision = 1;
        List<Operation> ops = new ArrayList<>();
        List<ObservedBatch> batches = new ArrayList<>();
        for (Planned p : plan) {
            String value = "c" + p.client() + "-" + p.seq();
            boolean unknown = p.kind() != OpKind.GET && p.kind() != OpKind.RANGE && random.nextInt(100) < 6;
            boolean applies = !unknown || random.nextBoolean();
            Reg reg = store.get(p.key());
            OpResult result = OpResult.NONE;
            String expected = null;
            List<String> keys = List.of(p.key());
            List<WatchEvent> events = new ArrayList<>();
            switch (p.kind()) {
                case GET -> result = new OpResult(revision, false, 0, reg == null ? List.of() : List.of(kv(p.key(), reg)));
                case RANGE -> {
                    keys = List.of("k/");
                    result = new OpResult(revision, false, 0,
                            store.entrySet().stream().map(e -> kv(e.getKey(), e.getValue())).toList());
                }
                case PUT -> {
                    if (applies) {
                        revision++;
                        events.add(put(store, p.key(), value, revision));
                        result = new OpResult(revision, false, 0, List.of());
                    }
                }
                case DELETE -> {
                    if (applies && reg != null) {
                        revision++;
                        store.remove(p.key());
                        events.add(new WatchEvent(false, new Kv(p.key(), "", revision, 0), kv(p.key(), reg)));
                    }
                    result = new OpResult(revision, false, reg == null ? 0 : 1, List.of());
                }
                case CAS -> {
                    keys = List.of(p.key(), p.key() + "/shadow");
                    expected = reg != null && random.nextBoolean() ? reg.value() : random.nextBoolean() ? null : "nope";
                    boolean holds = expected == null ? reg == null : reg != null && expected.equals(reg.value());
                    if (holds && applies) {
                        revision++;
                        for (String k : keys) {
                            events.add(put(store, k, value, revision));
                        }
                    }
                    result = new OpResult(revision, holds, 0, holds || reg == null ? List.of() : List.of(kv(p.key(), reg)));
                }
            }
            if (!events.isEmpty()) {
                batches.add(new ObservedBatch(revision, events, p.point()));
            }
            ops.add(new Operation(ops.size(), p.client(), p.kind(), keys, p.kind() == OpKind.RANGE ? "k0" : null,
                    p.kind() == OpKind.PUT || p.kind() == OpKind.CAS ? value : null, expected, p.invoke(),
                    p.complete(), unknown ? Outcome.UNKNOWN : Outcome.OK, unknown ? OpResult.NONE : result, ""));
        }
        batches.add(new ObservedBatch(revision, List.of(), Long.MAX_VALUE / 2));
        return new History(ops, List.of(new WatchSession(0, 0, "k/", "k0", 2, true, 0, Long.MAX_VALUE / 2, batches,
                "cancelled")));
    }

    private static WatchEvent put(Map<String, Reg> store, String key, String value, long revision) {
        Reg before = store.get(key);
        Reg after = new Reg(value, revision, before == null ? 1 : before.version() + 1);
        store.put(key, after);
        return new WatchEvent(true, kv(key, after), before == null ? null : kv(key, before));
    }

    private static Kv kv(String key, Reg reg) {
        return new Kv(key, reg.value(), reg.mod(), reg.version());
    }

    /** Replaces the result of the first get that two completed puts of its key precede with the older put's value. */
    private static History makeOneReadStale(History history) {
        List<Operation> ops = new ArrayList<>(history.operations());
        for (int i = 0; i < ops.size(); i++) {
            Operation get = ops.get(i);
            if (get.kind() != OpKind.GET || get.result().kvs().isEmpty()) {
                continue;
            }
            List<Operation> before = ops.stream().filter(op -> op.kind() == OpKind.PUT && op.outcome() == Outcome.OK
                    && op.key().equals(get.key()) && op.completeNanos() < get.invokeNanos()
                    && op.result().revision() < get.result().kvs().get(0).modRevision()).toList();
            if (before.isEmpty()) {
                continue;
            }
            Operation old = before.get(0);
            Kv stale = new Kv(get.key(), old.value(), old.result().revision(), 1);
            ops.set(i, new Operation(get.id(), get.client(), get.kind(), get.keys(), null, null, null,
                    get.invokeNanos(), get.completeNanos(), Outcome.OK,
                    new OpResult(get.result().revision(), false, 0, List.of(stale)), ""));
            return new History(ops, history.watches());
        }
        throw new AssertionError("no get to make stale");
    }
}
