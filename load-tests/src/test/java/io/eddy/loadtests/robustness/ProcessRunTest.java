package io.eddy.loadtests.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.loadtests.robustness.check.HistoryChecker;
import io.eddy.loadtests.robustness.check.Verdict;
import io.eddy.loadtests.robustness.cluster.ProcessCluster;
import io.eddy.loadtests.robustness.cluster.ProcessFaults;
import io.eddy.loadtests.robustness.fault.FaultEvent;
import io.eddy.loadtests.robustness.fault.FaultInjector;
import io.eddy.loadtests.robustness.history.Outcome;
import io.eddy.loadtests.robustness.traffic.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short process run: 3 real {@code eddy-server} processes (server/target/eddy-server.jar,
 * built by the server module's package phase, which a reactor build runs before this module's
 * tests), KV clients pinned to each member and failing over, two watchers, and a fault of a
 * different kind every few seconds: SIGKILL of the leader and restart with recovery, SIGSTOP of
 * the leader then SIGCONT, isolation of a follower, a one-way cut, ... The verdict must be OK,
 * and the faults must really have happened (a killed member was started again, a paused one
 * resumed). The processes are stopped even when the test fails ({@link ProcessCluster#close},
 * and its shutdown hook if the JVM goes first).
 */
class ProcessRunTest {
    /** The kinds in the order they are injected: every kind of process fault comes early. */
    private static final List<String> ORDER = List.of("kill-leader", "pause-leader", "isolate-follower",
            "kill-follower", "cut-leader-to-follower", "pause-follower", "isolate-leader");
    private static final int SECONDS = Integer.getInteger("eddy.robustness.process.seconds", 45);

    @TempDir
    Path dir;

    @Test
    void aClusterOfProcessesPassesUnderKillsPausesAndPartitions() throws Exception {
        Path jar = Path.of(System.getProperty("eddy.server.jar", "../server/target/eddy-server.jar"));
        assertThat(jar).as("the member's jar, built by the server module's package phase (run the reactor: "
                + "./mvnw -B verify -pl load-tests -am)").isRegularFile();
        try (ProcessCluster cluster = ProcessCluster.start(new ProcessCluster.Options(jar, dir.resolve("run"),
                List.of("-Xmx256m"), List.of("--watch.progress-interval=500", "--storage.xodus.cache-bytes=33554432")))) {
            List<List<String>> clients = new ArrayList<>();
            for (String name : ProcessCluster.NAMES) {
                clients.add(List.of(cluster.endpoint(name))); // pinned: sees what its member serves
                clients.add(cluster.endpoints()); // fails over
            }
            Workload workload = new Workload("proc/", 8, 30, 25, 10, 20, 15, Duration.ofSeconds(3), 2,
                    Duration.ofSeconds(2), Duration.ofSeconds(5));
            RunOptions options = new RunOptions(Duration.ofSeconds(SECONDS), workload, clients, cluster.endpoints(),
                    Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), 7);
            RunResult result = RobustnessRun.run(options, new InOrder(new ProcessFaults(cluster, ProcessFaults.ALL, 7)),
                    new HistoryChecker(5_000_000, Duration.ofSeconds(60)));
            System.out.println("process run:\n" + result.summary());
            result.faults().forEach(f -> System.out.println("  " + f.kind() + (f.failed() ? " FAILED: " : ": ")
                    + f.action()));

            assertThat(result.faults()).as("no fault or heal failed").noneMatch(FaultEvent::failed);
            assertThat(result.faultCounts()).as("faults injected: SIGKILL, SIGSTOP and a partition")
                    .containsKeys("kill-leader", "pause-leader", "isolate-follower");
            assertThat(result.faults()).as("a killed member was restarted, a paused one resumed")
                    .anyMatch(f -> f.kind().equals("heal") && f.action().contains("restart"))
                    .anyMatch(f -> f.kind().equals("heal") && f.action().contains("SIGCONT"));
            String killed = killedMember(result.faults());
            String log = Files.readString(cluster.logs().get(ProcessCluster.NAMES.indexOf(killed)));
            assertThat(Pattern.compile("member " + killed + " started").matcher(log).results().count())
                    .as("the killed member " + killed + " started twice (its log)").isGreaterThanOrEqualTo(2);
            assertThat(result.history().operations().stream().filter(op -> op.outcome() == Outcome.OK).count())
                    .as("operations that completed").isGreaterThan(10L * SECONDS);
            assertThat(result.report().verdict()).as(result.summary()).isEqualTo(Verdict.OK);
        }
    }

    private static String killedMember(List<FaultEvent> faults) {
        Matcher m = Pattern.compile("SIGKILL (n\\d)").matcher(faults.stream().filter(f -> f.kind().startsWith("kill-"))
                .findFirst().orElseThrow().action());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /**
     * {@link ProcessFaults} in a fixed order instead of at random: the schedule draws from
     * {@link #kinds()}, which names only the next kind.
     */
    private static final class InOrder implements FaultInjector {
        private final ProcessFaults faults;
        private int next;

        InOrder(ProcessFaults faults) {
            this.faults = faults;
        }

        @Override
        public List<String> kinds() {
            return List.of(ORDER.get(next % ORDER.size()));
        }

        @Override
        public String inject(String kind) {
            next++;
            return faults.inject(kind);
        }

        @Override
        public String heal() {
            return faults.heal();
        }
    }
}
