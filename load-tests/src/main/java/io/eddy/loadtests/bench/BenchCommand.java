package io.eddy.loadtests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy bench}: the benchmark tool's command line. Measures Eddy (through its client),
 * etcd (through jetcd) or both with the same workloads, prints a row per run (and the Eddy/etcd
 * ratios when both ran) and writes {@code results.json} and {@code report.html}. Run it with
 * {@code ./eddy bench [options]} or {@code java -jar load-tests/target/benchmarks.jar bench
 * [options]}; {@code --help} lists the options.
 */
@Command(name = "eddy bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures Eddy and/or etcd with the same workloads; prints a row per run, writes results.json "
                + "and report.html.", "Workloads: put, get (linearizable), get-serializable, range-small, range-large, "
                + "txn-cas, watch, lease, mixed; name@N sets the requests in flight (e.g. put@256)."})
public final class BenchCommand implements Callable<Integer> {
    private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

    @Option(names = "--eddy", split = ",", paramLabel = "HOST:PORT",
            description = "Eddy endpoints (default 127.0.0.1:7379,7479,7579 when no target is given)")
    List<String> eddy;

    @Option(names = "--etcd", split = ",", paramLabel = "HOST:PORT", description = "etcd endpoints")
    List<String> etcd;

    @Option(names = {"-w", "--workloads"}, defaultValue = "put,get,get-serializable,range-small,"
            + "range-large,txn-cas,watch,mixed", description = "the matrix, in order (default: ${DEFAULT-VALUE})")
    String workloads;

    @Option(names = {"-c", "--connections"}, defaultValue = "3", description = "connections (clients) per target; "
            + "connection i goes to endpoint i %% endpoints (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--concurrency", defaultValue = "64", description = "requests in flight when a workload names none "
            + "(default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--keys", defaultValue = "10000", description = "key count (default: ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--key-size", defaultValue = "16", description = "key bytes (default: ${DEFAULT-VALUE})")
    int keySize;

    @Option(names = "--value-size", defaultValue = "256", description = "value bytes (default: ${DEFAULT-VALUE})")
    int valueSize;

    @Option(names = "--initial-warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "before the matrix, this long of unmeasured mixed load on each target, for the JIT of "
                    + "JVM-based members (default: ${DEFAULT-VALUE})")
    Duration initialWarmup;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "unmeasured time before each run: 5s, 500ms, 1m (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = {"-d", "--duration"}, defaultValue = "15s", converter = DurationConverter.class,
            description = "measured time of each run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--total", defaultValue = "0", description = "measured operations per run instead of "
            + "--duration (default: ${DEFAULT-VALUE} = use the duration)")
    long total;

    @Option(names = "--rate", defaultValue = "0", description = "open loop: requests/s per run, latency from the "
            + "intended send time; --concurrency caps the outstanding (default: ${DEFAULT-VALUE} = closed loop)")
    double rate;

    @Option(names = "--range-small", defaultValue = "10", description = "keys per small range (default: ${DEFAULT-VALUE})")
    int rangeSmall;

    @Option(names = "--range-large", defaultValue = "1000", description = "keys per large range (default: ${DEFAULT-VALUE})")
    int rangeLarge;

    @Option(names = "--watchers", defaultValue = "1000", description = "watches of the watch workload (default: "
            + "${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--watch-connections", defaultValue = "10", description = "connections the watches are spread "
            + "over (default: ${DEFAULT-VALUE})")
    int watchConnections;

    @Option(names = "--watch-rate", defaultValue = "10", description = "writes/s under the watches (default: "
            + "${DEFAULT-VALUE})")
    double watchRate;

    @Option(names = "--mix", defaultValue = "get=50,put=30,range-small=10,txn-cas=10",
            description = "the mixed workload's weights (default: ${DEFAULT-VALUE})")
    String mix;

    @Option(names = "--lease-ttl", defaultValue = "10", description = "TTL (s) of granted leases (default: "
            + "${DEFAULT-VALUE})")
    long leaseTtl;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "the longest wait for one answer (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = {"-o", "--out"}, description = "directory of results.json and report.html (default: "
            + "bench-results/<date-time>)")
    Path out;

    @Option(names = "--progress", defaultValue = "auto", description = "auto (when on a terminal), bar, none "
            + "(default: ${DEFAULT-VALUE})")
    String progress;

    @Option(names = "--title", defaultValue = "Eddy benchmark", description = "the report's title (default: "
            + "${DEFAULT-VALUE})")
    String title;

    /**
     * Runs the tool; the exit status is 0, or 1 when a run failed or counted errors, 2 for bad
     * options. A later option overrides an earlier one.
     */
    public static void main(String[] args) {
        GRPC_LOG.setLevel(java.util.logging.Level.WARNING); // jetcd's gRPC logs an INFO line at start
        // Later options override earlier ones: compare.sh passes its defaults, then the user's.
        System.exit(new CommandLine(new BenchCommand()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Runner.TargetSpec> targets = new ArrayList<>();
        if (eddy == null && etcd == null) {
            eddy = List.of("127.0.0.1:7379", "127.0.0.1:7479", "127.0.0.1:7579");
        }
        if (eddy != null) {
            targets.add(new Runner.TargetSpec("eddy", eddy, n -> new EddyTarget(eddy, n, requestTimeout)));
        }
        if (etcd != null) {
            targets.add(new Runner.TargetSpec("etcd", etcd, n -> new EtcdTarget(etcd, n, requestTimeout)));
        }
        BenchOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("eddy bench: " + e.getMessage());
            return 2;
        }
        Runner.Outcome outcome = Runner.run(targets, options, System.out);
        boolean clean = outcome.results().stream()
                .allMatch(r -> r.errorCount() == 0 && (r.skipped() == null || !r.skipped().startsWith("failed")));
        return clean ? 0 : 1;
    }

    /** The parsed options as a record (for tests and the runner). */
    BenchOptions options() {
        Map<Workload, Integer> weights = new LinkedHashMap<>();
        for (String entry : mix.split(",")) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--mix takes name=weight pairs, not " + entry);
            }
            weights.put(Workload.byName(parts[0]), Integer.parseInt(parts[1].trim()));
        }
        Path dir = out != null ? out : Path.of("bench-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new BenchOptions(Arrays.stream(workloads.split(","))
                .map(w -> WorkloadSpec.parse(w, concurrency)).toList(), connections,
                concurrency, keys, keySize, valueSize, initialWarmup, warmup, duration, total, rate, rangeSmall, rangeLarge, watchers,
                watchConnections, watchRate, weights, leaseTtl, requestTimeout, dir, progress, title);
    }

    /** Parses {@code 15s}, {@code 500ms}, {@code 2m} or a number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            for (String[] unit : Arrays.asList(new String[] {"ms", "1"}, new String[] {"s", "1000"},
                    new String[] {"m", "60000"})) {
                if (v.endsWith(unit[0]) && (unit[0].length() == 2 || !v.endsWith("ms"))) {
                    double number = Double.parseDouble(v.substring(0, v.length() - unit[0].length()));
                    return Duration.ofMillis(Math.round(number * Long.parseLong(unit[1])));
                }
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }
    }
}
