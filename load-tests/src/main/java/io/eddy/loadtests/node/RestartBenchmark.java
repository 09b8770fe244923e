package io.eddy.loadtests.node;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.node.EddyNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * How long a three-member cluster (see {@link LocalCluster}) holding {@code --keys} keys takes
 * to come back after every member stopped. Loads the keys ({@code key/%08d}, values of
 * {@code --value-bytes} bytes derived from the key's number) through the leader in txns of
 * {@code --ops-per-txn} puts, {@code --in-flight} txns outstanding; prints the load time and
 * the bytes on disk; stops all members; starts all three again at once on the same data and
 * ports and prints the time from that start until (a) every {@link EddyNode#start} returned,
 * (b) every member names the same leader, (c) a linearizable get of the last loaded key
 * returns its value on every member ("ready"). Then checks {@code --checks} random keys on
 * every member and that every member's {@link EddyNode#localRevision()} is the same as before.
 *
 * <pre>
 * java --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp load-tests/target/benchmarks.jar \
 *     io.eddy.loadtests.node.RestartBenchmark --keys 1000000
 * </pre>
 */
public final class RestartBenchmark {
    private static final Map<String, String> DEFAULTS = Map.of(
            "keys", "1000000", "ops-per-txn", "100", "in-flight", "32", "value-bytes", "256", "checks", "20");

    private RestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("RestartBenchmark", args, new TreeMap<>(DEFAULTS));
        int keys = cli.intValue("keys");
        System.out.println("RestartBenchmark " + cli.describe() + ", load " + Cli.load());
        LocalCluster.runAndExit(3, Duration.ofSeconds(600 + keys / 1000),
                cluster -> run(cli, cluster));
    }

    /** Returns whether every check passed. */
    private static boolean run(Cli cli, LocalCluster cluster) throws IOException, InterruptedException {
        int keys = cli.intValue("keys");
        int valueBytes = cli.intValue("value-bytes");
        cluster.startAll();
        EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(60));
        System.out.println("3 members started, leader " + leader.name() + "; data in " + cluster.baseDir());

        Cli.CpuMark cpu = Cli.CpuMark.now();
        long t0 = System.nanoTime();
        load(leader, keys, cli.intValue("ops-per-txn"), cli.intValue("in-flight"), valueBytes);
        long loaded = System.nanoTime() - t0;
        System.out.printf("load: %,d keys in %.1f s = %,.0f puts/s (leader applied), cpu%% jvm/machine %s, load %s%n",
                keys, Cli.seconds(loaded), keys / Cli.seconds(loaded), Cli.CpuMark.now().since(cpu), Cli.load());
        awaitTrue(Duration.ofSeconds(120), "every member applied the leader's index",
                () -> cluster.nodes().stream().mapToLong(EddyNode::appliedIndex).distinct().count() == 1);
        System.out.printf("load: every member caught up %.1f s after the start of the load, applied index %d%n",
                Cli.seconds(System.nanoTime() - t0), leader.appliedIndex());
        Map<String, Long> revisions = revisions(cluster);
        printDisk(cluster, "before restart");

        long stopStart = System.nanoTime();
        cluster.stopAll();
        System.out.printf("stop: all 3 members closed in %.2f s%n", Cli.seconds(System.nanoTime() - stopStart));

        cpu = Cli.CpuMark.now();
        long start = System.nanoTime();
        Map<String, Long> startMillis = cluster.startAll();
        long started = System.nanoTime() - start;
        leader = cluster.awaitLeader(Duration.ofSeconds(120));
        long elected = System.nanoTime() - start;
        ByteString lastKey = key(keys - 1);
        ByteString lastValue = value(keys - 1, valueBytes);
        // Every member polled at once, as clients of each would: one's wait does not delay another's.
        Map<String, Long> readyMillis = new LinkedHashMap<>();
        List<String> failedReads = new ArrayList<>();
        ExecutorService pollers = Executors.newFixedThreadPool(cluster.nodes().size());
        try {
            Map<String, Future<Ready>> polls = new LinkedHashMap<>();
            cluster.nodes().forEach(node -> polls.put(node.name(),
                    pollers.submit(() -> awaitReady(node, start, lastKey, lastValue))));
            for (Map.Entry<String, Future<Ready>> poll : polls.entrySet()) {
                Ready outcome = poll.getValue().get();
                readyMillis.put(poll.getKey(), outcome.millis());
                if (outcome.failedGets() > 0) {
                    failedReads.add(poll.getKey() + ": " + outcome.failedGets() + " failed gets, first "
                            + outcome.firstError());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a member did not become ready", e.getCause());
        } finally {
            pollers.shutdownNow();
        }
        long ready = System.nanoTime() - start;
        System.out.printf("restart: (a) all started %.2f s (ms each: %s), (b) leader %s known to all %.2f s,"
                + " (c) all ready %.2f s (ms each: %s), cpu%% jvm/machine %s, load %s%n", Cli.seconds(started),
                startMillis, leader.name(), Cli.seconds(elected), Cli.seconds(ready), readyMillis,
                Cli.CpuMark.now().since(cpu), Cli.load());
        failedReads.forEach(line -> System.out.println("  before ready: " + line));

        boolean keysOk = true;
        Random random = new Random();
        for (int i = 0; i < cli.intValue("checks"); i++) {
            int k = random.nextInt(keys);
            for (EddyNode node : cluster.nodes()) {
                if (!value(node, key(k), 10).equals(value(k, valueBytes))) {
                    System.out.println("CHECK FAILED: " + key(k).toStringUtf8() + " on " + node.name() + " has a wrong value");
                    keysOk = false;
                }
            }
        }
        Map<String, Long> after = revisions(cluster);
        boolean sameRevision = after.equals(revisions) && after.values().stream().distinct().count() == 1;
        System.out.printf("check: %d random keys on every member: %s; localRevision before %s, after %s: %s%n",
                cli.intValue("checks"), keysOk ? "ok" : "FAILED", revisions, after,
                sameRevision ? "equal" : "DIFFERENT");
        printDisk(cluster, "after restart");
        return keysOk && sameRevision;
    }

    /** Puts keys 0..keys-1 through {@code node}, {@code opsPerTxn} puts per txn, {@code inFlight} txns outstanding. */
    static void load(EddyNode node, int keys, int opsPerTxn, int inFlight, int valueBytes)
            throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<String> failure = new AtomicReference<>();
        for (int first = 0; first < keys && failure.get() == null; first += opsPerTxn) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = first; k < Math.min(keys, first + opsPerTxn); k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(
                        PutRequest.newBuilder().setKey(key(k)).setValue(value(k, valueBytes))));
            }
            Command command = Command.newBuilder().setTxn(txn).build();
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no txn finished in 60 s");
            }
            CompletableFuture<CommandResult> result;
            try {
                result = node.write(command);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            int firstKey = first;
            result.whenComplete((r, e) -> {
                if (e != null || r.hasError() || !r.getTxn().getSucceeded()) {
                    failure.compareAndSet(null, "txn from key " + firstKey + ": " + (e != null ? e : r));
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(inFlight, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("txns unfinished 120 s after the last was sent");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("load failed: " + failure.get());
        }
    }

    static ByteString key(int k) {
        return ByteString.copyFrom(String.format("key/%08d", k), StandardCharsets.UTF_8);
    }

    /** Key k's value: k's number, then bytes that depend on k (checkable, not compressible to nothing). */
    static ByteString value(int k, int bytes) {
        ByteBuffer value = ByteBuffer.allocate(bytes);
        value.putLong(0, k);
        long x = k * 0x9E3779B97F4A7C15L + 1;
        for (int i = 8; i < bytes; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            value.put(i, (byte) x);
        }
        return ByteString.copyFrom(value.array());
    }

    /** The value of {@code key} read linearizably on {@code node}, or empty if the read failed or found nothing. */
    private static ByteString value(EddyNode node, ByteString key, int timeoutSeconds) {
        try {
            RangeResponse response = node.range(RangeRequest.newBuilder().setKey(key).build())
                    .get(timeoutSeconds, TimeUnit.SECONDS);
            return response.getKvsCount() == 0 ? ByteString.EMPTY : response.getKvs(0).getValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ByteString.EMPTY;
        } catch (Exception e) {
            return ByteString.EMPTY;
        }
    }

    /** When a member first answered a linearizable get correctly (ms since {@code start}), and what failed before. */
    private record Ready(long millis, int failedGets, String firstError) {
    }

    /** Retries a linearizable get of {@code key} on {@code node} until it returns {@code expected} (120 s limit). */
    private static Ready awaitReady(EddyNode node, long start, ByteString key, ByteString expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int failed = 0;
        String firstError = null;
        while (true) {
            long t = System.nanoTime();
            String outcome = read(node, key, expected);
            if (outcome == null) {
                return new Ready((System.nanoTime() - start) / 1_000_000, failed, firstError);
            }
            failed++;
            firstError = firstError != null ? firstError : outcome + " after " + (System.nanoTime() - t) / 1_000_000 + " ms";
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.name() + " not ready after 120 s: " + firstError);
            }
            Thread.sleep(10);
        }
    }

    /** Reads {@code key} linearizably on {@code node} (2 s limit): null if it has {@code expected}, else what went wrong. */
    private static String read(EddyNode node, ByteString key, ByteString expected) {
        try {
            RangeResponse response = node.range(RangeRequest.newBuilder().setKey(key).build()).get(2, TimeUnit.SECONDS);
            if (response.getKvsCount() == 1 && response.getKvs(0).getValue().equals(expected)) {
                return null;
            }
            return "wrong answer (" + response.getKvsCount() + " keys)";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            return e.toString();
        }
    }

    private static Map<String, Long> revisions(LocalCluster cluster) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> revisions.put(node.name(), node.localRevision()));
        return revisions;
    }

    private static void printDisk(LocalCluster cluster, String when) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String name : cluster.names()) {
            long[] bytes = cluster.diskBytes(name);
            parts.add(String.format("%s %.1f MiB (store %.1f MiB, Raft log %.1f MiB)", name, bytes[0] / 1048576.0,
                    bytes[1] / 1048576.0, (bytes[0] - bytes[1]) / 1048576.0));
        }
        System.out.println("disk " + when + ": " + String.join("; ", parts));
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
