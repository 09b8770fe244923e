package io.eddy.loadtests.client;

import io.eddy.loadtests.node.Cli;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Watch fan-out against a running cluster, Eddy or etcd ({@code --target eddy|etcd}):
 * {@code --watchers} watches of one prefix spread over {@code --connections} connections (one
 * client each) to the first of {@code --endpoints}, while a writer (its own client over every
 * endpoint) puts one key at a time at {@code --rate} writes/s, open loop, each value starting
 * with its send time. For every event received by every watch it records the delay from the
 * write's acknowledgement to receipt (the writer keeps each revision's ack time; an event that
 * arrives before its ack counts as 0 and as "early") and from the send to receipt, in
 * HdrHistograms, over {@code --seconds} after {@code --warmup} seconds.
 *
 * <p>{@code --watch prefix} (the default): every watch is on the whole prefix, so each write is
 * delivered to every watch ({@code watchers × rate} events/s). {@code --watch key}: watch
 * {@code w} is on the one key {@code w % keys}, so each write is delivered to
 * {@code watchers / keys} watches (the service-discovery shape: many watchers, each on its own
 * keys).
 *
 * <p>Before the run, marker writes repeat until every watch has seen one (so all are
 * registered). After it, the program waits until every watch has the last revision written,
 * then checks that each got every acknowledged write, once, in ascending order. Exit status 0
 * only if so.
 *
 * <pre>
 * ./eddy up --nodes 3 --api.max-in-flight 20000    # or: etcd 3.4, see load-tests/README.md
 * java -cp load-tests/target/benchmarks.jar io.eddy.loadtests.client.WatchFanoutBenchmark \
 *     --target eddy --endpoints 127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579
 * </pre>
 */
public final class WatchFanoutBenchmark {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("target", "eddy"),
            Map.entry("endpoints", "127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579"), Map.entry("watchers", "10000"),
            Map.entry("connections", "100"), Map.entry("rate", "1000"), Map.entry("warmup", "10"),
            Map.entry("seconds", "30"), Map.entry("keys", "100"), Map.entry("value-bytes", "64"),
            Map.entry("drain", "120"), Map.entry("watch", "prefix"));
    private static final String PREFIX = "fanout/";

    private WatchFanoutBenchmark() {
    }

    /** Runs the benchmark; {@code --help} lists the options. */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("WatchFanoutBenchmark", args, new TreeMap<>(DEFAULTS));
        int watchers = cli.intValue("watchers");
        Cli.watchdog(Duration.ofSeconds(600L + watchers / 20 + cli.intValue("warmup") + cli.intValue("seconds")
                + cli.intValue("drain")), () -> { });
        System.out.printf("# WatchFanoutBenchmark %s, load %s%n", cli.describe(), Cli.load());
        List<String> endpoints = cli.words("endpoints");
        int connections = cli.intValue("connections");
        boolean ok;
        try (FanoutTarget target = switch (cli.get("target")) {
            case "eddy" -> new EddyFanoutTarget(endpoints, connections);
            case "etcd" -> new EtcdFanoutTarget(endpoints, connections);
            default -> throw new IllegalArgumentException("--target is eddy or etcd");
        }) {
            ok = run(cli, target, watchers, connections);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(Cli cli, FanoutTarget target, int watchers, int connections)
            throws InterruptedException {
        FanoutProbe.Shared shared = new FanoutProbe.Shared(new ConcurrentHashMap<>());
        List<FanoutProbe> probes = new ArrayList<>();
        long t0 = System.nanoTime();
        int keys = cli.intValue("keys");
        boolean perKey = switch (cli.get("watch")) {
            case "prefix" -> false;
            case "key" -> true;
            default -> throw new IllegalArgumentException("--watch is prefix or key");
        };
        for (int w = 0; w < watchers; w++) {
            FanoutProbe probe = new FanoutProbe(shared, perKey ? w % keys : -1);
            probes.add(probe);
            // Keys have a fixed width, so a prefix watch of one key's name matches that key only.
            String watched = perKey ? key(w % keys) : PREFIX;
            target.watch(w % connections, watched.getBytes(StandardCharsets.UTF_8), probe);
        }
        awaitReady(target, probes, perKey ? keys : 0, Duration.ofSeconds(60 + watchers / 100));
        System.out.printf("%,d watches on %d connections ready in %.1f s%n", watchers, connections,
                Cli.seconds(System.nanoTime() - t0));

        Writer writer = new Writer(target, shared, cli.intValue("rate"), keys, cli.intValue("value-bytes"));
        Thread writing = new Thread(writer, "fanout-writer");
        writing.start();
        Thread.sleep(cli.intValue("warmup") * 1000L); // the warm-up period itself
        shared.ackToReceipt().reset();
        shared.sendToReceipt().reset();
        long events0 = shared.events().sum();
        long early0 = shared.early().sum();
        long writes0 = writer.acked.get();
        Cli.CpuMark cpu = Cli.CpuMark.now();
        long from = System.nanoTime();
        Thread.sleep(cli.intValue("seconds") * 1000L); // the measured period itself
        Histogram ack = shared.ackToReceipt().getIntervalHistogram();
        Histogram send = shared.sendToReceipt().getIntervalHistogram();
        double window = Cli.seconds(System.nanoTime() - from);
        long events = shared.events().sum() - events0;
        String cpuUse = Cli.CpuMark.now().since(cpu);
        writer.stop(writing);

        System.out.printf("%-6s %-13s %8s %8s %8s %8s %8s %11s %9s %8s %9s %6s%n", "target", "delay (ms)", "p50",
                "p90", "p99", "p99.9", "max", "events/s", "writes/s", "early", "cpu", "load");
        String target0 = cli.get("target");
        row(target0, "ack->receipt", ack, events / window, (writer.acked.get() - writes0) / window,
                shared.early().sum() - early0, cpuUse);
        row(target0, "send->receipt", send, events / window, (writer.acked.get() - writes0) / window, 0, cpuUse);
        return check(probes, writer, Duration.ofSeconds(cli.intValue("drain")));
    }

    private static void row(String target, String what, Histogram h, double eventsPerSecond, double writesPerSecond,
            long early, String cpu) {
        System.out.printf("%-6s %-13s %8.2f %8.2f %8.2f %8.2f %8.2f %,11.0f %9.0f %8d %9s %6s%n", target, what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                eventsPerSecond, writesPerSecond, early, cpu, Cli.load());
    }

    /** The name of key {@code index}. */
    static String key(long index) {
        return String.format("%s%05d", PREFIX, index);
    }

    /**
     * Puts marker values (to {@code PREFIX + "ready"}, or to each of {@code keys} keys when
     * watches are per key) until every watch saw one; fails after {@code timeout}.
     */
    private static void awaitReady(FanoutTarget target, List<FanoutProbe> probes, int keys, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<byte[]> markerKeys = new ArrayList<>();
        for (int k = 0; k < Math.max(1, keys); k++) {
            markerKeys.add((keys == 0 ? PREFIX + "ready" : key(k)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] marker = ByteBuffer.allocate(Long.BYTES).putLong(FanoutProbe.MARKER).array();
        while (true) {
            for (byte[] key : markerKeys) {
                target.put(key, marker).orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null);
            }
            Thread.sleep(500); // period of the marker writes in a bounded wait
            long ready = probes.stream().filter(FanoutProbe::ready).count();
            if (ready == probes.size()) {
                return;
            }
            FanoutProbe failed = probes.stream().filter(p -> p.error() != null).findFirst().orElse(null);
            if (failed != null || System.nanoTime() > deadline) {
                throw new IllegalStateException(ready + " of " + probes.size() + " watches ready after "
                        + timeout + (failed == null ? "" : "; a watch failed: " + failed.error()));
            }
        }
    }

    /** Waits until every watch has the last acknowledged revision, then checks completeness and order. */
    private static boolean check(List<FanoutProbe> probes, Writer writer, Duration drain) throws InterruptedException {
        long last = writer.lastRevision.get();
        long deadline = System.nanoTime() + drain.toNanos();
        while (probes.stream().anyMatch(p -> p.lastRevision() < writer.lastRevision(p.key()) && p.error() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling interval of a bounded wait
        }
        long expected = writer.acked.get();
        long missing = probes.stream().mapToLong(p -> Math.max(0, writer.acked(p.key()) - p.events())).sum();
        long extra = probes.stream().mapToLong(p -> Math.max(0, p.events() - writer.acked(p.key()))).sum();
        long disorder = probes.stream().mapToLong(FanoutProbe::disorder).sum();
        long behind = probes.stream().filter(p -> p.lastRevision() < writer.lastRevision(p.key())).count();
        long failed = probes.stream().filter(p -> p.error() != null).count();
        System.out.printf("check: %,d writes acked (%,d failed, %,d not sent: too many outstanding), last revision %d;"
                + " per watch: missing %,d, extra %,d (a failed write may still have applied), out of order %,d,"
                + " behind after drain %,d, failed %,d%n", expected, writer.failed.sum(), writer.skipped.sum(), last,
                missing, extra, disorder, behind, failed);
        probes.stream().filter(p -> p.error() != null).limit(3).forEach(p -> System.out.println("  error: " + p.error()));
        writer.failures.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(5).forEach(e -> System.out.printf("  failed put x%,d: %s%n", e.getValue().sum(), e.getKey()));
        boolean ok = missing == 0 && disorder == 0 && behind == 0 && failed == 0 && writer.failed.sum() == 0;
        System.out.println("check: " + (ok ? "PASSED" : "FAILED"));
        return ok;
    }

    /** Open-loop writer: one put every 1/rate s on its own thread, each value stamped with its send time. */
    private static final class Writer implements Runnable {
        private static final int MAX_OUTSTANDING = 10_000;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong lastRevision = new AtomicLong();
        final LongAdder failed = new LongAdder();
        final LongAdder skipped = new LongAdder();
        /** Failed puts by exception class and message. */
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final AtomicLongArray ackedByKey;
        private final AtomicLongArray lastRevisionByKey;
        private final FanoutTarget target;
        private final FanoutProbe.Shared shared;
        private final long periodNanos;
        private final int keys;
        private final int valueBytes;
        private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        private volatile boolean running = true;

        Writer(FanoutTarget target, FanoutProbe.Shared shared, int rate, int keys, int valueBytes) {
            this.target = target;
            this.shared = shared;
            this.periodNanos = 1_000_000_000L / rate;
            this.keys = keys;
            this.ackedByKey = new AtomicLongArray(keys);
            this.lastRevisionByKey = new AtomicLongArray(keys);
            this.valueBytes = Math.max(Long.BYTES, valueBytes);
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            for (long i = 0; running; i++) {
                LockSupport.parkNanos(next - System.nanoTime()); // pacing of the open loop
                next += periodNanos;
                if (!outstanding.tryAcquire()) {
                    skipped.increment();
                    continue;
                }
                int k = (int) (i % keys);
                byte[] key = key(k).getBytes(StandardCharsets.UTF_8);
                byte[] value = new byte[valueBytes];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                target.put(key, value).orTimeout(30, TimeUnit.SECONDS).whenComplete((revision, error) -> {
                    if (error != null) {
                        failed.increment();
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                        failures.computeIfAbsent(reason.length() > 160 ? reason.substring(0, 160) : reason,
                                r -> new LongAdder()).increment();
                    } else {
                        shared.ackNanos().put(revision, System.nanoTime());
                        lastRevision.accumulateAndGet(revision, Math::max);
                        lastRevisionByKey.accumulateAndGet(k, revision, Math::max);
                        ackedByKey.incrementAndGet(k);
                        acked.incrementAndGet();
                    }
                    outstanding.release();
                });
            }
        }

        /** Writes acknowledged to key {@code k}, or to all keys when {@code k} is -1. */
        long acked(int k) {
            return k < 0 ? acked.get() : ackedByKey.get(k);
        }

        /** The last acknowledged revision of key {@code k}, or of all keys when {@code k} is -1. */
        long lastRevision(int k) {
            return k < 0 ? lastRevision.get() : lastRevisionByKey.get(k);
        }

        /** Stops sending and waits (bounded) for the outstanding puts to finish. */
        void stop(Thread thread) throws InterruptedException {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (!outstanding.tryAcquire(MAX_OUTSTANDING, 60, TimeUnit.SECONDS)) {
                System.out.println("writer: puts still outstanding 60 s after the last was sent");
            }
        }
    }
}
