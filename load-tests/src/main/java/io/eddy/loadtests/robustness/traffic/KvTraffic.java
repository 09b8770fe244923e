package io.eddy.loadtests.robustness.traffic;

import io.eddy.client.EddyClient;
import io.eddy.client.EddyClientException;
import io.eddy.loadtests.robustness.history.HistoryRecorder;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.OpResult;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Concurrent key-value clients, each with at most one request in flight, recording every
 * operation: one thread per client (a platform thread that waits for its call; never an event
 * loop). A failed read is FAIL; a failed write is UNKNOWN when the client says it may have been
 * committed (or when the call did not end within the request timeout plus a margin), else FAIL.
 * Written values are {@code "c<client>-<sequence>"}: unique in the run.
 */
public final class KvTraffic implements AutoCloseable {
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final Workload workload;
    private final HistoryRecorder recorder;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private KvTraffic(Workload workload, HistoryRecorder recorder) {
        this.workload = workload;
        this.recorder = recorder;
    }

    /** Starts one client loop per client in {@code clients} (client i records as client i). */
    public static KvTraffic start(Workload workload, List<EddyClient> clients, HistoryRecorder recorder, long seed) {
        KvTraffic traffic = new KvTraffic(workload, recorder);
        for (int i = 0; i < clients.size(); i++) {
            int id = i;
            EddyClient client = clients.get(i);
            Random random = new Random(seed * 1_000_003L + i);
            Thread thread = new Thread(() -> traffic.loop(id, client, random), "robustness-client-" + i);
            thread.setDaemon(true);
            traffic.threads.add(thread);
        }
        traffic.threads.forEach(Thread::start);
        return traffic;
    }

    /** Stops issuing operations and waits (bounded) for the ones in flight to be recorded. */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + workload.requestTimeout().plus(MARGIN).plus(MARGIN).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop");
            }
        }
    }

    private void loop(int client, EddyClient eddy, Random random) {
        Map<String, String> lastSeen = new HashMap<>();
        int sequence = 0;
        while (!stopping) {
            OpKind kind = pick(random);
            String key = workload.key(random.nextInt(workload.keys()));
            List<String> keys = List.of(key);
            String value = null;
            String expected = null;
            String rangeEnd = null;
            switch (kind) {
                case GET -> keys = List.of(random.nextInt(10) == 0 ? key + "/shadow" : key);
                case PUT -> value = "c" + client + "-" + sequence++;
                case CAS -> {
                    value = "c" + client + "-" + sequence++;
                    keys = List.of(key, key + "/shadow");
                    expected = random.nextInt(4) == 0 ? null : lastSeen.get(key);
                }
                case RANGE -> {
                    keys = List.of(workload.prefix());
                    rangeEnd = workload.rangeEnd();
                }
                case DELETE -> {
                }
            }
            Operation op = run(client, eddy, kind, keys, rangeEnd, value, expected);
            recorder.add(op);
            if (op.outcome() == Outcome.OK) {
                for (Kv kv : op.result().kvs()) {
                    lastSeen.put(kv.key(), kv.value());
                }
                if (op.kind() == OpKind.PUT || (op.kind() == OpKind.CAS && op.result().succeeded())) {
                    lastSeen.put(key, value);
                }
            }
        }
    }

    private Operation run(int client, EddyClient eddy, OpKind kind, List<String> keys, String rangeEnd, String value,
            String expected) {
        int id = recorder.nextId();
        long invoke = System.nanoTime();
        CompletableFuture<OpResult> call = KvCalls.call(eddy, kind, keys, rangeEnd, value, expected).toFuture();
        Outcome outcome;
        OpResult result = OpResult.NONE;
        String error = "";
        try {
            result = call.get(workload.requestTimeout().plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            outcome = Outcome.OK;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = String.valueOf(cause);
            boolean maybe = !(cause instanceof EddyClientException ece) || ece.isMaybeCommitted();
            outcome = isWrite(kind) && maybe ? Outcome.UNKNOWN : Outcome.FAIL;
        } catch (TimeoutException e) {
            call.cancel(true);
            error = "no answer within " + workload.requestTimeout().plus(MARGIN);
            outcome = isWrite(kind) ? Outcome.UNKNOWN : Outcome.FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
            outcome = isWrite(kind) ? Outcome.UNKNOWN : Outcome.FAIL;
        }
        return new Operation(id, client, kind, keys, rangeEnd, value, expected, invoke, System.nanoTime(), outcome,
                result, error);
    }

    private static boolean isWrite(OpKind kind) {
        return kind == OpKind.PUT || kind == OpKind.DELETE || kind == OpKind.CAS;
    }

    private OpKind pick(Random random) {
        int total = workload.getWeight() + workload.putWeight() + workload.deleteWeight() + workload.casWeight()
                + workload.rangeWeight();
        int r = random.nextInt(total);
        if ((r -= workload.getWeight()) < 0) {
            return OpKind.GET;
        }
        if ((r -= workload.putWeight()) < 0) {
            return OpKind.PUT;
        }
        if ((r -= workload.deleteWeight()) < 0) {
            return OpKind.DELETE;
        }
        if ((r -= workload.casWeight()) < 0) {
            return OpKind.CAS;
        }
        return OpKind.RANGE;
    }
}
