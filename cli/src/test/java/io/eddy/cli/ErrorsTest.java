package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * eddyctl's failures: one {@code Error: ...} line on stderr, exit code 1 when the command failed
 * and 2 when what was typed is wrong, and nothing on stdout; against a real 3-member cluster
 * where a server answer is needed.
 */
class ErrorsTest {
    @TempDir
    static Path dir;

    private static ApiCluster api;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void unreachableEndpointsFailWithinTheDialTimeout() throws IOException {
        List<String> closed = List.of("127.0.0.1:" + closedPort(), "127.0.0.1:" + closedPort());
        long start = System.nanoTime();
        Ctl.Result result = Ctl.run(closed, "--dial-timeout=1s", "get", "k");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("Error: no endpoint reachable within the dial timeout 1s: ")
                .contains(closed.get(0) + " (Connection refused").contains(closed.get(1)).hasLineCount(1);
        assertThat(took).isLessThan(Duration.ofSeconds(1).plusMillis(900));
    }

    @Test
    void endpointsComeFromTheFlagThenTheEnvironment() throws IOException {
        String fromEnv = "127.0.0.1:" + closedPort();
        Ctl.Result env = Ctl.run(List.of(), Map.of(EddyCtl.ENDPOINTS_ENV, fromEnv), "", Mono.never(), "get", "k");
        assertThat(env.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(env.err()).contains(fromEnv + " (").doesNotContain("7379");

        Ctl.Result flag = Ctl.run(List.of(), Map.of(EddyCtl.ENDPOINTS_ENV, fromEnv), "", Mono.never(),
                "--endpoints=" + String.join(",", api.endpoints()), "put", "env/k", "v");
        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.out()).isEqualTo("OK\n");
    }

    @Test
    void theCommandTimeoutComesFromTheEnvironmentWhenNoFlagSetsIt() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String endpoint = "--endpoints=127.0.0.1:" + silent.getLocalPort();
            Ctl.Result bad = Ctl.run(List.of(), Map.of("EDDYCTL_COMMAND_TIMEOUT", "soon"), "", Mono.never(),
                    endpoint, "get", "k");
            assertThat(bad.exitCode()).as(bad.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.err()).contains("--command-timeout: invalid duration \"soon\"");
            Ctl.Result flagWins = Ctl.run(List.of(), Map.of("EDDYCTL_COMMAND_TIMEOUT", "soon"), "", Mono.never(),
                    endpoint, "--command-timeout=1s", "get", "k");
            assertThat(flagWins.err()).startsWith("Error: TIMEOUT: ");
        }
    }

    @Test
    void anEndpointThatNeverAnswersFailsWithinTheCommandTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Ctl.Result result = Ctl.run(List.of("127.0.0.1:" + silent.getLocalPort()), "--command-timeout=1s",
                    "get", "k");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.err()).startsWith("Error: TIMEOUT: ").hasLineCount(1);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertUsageError(Ctl.run(api.endpoints(), "get", "--bogus", "k"), "Error: Unknown option: '--bogus'");
        assertUsageError(Ctl.run(api.endpoints(), "get"),
                "Error: get command needs one argument as key and an optional argument as range_end");
        assertUsageError(Ctl.run(api.endpoints(), "get", "k", "--sort-by=SIZE"), "Error: bad sort target SIZE");
        assertUsageError(Ctl.run(api.endpoints(), "get", "k", "--prefix", "--from-key"),
                "Error: `--prefix` and `--from-key` cannot be set at the same time, choose one");
        assertUsageError(Ctl.run(api.endpoints(), "get", "k", "--limit=x"), "Error: Invalid value for option '--limit'");
        assertUsageError(Ctl.run(api.endpoints(), "--command-timeout=5", "get", "k"),
                "Error: --command-timeout: invalid duration \"5\"");
        assertUsageError(Ctl.run(api.endpoints(), "-w", "yaml", "get", "k"), "Error: unknown output format \"yaml\"");
        assertUsageError(Ctl.run(api.endpoints(), "-w", "table", "get", "k"),
                "Error: table not supported as output format");
        assertUsageError(Ctl.run(api.endpoints(), "nosuchcommand"), "Error: Unmatched argument at index ");
    }

    @Test
    void anInvalidTxnLineIsAUsageErrorAndSendsNothing() {
        Ctl.Result compare = Ctl.run(api.endpoints(), Map.of(), "bogus(\"k\") = \"v\"\n\nput txn/k v\n\n", Mono.never(),
                "txn");
        assertUsageError(compare, "Error: malformed comparison: bogus(\"k\") = \"v\" (unknown target bogus)");

        Ctl.Result op = Ctl.run(api.endpoints(), Map.of(), "\nput txn/k v\nfrob txn/k\n\n", Mono.never(), "txn");
        assertUsageError(op, "Error: invalid txn request: frob txn/k");

        Ctl.Result number = Ctl.run(api.endpoints(), Map.of(), "mod(\"k\") > \"x\"\n\n\n", Mono.never(), "txn");
        assertUsageError(number, "Error: invalid txn compare request: mod(\"k\") > \"x\"");

        assertThat(Ctl.run(api.endpoints(), "get", "txn/k").out()).as("nothing was written").isEmpty();
    }

    @Test
    void aKeyTooLargeShowsTheServersCode() {
        String key = "k".repeat(10_000);
        Ctl.Result result = Ctl.run(api.endpoints(), "put", key, "v");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("Error: KEY_TOO_LARGE: ").hasLineCount(1);

        String value = "v".repeat(2 * 1024 * 1024);
        Ctl.Result large = Ctl.run(api.endpoints(), Map.of(), value, Mono.never(), "put", "big");
        assertThat(large.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(large.err()).matches("Error: (VALUE_TOO_LARGE|REQUEST_TOO_LARGE): .*\n");
    }

    @Test
    void leasesAreRefusedClearly() {
        Ctl.Result result = Ctl.run(api.endpoints(), "put", "k", "v", "--lease=1234abcd");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).isEqualTo("Error: leases are not supported yet (--lease 1234abcd)\n");
        assertThat(Ctl.run(api.endpoints(), "put", "k", "v", "--lease=0").out()).isEqualTo("OK\n");
    }

    @Test
    void aCompactedRevisionIsAFailure() {
        Ctl.Result put = Ctl.run(api.endpoints(), "put", "compacted/k", "v1");
        assertThat(put.exitCode()).isZero();
        Ctl.run(api.endpoints(), "put", "compacted/k", "v2");
        String json = Ctl.run(api.endpoints(), "get", "compacted/k", "-w", "json").out();
        long revision = Long.parseLong(json.replaceAll("(?s).*\"revision\":([0-9]+).*", "$1"));
        assertThat(Ctl.run(api.endpoints(), "compaction", Long.toString(revision)).out())
                .isEqualTo("compacted revision " + revision + "\n");

        Ctl.Result result = Ctl.run(api.endpoints(), "get", "compacted/k", "--rev", Long.toString(revision - 1));
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).startsWith("Error: COMPACTED: ");
    }

    private static void assertUsageError(Ctl.Result result, String errorStart) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(errorStart).hasLineCount(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
