package io.eddy.loadtests.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.loadtests.robustness.check.CheckReport;
import io.eddy.loadtests.robustness.check.HistoryChecker;
import io.eddy.loadtests.robustness.check.Verdict;
import io.eddy.loadtests.robustness.history.HistoryFiles;
import io.eddy.loadtests.robustness.history.Outcome;
import io.eddy.loadtests.robustness.traffic.Workload;
import io.eddy.server.config.EddySettings;
import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short in-process robustness run: 3 real members (Ratis, Xodus, RSocket on loopback) with
 * two KV clients pinned to each member, a watcher, and peer-link faults. With the server's
 * test-only {@code stale-reads} fault on, an isolated member keeps answering linearizable reads
 * from its old state: the checkers must reject the history. With it off, the same kind of run
 * must pass.
 */
class InProcessRunTest {
    private static final String FAULTS_PROPERTY = "eddy.test.faults";
    private static final HistoryChecker CHECKER = new HistoryChecker(5_000_000, Duration.ofSeconds(60));

    /** The correct run's length in seconds: 24 in the build, longer by hand ({@code -Deddy.robustness.seconds=600}). */
    private static final int SECONDS = Integer.getInteger("eddy.robustness.seconds", 24);

    @TempDir
    Path dir;

    @Test
    void staleReadsOfAnIsolatedMemberAreCaught() throws Exception {
        ApiCluster cluster;
        System.setProperty(FAULTS_PROPERTY, "stale-reads");
        try {
            cluster = start(dir.resolve("stale"));
        } finally {
            System.clearProperty(FAULTS_PROPERTY); // read once at member start
        }
        try (cluster) {
            RunResult result = RobustnessRun.run(options(cluster, Duration.ofSeconds(14), "stale/", Duration.ofSeconds(2),
                    Duration.ofSeconds(3), Duration.ofSeconds(8)), new BridgeFaults(cluster, List.of("isolate-follower")),
                    CHECKER);
            System.out.println("stale-reads run:\n" + result.summary());
            assertThat(result.faults()).as("faults").anyMatch(f -> f.kind().equals("isolate-follower") && !f.failed());
            CheckReport report = result.report();
            assertThat(report.verdict()).as(result.summary()).isEqualTo(Verdict.VIOLATION);
            assertThat(report.violations()).as(result.summary())
                    .anyMatch(v -> v.check().equals("linearizability") || v.check().equals("revisions"));
            assertThat(report.minimalFailing()).isNotEmpty();

            Path kept = dir.resolve("kept");
            result.keep(kept);
            CheckReport again = CHECKER.check(HistoryFiles.read(kept.resolve("history.jsonl")));
            assertThat(again.verdict()).as("the kept history, checked again").isEqualTo(Verdict.VIOLATION);
            CheckReport minimal = CHECKER.check(HistoryFiles.read(kept.resolve("minimal.jsonl")));
            assertThat(minimal.verdict()).as("the kept minimal history: " + minimal.summary())
                    .isEqualTo(Verdict.VIOLATION);
        }
    }

    @Test
    void aCorrectClusterPassesUnderPartitions() {
        try (ApiCluster cluster = start(dir.resolve("correct"))) {
            RunResult result = RobustnessRun.run(options(cluster, Duration.ofSeconds(SECONDS), "ok/", Duration.ofSeconds(3),
                    Duration.ofSeconds(5), Duration.ofSeconds(3)), new BridgeFaults(cluster, BridgeFaults.ALL), CHECKER);
            System.out.println("correct run:\n" + result.summary());
            assertThat(result.faults().stream().filter(f -> !f.kind().equals("heal") && !f.failed()).count())
                    .as("faults injected").isGreaterThanOrEqualTo(3);
            assertThat(result.history().operations().stream().filter(op -> op.outcome() == Outcome.OK).count())
                    .as("operations that completed").isGreaterThan(8L * SECONDS);
            assertThat(result.history().watches().stream().mapToLong(w -> w.batches().size()).sum())
                    .as("watch batches").isGreaterThan(2L * SECONDS);
            assertThat(result.report().verdict()).as(result.summary()).isEqualTo(Verdict.OK);
        }
    }

    private static ApiCluster start(Path dir) {
        return ApiCluster.start(3, dir, s -> s.with(EddySettings.WATCH_PROGRESS_INTERVAL, 300L));
    }

    /** Two clients pinned to each member (a single endpoint each), the watcher on every endpoint. */
    private static RunOptions options(ApiCluster cluster, Duration duration, String prefix, Duration minGap,
            Duration maxGap, Duration hold) {
        List<List<String>> clients = new ArrayList<>();
        for (String name : cluster.servers().keySet()) {
            clients.add(List.of(cluster.endpoint(name)));
            clients.add(List.of(cluster.endpoint(name)));
        }
        Workload workload = new Workload(prefix, 8, 30, 25, 10, 20, 15, Duration.ofSeconds(3), 1,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new RunOptions(duration, workload, clients, cluster.endpoints(), minGap, maxGap, hold, 42);
    }
}
