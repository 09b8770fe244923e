package io.eddy.loadtests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a benchmark run needs, as parsed from the command line ({@link BenchCommand}).
 *
 * @param workloads       the matrix, run in this order (each against every target, alternating)
 * @param connections     connections (clients) per target for the key-value workloads
 * @param concurrency     requests in flight for a workload that names none ({@code put@256} does)
 * @param keys            keys in the key space
 * @param keyBytes        key size (keys are padded to it)
 * @param valueBytes      value size
 * @param initialWarmup   unmeasured mixed load on each target before the matrix (JIT and caches of JVM members)
 * @param warmup          unmeasured time before each measured run
 * @param duration        measured time of each run (when {@code total} is 0)
 * @param total           measured operations of each run instead of a duration (0: use the duration)
 * @param rate            open-loop request rate per second (0: closed loop with {@code concurrency} in flight)
 * @param smallRange      keys per range of {@code range-small}
 * @param largeRange      keys per range of {@code range-large}
 * @param watchers        watches of the {@code watch} workload
 * @param watchConnections connections the watches are spread over
 * @param watchRate       writes per second under the watches
 * @param mix             the {@code mixed} workload's operations and their weights
 * @param leaseTtl        TTL in seconds of the leases the {@code lease} workload grants
 * @param requestTimeout  the longest the harness waits for one answer (counted as {@code CLIENT_TIMEOUT})
 * @param out             directory of {@code results.json} and {@code report.html}
 * @param progress        {@code auto} (a progress bar when the terminal is a tty), {@code bar}, {@code none}
 * @param title           the report's title
 */
record BenchOptions(List<WorkloadSpec> workloads, int connections, int concurrency, int keys, int keyBytes,
        int valueBytes, Duration initialWarmup, Duration warmup, Duration duration, long total, double rate, int smallRange, int largeRange,
        int watchers, int watchConnections, double watchRate, Map<Workload, Integer> mix, long leaseTtl,
        Duration requestTimeout, Path out, String progress, String title) {
    /** Checks the fields and copies the collections. */
    BenchOptions {
        workloads = List.copyOf(workloads);
        mix = Map.copyOf(mix);
        positive("--connections", connections);
        positive("--concurrency", concurrency);
        positive("--keys", keys);
        positive("--value-size", valueBytes);
        positive("--range-small", smallRange);
        positive("--range-large", largeRange);
        positive("--watchers", watchers);
        positive("--watch-connections", watchConnections);
        if (watchRate <= 0 || rate < 0 || total < 0) {
            throw new IllegalArgumentException("--watch-rate must be > 0, --rate and --total >= 0");
        }
        if (duration.isZero() && total == 0) {
            throw new IllegalArgumentException("give --duration or --total");
        }
        if (mix.isEmpty() || mix.keySet().stream().anyMatch(w -> !w.inMix())) {
            throw new IllegalArgumentException("--mix takes put, get, get-serializable, range-small, range-large, txn-cas");
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    /** These options with another warm-up and measured window (a whole-duration window, not a total). */
    BenchOptions withWindow(Duration newWarmup, Duration newDuration) {
        return new BenchOptions(workloads, connections, concurrency, keys, keyBytes, valueBytes, initialWarmup,
                newWarmup, newDuration, 0, rate, smallRange, largeRange, watchers, watchConnections, watchRate, mix,
                leaseTtl, requestTimeout, out, progress, title);
    }

    /** The key space of the key-value workloads. */
    Keys keySpace() {
        return Keys.of(keys, keyBytes, valueBytes);
    }
}
