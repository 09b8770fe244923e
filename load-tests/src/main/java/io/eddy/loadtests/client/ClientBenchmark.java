package io.eddy.loadtests.client;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.GetOptions;
import io.eddy.loadtests.node.Cli;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Throughput and latency through the reactive client against a running cluster (for example
 * {@code ./eddy up --nodes 3}): a closed loop keeps exactly {@code --in-flight} requests
 * outstanding on one {@link EddyClient}. Operations ({@code --ops}, one row each):
 * <ul>
 *   <li>{@code put}: puts of {@code --value-bytes} random bytes to keys drawn uniformly from
 *       {@code --keys} keys ({@code bench/%08d});</li>
 *   <li>{@code get}: linearizable single-key gets of the same keys (run {@code put} first so
 *       they exist; a missing key costs the same round trip);</li>
 *   <li>{@code get-serializable}: the same gets, served from the member's local state.</li>
 * </ul>
 * Latency is measured from subscription to the answer (HdrHistogram). After {@code --warmup}
 * seconds the counters restart and {@code --seconds} seconds are measured. Each row prints
 * ops/s, p50/p90/p99/p99.9/max in ms, errors, and this process's CPU next to the machine's.
 *
 * <pre>
 * java -cp load-tests/target/benchmarks.jar io.eddy.loadtests.client.ClientBenchmark \
 *     --endpoints 127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579 --in-flight 64 --ops put,get
 * </pre>
 */
public final class ClientBenchmark {
    private static final Map<String, String> DEFAULTS = Map.of(
            "endpoints", "127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579", "in-flight", "64",
            "ops", "put,get", "warmup", "10", "seconds", "30", "keys", "100000", "value-bytes", "256");

    private ClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("ClientBenchmark", args, new TreeMap<>(DEFAULTS));
        int warmup = cli.intValue("warmup");
        int seconds = cli.intValue("seconds");
        Cli.watchdog(Duration.ofSeconds((long) (warmup + seconds + 60) * cli.words("ops").size() + 60), () -> { });
        System.out.println("# ClientBenchmark " + cli.describe());
        System.out.printf("%-17s %9s %10s %8s %8s %8s %8s %8s %7s %9s %6s%n", "op", "in-flight", "ops/s",
                "p50", "p90", "p99", "p99.9", "max", "errors", "cpu", "load");
        try (EddyClient client = EddyClient.builder().endpoints(cli.get("endpoints").split(",")).build()) {
            for (String op : cli.words("ops")) {
                for (int inFlight : cli.ints("in-flight")) {
                    run(client, op, inFlight, cli, warmup, seconds);
                }
            }
        }
        System.exit(0);
    }

    private static void run(EddyClient client, String op, int inFlight, Cli cli, int warmup, int seconds)
            throws InterruptedException {
        int keys = cli.intValue("keys");
        byte[] value = new byte[cli.intValue("value-bytes")];
        new Random(42).nextBytes(value);
        ByteSequence payload = ByteSequence.of(value);
        Recorder recorder = new Recorder(3);
        LongAdder errors = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        ByteSequence[] keyNames = new ByteSequence[keys];   // named once: formatting per request costs the tool CPU
        for (int i = 0; i < keys; i++) {
            keyNames[i] = ByteSequence.fromUtf8(String.format("bench/%08d", i));
        }
        Flux<Long> loop = Flux.range(0, inFlight)
                .flatMap(worker -> Mono.defer(() -> {
                    long start = System.nanoTime();
                    ByteSequence key = keyNames[ThreadLocalRandom.current().nextInt(keys)];
                    return one(client, op, key, payload)
                            .doOnSuccess(ignored -> recorder.recordValue((System.nanoTime() - start) / 1000))
                            .doOnError(e -> errors.increment())
                            .onErrorResume(e -> Mono.empty())
                            .thenReturn(1L);
                }).repeat(running::get), inFlight);
        var subscription = loop.subscribe();
        Thread.sleep(warmup * 1000L);
        recorder.reset();
        errors.reset();
        Cli.CpuMark cpu = Cli.CpuMark.now();
        long from = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Histogram window = recorder.getIntervalHistogram();
        long elapsed = System.nanoTime() - from;
        String cpuUse = Cli.CpuMark.now().since(cpu);
        running.set(false);
        subscription.dispose();
        System.out.printf("%-17s %9d %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f %7d %9s %6s%n", op, inFlight,
                window.getTotalCount() / Cli.seconds(elapsed), ms(window, 50), ms(window, 90), ms(window, 99),
                ms(window, 99.9), window.getMaxValue() / 1000.0, errors.sum(), cpuUse, Cli.load());
    }

    private static Mono<?> one(EddyClient client, String op, ByteSequence key, ByteSequence value) {
        return switch (op) {
            case "put" -> client.kv().put(key, value);
            case "get" -> client.kv().get(key);
            case "get-serializable" -> client.kv().get(key, GetOptions.DEFAULTS.withSerializable(true));
            default -> throw new IllegalArgumentException("unknown op " + op + " (put, get, get-serializable)");
        };
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
