package io.eddy.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short run of the benchmark tool against a real 3-member cluster (ApiCluster: Ratis, Xodus,
 * RSocket over TCP): every workload for about a second, through the same command-line parsing,
 * runner and report writers as {@code ./eddy bench}. Checks that each workload did work without
 * errors and that the JSON and HTML files hold every run; then the open loop's pacing and a
 * {@code --total} run's exact count.
 */
class BenchSmokeTest {
    @TempDir
    static Path dir;

    private static ApiCluster api;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir.resolve("cluster"), s -> s);
        // The first write of a fresh cluster is slow (Raft clients connect, the JIT is cold); a
        // one-second run must not spend its window on it.
        try (Target target = new EddyTarget(api.endpoints(), 2, Duration.ofSeconds(30))) {
            target.put(0, "warm".getBytes(StandardCharsets.UTF_8), new byte[1]).get(60, TimeUnit.SECONDS);
            target.put(1, "warm".getBytes(StandardCharsets.UTF_8), new byte[1]).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fresh cluster did not take a first write", e);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everyWorkloadRunsWithoutErrorsAndTheReportsHoldEveryRun() throws Exception {
        Path out = dir.resolve("all");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Runner.Outcome outcome = run(printed, "--workloads",
                "put@8,get@8,get-serializable@8,range-small@4,range-large@2,txn-cas@4,watch,lease,mixed@8",
                "--keys", "300", "--range-large", "100", "--watchers", "20", "--watch-connections", "2",
                "--watch-rate", "50", "--warmup", "200ms", "--duration", "1s", "--out", out.toString());

        List<Result> results = outcome.results();
        assertThat(results).extracting(Result::workload).containsExactly("put@8", "get@8", "get-serializable@8",
                "range-small@4", "range-large@2", "txn-cas@4", "watch", "lease@64", "mixed@8");
        for (Result r : results) {
            if (r.kind().equals("lease")) {
                assertThat(r.skipped()).as("lease on Eddy").contains("no leases");
                continue;
            }
            assertThat(r.skipped()).as(r.workload() + " skipped").isNull();
            assertThat(r.ops()).as(r.workload() + " ops").isPositive();
            assertThat(r.errors()).as(r.workload() + " errors").isEmpty();
            assertThat(r.notes()).as(r.workload() + " notes").doesNotContainKeys("get.missing", "range.short",
                    "cas.failed", "watch.behind");
            assertThat(r.latency().p50()).as(r.workload() + " p50").isPositive()
                    .isLessThanOrEqualTo(r.latency().max());
            assertThat(r.distribution()).as(r.workload() + " distribution").hasSize(Recording.PERCENTILES.length);
            assertThat(r.timeline()).as(r.workload() + " timeline").isNotEmpty();
        }
        Result watch = results.get(6);
        assertThat(watch.notes()).as("writes acknowledged under the watches").containsKey("writes.acked");
        assertThat(watch.ops()).as("every watch receives every write: events >= writes")
                .isGreaterThanOrEqualTo(watch.notes().get("writes.acked"));

        String json = Files.readString(outcome.json());
        String html = Files.readString(outcome.html());
        assertThat(outcome.json()).isEqualTo(out.resolve("results.json"));
        assertThat(json).contains("\"tool\": \"eddy bench\"", "\"target\": \"eddy\"", "\"histogram\": \"");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Latency distribution", "Latency over time",
                "</svg>", "target eddy");
        assertThat(html.replace("xmlns='http://www.w3.org/2000/svg'", "")).as("self-contained: nothing to fetch")
                .doesNotContain("http://", "https://", "<link", "<script src");
        for (Result r : results) {
            assertThat(json).contains("\"workload\": \"" + r.workload() + "\"");
            if (r.skipped() == null) {
                assertThat(html).contains("<h2>" + r.workload() + "</h2>");
            }
        }
        assertThat(countOf(html, "<svg")).as("three charts per workload that ran").isEqualTo(3 * 8);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("put@8", "wrote " + outcome.html());
    }

    @Test
    void theOpenLoopKeepsToItsRateAndATotalRunCountsExactly() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Result paced = run(printed, "--workloads", "put@32", "--rate", "100", "--warmup", "200ms", "--duration",
                "1500ms", "--out", dir.resolve("open").toString()).results().get(0);
        assertThat(paced.errors()).isEmpty();
        assertThat(paced.rate()).isEqualTo(100);
        // the schedule sends 100/s: the window cannot hold more than its share (plus the stragglers' margin)
        assertThat(paced.ops()).as("puts in the window").isPositive()
                .isLessThanOrEqualTo(Math.round(100 * paced.seconds()) + 10);

        Result counted = run(printed, "--workloads", "get-serializable@4", "--keys", "50", "--total", "200",
                "--warmup", "100ms", "--out", dir.resolve("total").toString()).results().get(0);
        assertThat(counted.errors()).isEmpty();
        assertThat(counted.ops()).as("a --total run measures exactly that many operations").isEqualTo(200);
    }

    @Test
    void durationsAndWorkloadSpecsParse() {
        BenchCommand.DurationConverter durations = new BenchCommand.DurationConverter();
        assertThat(durations.convert("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(durations.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(WorkloadSpec.parse("put@256", 64)).isEqualTo(new WorkloadSpec(Workload.PUT, 256));
        assertThat(WorkloadSpec.parse("range-large", 64)).isEqualTo(new WorkloadSpec(Workload.RANGE_LARGE, 64));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkloadSpec.parse("scan", 1))
                .hasMessageContaining("unknown workload 'scan'");
        Keys keys = Keys.of(1000, 16, 8);
        assertThat(new String(keys.key(7), StandardCharsets.UTF_8)).isEqualTo("bench/0000000007").hasSize(16);
        assertThat(new String(keys.key(1000), StandardCharsets.UTF_8)).isGreaterThan(
                new String(keys.key(999), StandardCharsets.UTF_8));
    }

    private static Runner.Outcome run(ByteArrayOutputStream printed, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--progress", "none", "--connections", "2"));
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        List<String> endpoints = api.endpoints();
        Runner.TargetSpec eddy = new Runner.TargetSpec("eddy", endpoints,
                n -> new EddyTarget(endpoints, n, Duration.ofSeconds(10)));
        int from = printed.size();
        Runner.Outcome outcome = Runner.run(List.of(eddy), command.options(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.print(printed.toString(StandardCharsets.UTF_8).substring(from)); // the tool's table, in the test log
        return outcome;
    }

    private static long countOf(String text, String part) {
        return Stream.iterate(text.indexOf(part), i -> i >= 0, i -> text.indexOf(part, i + 1)).count();
    }
}
