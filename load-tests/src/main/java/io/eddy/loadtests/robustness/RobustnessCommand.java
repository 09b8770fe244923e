package io.eddy.loadtests.robustness;

import io.eddy.loadtests.robustness.check.HistoryChecker;
import io.eddy.loadtests.robustness.check.Verdict;
import io.eddy.loadtests.robustness.cluster.ProcessCluster;
import io.eddy.loadtests.robustness.cluster.ProcessFaults;
import io.eddy.loadtests.robustness.traffic.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy robustness}: starts a 3-process cluster ({@link ProcessCluster}) under the output
 * directory, runs random KV traffic and watchers against it while {@link ProcessFaults} kills,
 * pauses and partitions members, then checks the history. Prints progress every so often and, at
 * the end, the operation counts by kind and outcome, the faults by kind, the watch batches, the
 * verdict and the time the check took. Exit status: 0 only for OK; 1 for VIOLATION or UNKNOWN
 * (the history, the minimal failing history, the members' data directories and logs are kept
 * under {@code --out}); 2 for bad options; 3 when the cluster could not start.
 */
@Command(name = "eddy robustness", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs random traffic against a 3-process Eddy cluster while killing (SIGKILL), pausing "
                + "(SIGSTOP) and partitioning members, and checks linearizability and the watch guarantees.")
public final class RobustnessCommand implements Callable<Integer> {
    @Option(names = {"-d", "--duration"}, defaultValue = "30m", description = "traffic time: 90s, 5m, 30m, 1h "
            + "(default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--clients", defaultValue = "6", description = "KV clients, one request in flight each; even ones "
            + "pinned to one member, odd ones failing over between all (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--watchers", defaultValue = "2", description = "watchers of the whole key prefix "
            + "(default: ${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--keys", defaultValue = "10", description = "keys (default: ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--fault-interval", defaultValue = "10s-20s", description = "time between a fault's heal and "
            + "the next fault, MIN-MAX (default: ${DEFAULT-VALUE})")
    String faultInterval;

    @Option(names = "--fault-hold", defaultValue = "5s", description = "how long a fault lasts; above the election "
            + "timeout (2 s) so a paused leader is replaced (default: ${DEFAULT-VALUE})")
    String faultHold;

    @Option(names = "--faults", split = ",", description = "fault kinds (default: all: kill-leader, kill-follower, "
            + "pause-leader, pause-follower, isolate-leader, isolate-follower, cut-leader-to-follower)")
    List<String> faults = ProcessFaults.ALL;

    @Option(names = "--request-timeout", defaultValue = "3s", description = "client request timeout; a write without "
            + "an answer is an UNKNOWN outcome (default: ${DEFAULT-VALUE})")
    String requestTimeout;

    @Option(names = {"-o", "--out"}, description = "results directory (default: robustness-results/<date-time>)")
    Path out;

    @Option(names = "--seed", description = "random seed of traffic and faults (default: from the clock)")
    Long seed;

    @Option(names = "--server-jar", defaultValue = "server/target/eddy-server.jar", description = "the member's jar "
            + "(default: ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--member-jvm-options", defaultValue = "-Xmx512m", description = "JVM options of each member "
            + "(default: ${DEFAULT-VALUE})")
    String memberJvmOptions;

    @Option(names = "--progress-every", defaultValue = "30s", description = "progress line interval "
            + "(default: ${DEFAULT-VALUE})")
    String progressEvery;

    @Option(names = "--check-budget", defaultValue = "10m", description = "wall time the linearizability search may "
            + "take before it gives up (verdict UNKNOWN) (default: ${DEFAULT-VALUE})")
    String checkBudget;

    @Option(names = "--keep-history", description = "keep history.jsonl and the members' data directories even when "
            + "the verdict is OK")
    boolean keepHistory;

    private final PrintStream stdout = System.out;

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        // A client closed while its connection to a killed member was still being resolved drops a
        // CancellationException that Reactor would log as an ERROR with a stack trace: noise here.
        reactor.core.publisher.Hooks.onErrorDropped(e -> {
            if (!(e instanceof java.util.concurrent.CancellationException)) {
                System.err.println("eddy robustness: dropped error: " + e);
            }
        });
        System.exit(new CommandLine(new RobustnessCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        RunSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("eddy robustness: " + e.getMessage());
            return 2;
        }
        Path dir = out != null ? out : Path.of("robustness-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        long s = seed != null ? seed : System.currentTimeMillis();
        stdout.printf("eddy robustness: %s of traffic, %d clients, %d watchers, %d keys, a fault every %s (held %s): "
                + "%s; seed %d; results in %s%n", duration, clients, watchers, keys, faultInterval, faultHold,
                String.join(",", faults), s, dir.toAbsolutePath());
        ProcessCluster cluster;
        try {
            cluster = ProcessCluster.start(new ProcessCluster.Options(serverJar, dir.resolve("cluster"),
                    Arrays.asList(memberJvmOptions.trim().split("\\s+")), List.of("--watch.progress-interval=1000",
                    "--storage.xodus.cache-bytes=67108864")));
        } catch (RuntimeException e) {
            System.err.println("eddy robustness: the cluster did not start: " + e.getMessage());
            return 3;
        }
        RunResult result;
        try (cluster) {
            stdout.println("cluster: " + String.join(", ", cluster.endpoints()) + " (logs: "
                    + dir.resolve("cluster").resolve("logs") + ")");
            RunOptions options = options(cluster, settings, s);
            result = RobustnessRun.run(options, new ProcessFaults(cluster, faults, s),
                    new HistoryChecker(20_000_000L, settings.checkBudget()), settings.progressEvery(),
                    p -> stdout.printf("[%s] %d operations, %d faults injected (%d failed attempts)%n",
                            clock(p.elapsed()), p.operations(), p.faultsInjected(), p.faultsFailed()));
        }
        stdout.println(result.summary());
        Verdict verdict = result.report().verdict();
        if (verdict == Verdict.OK && !keepHistory) {
            Files.writeString(dir.resolve("report.txt"), result.summary() + "\n");
            deleteData(cluster);
            stdout.println("verdict OK; report and member logs in " + dir);
            return 0;
        }
        result.keep(dir);
        stdout.println("verdict " + verdict + (verdict == Verdict.OK ? " (--keep-history)" : "") + ": kept history.jsonl, minimal.jsonl, faults.txt, report.txt and the "
                + "members' data directories and logs in " + dir);
        return verdict == Verdict.OK ? 0 : 1;
    }

    /** The parsed durations. */
    record RunSettings(Duration duration, Duration minGap, Duration maxGap, Duration hold, Duration requestTimeout,
            Duration progressEvery, Duration checkBudget) {
    }

    RunSettings settings() {
        String[] gap = faultInterval.split("-", 2);
        RunSettings s = new RunSettings(duration(duration), duration(gap[0]), duration(gap[gap.length - 1]),
                duration(faultHold), duration(requestTimeout), duration(progressEvery), duration(checkBudget));
        if (s.minGap().compareTo(s.maxGap()) > 0) {
            throw new IllegalArgumentException("--fault-interval MIN-MAX needs MIN <= MAX: " + faultInterval);
        }
        if (clients < 1 || watchers < 0 || keys < 1) {
            throw new IllegalArgumentException("--clients and --keys must be at least 1, --watchers at least 0");
        }
        ProcessFaults.checkKinds(faults);
        return s;
    }

    private RunOptions options(ProcessCluster cluster, RunSettings s, long seed) {
        List<List<String>> endpoints = new ArrayList<>();
        List<String> names = ProcessCluster.NAMES;
        for (int i = 0; i < clients; i++) {
            endpoints.add(i % 2 == 0 ? List.of(cluster.endpoint(names.get((i / 2) % names.size())))
                    : cluster.endpoints());
        }
        Workload workload = new Workload("robustness/", keys, 30, 25, 10, 20, 15, s.requestTimeout(), watchers,
                Duration.ofSeconds(3), Duration.ofSeconds(8));
        return new RunOptions(s.duration(), workload, endpoints, cluster.endpoints(), s.minGap(), s.maxGap(), s.hold(),
                seed);
    }

    private static void deleteData(ProcessCluster cluster) throws IOException {
        for (Path data : cluster.dataDirs()) {
            if (Files.exists(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static String clock(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /** Parses {@code 90s}, {@code 500ms}, {@code 5m}, {@code 1h} or a number of seconds. */
    static Duration duration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long unit = v.endsWith("h") ? 3_600_000 : v.endsWith("m") ? 60_000 : 1000;
            String number = Character.isDigit(v.charAt(v.length() - 1)) ? v : v.substring(0, v.length() - 1);
            return Duration.ofMillis(Math.round(Double.parseDouble(number) * unit));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 90s, 500ms, 5m, 1h)");
        }
    }
}
