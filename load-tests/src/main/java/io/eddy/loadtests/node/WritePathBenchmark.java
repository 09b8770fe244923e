package io.eddy.loadtests.node;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.server.node.EddyNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Put throughput and latency of a three-member cluster in this JVM (see {@link LocalCluster}):
 * a closed loop keeps exactly {@code --in-flight} puts outstanding against one member, puts
 * of {@code --value-bytes} random bytes to keys drawn uniformly from {@code --keys} keys.
 * Each put's latency, from {@link EddyNode#write} to the completion of its future, goes into
 * an HdrHistogram. After {@code --warmup} seconds ({@code --initial-warmup} for the first
 * row: on two cores the JIT compilers take a good part of the CPU for the first minute) the
 * counters restart and the next {@code --seconds} seconds are measured.
 *
 * <p>One row per (in-flight, target) pair: target {@code leader} writes through the leader;
 * {@code follower} through a follower, whose Raft client sends to the leader. Each row
 * prints puts/s, latency percentiles (ms), errors (exceptional completions and error
 * results), the leader's applied-index advance per put (Raft entries per put: group commit
 * puts many writes in one entry), the JVM's GC time in the window, CPU use in the window as
 * "this JVM/whole machine" in percent of one core (the difference is other processes'), and
 * the 1-minute load average (which counts this program's own threads); then, unless
 * {@code --cpu-by-thread 0}, the thread groups that used most of the JVM's CPU in the window.
 *
 * <pre>
 * java --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp load-tests/target/benchmarks.jar \
 *     io.eddy.loadtests.node.WritePathBenchmark --in-flight 64,256 --seconds 30
 * </pre>
 */
public final class WritePathBenchmark {
    private static final Map<String, String> DEFAULTS = Map.of(
            "in-flight", "64", "target", "leader,follower", "initial-warmup", "20", "warmup", "5", "seconds", "30",
            "cpu-by-thread", "10",
            "keys", "100000", "value-bytes", "256");

    private WritePathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("WritePathBenchmark", args, new TreeMap<>(DEFAULTS));
        int warmup = cli.intValue("warmup");
        int initialWarmup = Math.max(warmup, cli.intValue("initial-warmup"));
        int seconds = cli.intValue("seconds");
        int rows = cli.ints("in-flight").size() * cli.words("target").size();
        ByteString[] keys = keys(cli.intValue("keys"));
        ByteString[] values = values(cli.intValue("value-bytes"));
        System.out.println("WritePathBenchmark " + cli.describe() + ", load " + Cli.load());

        int status = 0;
        LocalCluster cluster = LocalCluster.create(3);
        LocalCluster.watchdog(cluster, Duration.ofSeconds(120 + initialWarmup + (long) rows * (warmup + seconds + 40)));
        try (cluster) {
            long t0 = System.nanoTime();
            cluster.startAll();
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(60));
            System.out.printf("3 members started, leader %s after %.2f s; data in %s%n", leader.name(),
                    Cli.seconds(System.nanoTime() - t0), cluster.baseDir());
            System.out.printf("%-9s %9s %9s %8s %8s %8s %9s %8s %7s %11s %10s %6s %8s %6s%n", "target", "in-flight",
                    "puts/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "entries/put",
                    "puts/entry", "gc ms", "cpu%", "load");
            boolean first = true; // the first row warms up longer: the JIT is busy for the first minute
            for (int inFlight : cli.ints("in-flight")) {
                for (String target : cli.words("target")) {
                    EddyNode node = switch (target) {
                        case "leader" -> cluster.awaitLeader(Duration.ofSeconds(30));
                        case "follower" -> cluster.follower();
                        default -> throw new IllegalArgumentException("--target: leader or follower, not " + target);
                    };
                    status |= runRow(cluster, node, target, inFlight, first ? initialWarmup : warmup, seconds, keys,
                            values, cli.intValue("cpu-by-thread"));
                    first = false;
                }
            }
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Runs one row and prints it; returns 0, or 1 if puts failed or did not finish. */
    private static int runRow(LocalCluster cluster, EddyNode node, String target, int inFlight, int warmup,
                              int seconds, ByteString[] keys, ByteString[] values, int cpuByThread)
            throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        Recorder recorder = new Recorder(3);
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();

        EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        boolean measuring = false;
        long indexFrom = 0;
        long gcFrom = 0;
        Cli.CpuMark cpuFrom = null;
        ThreadCpu threadsFrom = null;
        long now;
        while ((now = System.nanoTime()) < measureTo) {
            if (!measuring && now >= measureFrom) {
                measuring = true;
                recorder.reset();
                errors.reset();
                indexFrom = leader.appliedIndex();
                gcFrom = Cli.gcMillis();
                cpuFrom = Cli.CpuMark.now();
                threadsFrom = ThreadCpu.now();
                measureFrom = now;
            }
            if (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            Command put = Command.newBuilder().setPut(PutRequest.newBuilder()
                    .setKey(keys[random.nextInt(keys.length)])
                    .setValue(values[random.nextInt(values.length)])).build();
            long submitted = System.nanoTime();
            CompletableFuture<CommandResult> result;
            try {
                result = node.write(put);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.whenComplete((r, failure) -> {
                long latency = System.nanoTime() - submitted;
                if (failure != null || r.hasError()) {
                    errors.increment();
                    firstError.compareAndSet(null, failure != null ? failure.toString() : r.getError().toString());
                } else {
                    recorder.recordValue(latency);
                }
                permits.release();
            });
        }
        long elapsed = System.nanoTime() - measureFrom;
        Histogram histogram = recorder.getIntervalHistogram();
        long failed = errors.sum();
        long indexAdvance = leader.appliedIndex() - indexFrom;
        long gc = Cli.gcMillis() - gcFrom;
        String cpu = cpuFrom == null ? "-" : Cli.CpuMark.now().since(cpuFrom);
        String threadCpu = threadsFrom == null || cpuByThread <= 0 ? null : ThreadCpu.now().since(threadsFrom, cpuByThread);
        boolean drained = permits.tryAcquire(inFlight, 30, TimeUnit.SECONDS);

        long puts = histogram.getTotalCount();
        System.out.printf("%-9s %9d %9.0f %8.2f %8.2f %8.2f %9.2f %8.2f %7d %11.4f %10.1f %6d %8s %6s%n", target,
                inFlight, puts / Cli.seconds(elapsed), ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                ms(histogram, 99.9), histogram.getMaxValue() / 1e6, failed,
                puts == 0 ? 0.0 : (double) indexAdvance / puts, indexAdvance == 0 ? 0.0 : (double) puts / indexAdvance,
                gc, cpu, Cli.load());
        if (threadCpu != null) {
            System.out.println("  this JVM's CPU in the window, by thread group:\n" + threadCpu);
        }
        if (firstError.get() != null) {
            System.out.println("  first error: " + firstError.get());
        }
        if (!drained) {
            System.out.println("  " + (inFlight - permits.availablePermits()) + " puts still unfinished 30 s after the end");
        }
        return failed == 0 && drained ? 0 : 1;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** Keys {@code key/00000000} ... in the key space. */
    static ByteString[] keys(int count) {
        ByteString[] keys = new ByteString[count];
        for (int i = 0; i < count; i++) {
            keys[i] = ByteString.copyFrom(String.format("key/%08d", i), StandardCharsets.UTF_8);
        }
        return keys;
    }

    /** A pool of random values (random so that no layer can compress them away). */
    private static ByteString[] values(int bytes) {
        Random random = new Random(42);
        ByteString[] values = new ByteString[64];
        for (int i = 0; i < values.length; i++) {
            byte[] value = new byte[bytes];
            random.nextBytes(value);
            values[i] = ByteString.copyFrom(value);
        }
        return values;
    }
}
