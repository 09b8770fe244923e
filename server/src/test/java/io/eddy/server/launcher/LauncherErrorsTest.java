package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad usage gives exit code 2, a failed start exit code 1; both with one line on stderr. */
class LauncherErrorsTest {
    @TempDir
    Path dir;

    record Case(String expected, Map<String, String> env, List<String> args) {
        @Override
        public String toString() {
            return env + " " + args;
        }
    }

    static List<Case> badUsage() {
        return List.of(
                new Case("'--nme'", Map.of(), List.of("--nme", "n1")),
                new Case("'positional'", Map.of(), List.of("positional")),
                new Case("'--name'", Map.of(), List.of("--name")),
                new Case("only once", Map.of(), List.of("--name", "a", "--name", "b")),
                new Case("raft.election-timeout-min: 'abc'", Map.of(), List.of("--raft.election-timeout-min", "abc")),
                new Case("EDDY_LIMITS_MAX_TXN_OPS", Map.of("EDDY_LIMITS_MAX_TXN_OPS", "many"), List.of()),
                new Case("initial-cluster-state", Map.of(), List.of("--initial-cluster-state", "maybe")),
                new Case("does not name this member", Map.of(), List.of("--initial-cluster", "n2=127.0.0.1:1")),
                new Case("listen-peer", Map.of(), List.of("--listen-peer", "no-port")),
                new Case("election-timeout", Map.of(), List.of("--raft.election-timeout-min", "5000")),
                new Case("name", Map.of("EDDY_NAME", "bad name!"), List.of()),
                new Case("missing.conf", Map.of("EDDY_CONFIG_FILE", "/nonexistent/missing.conf"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageIsExitCodeTwoAndOneLine(Case bad) {
        Console console = new Console();
        int code = console.runExpectingNoMember(bad.env(), bad.args().toArray(String[]::new));

        assertThat(code).isEqualTo(2);
        assertThat(console.out()).isEmpty();
        assertThat(console.errLines()).singleElement().asString()
                .startsWith("eddy-server: ")
                .contains(bad.expected());
    }

    @Test
    void badConfigFileValuesNameTheFile() throws IOException {
        Path unknownKey = Files.writeString(dir.resolve("a.conf"), "name: n1\nelection-timeout: 5\n");
        Path badValue = Files.writeString(dir.resolve("b.conf"), "limits.max-key-bytes: lots\n");

        assertOneLineUsageError("unknown setting 'election-timeout'", "--config-file", unknownKey.toString());
        assertOneLineUsageError("(from config file " + badValue + ")", "--config-file", badValue.toString());
    }

    @Test
    void addressInUseIsExitCodeOneAndOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Console console = new Console();
            String address = "127.0.0.1:" + taken.getLocalPort();
            int code = console.runExpectingNoMember(Map.of(), "--data-dir", dir.resolve("d").toString(),
                    "--listen-peer", address);

            assertThat(code).isEqualTo(1);
            assertThat(console.errLines()).singleElement().asString()
                    .startsWith("eddy-server: listen-peer " + address + ": cannot listen");
        }
    }

    @Test
    void unusableDataDirIsExitCodeOneAndOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Console console = new Console();
        int code = console.runExpectingNoMember(Map.of(), "--data-dir", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(console.errLines()).singleElement().asString()
                .startsWith("eddy-server: data-dir ").endsWith(": not a directory");
    }

    @Test
    void dataDirInUseIsExitCodeOneAndOneLine() throws Exception {
        Path data = Files.createDirectories(dir.resolve("busy"));
        try (DataDirLock held = DataDirLock.acquire(data)) {
            assertThat(held).isNotNull();
            Console console = new Console();
            int code = console.runExpectingNoMember(Map.of(), "--data-dir", data.toString());

            assertThat(code).isEqualTo(1);
            assertThat(console.errLines()).singleElement().asString()
                    .startsWith("eddy-server: data-dir ").endsWith(": in use by another running member");
        }
    }

    @Test
    void failuresAreUnwrappedAndFolded() {
        Exception wrapped = new CompletionException(
                new IOException("Failed to lock storage\nsecond line", new IllegalStateException("root")));

        assertThat(Failures.oneLine(wrapped))
                .isEqualTo("IOException: Failed to lock storage second line (IllegalStateException: root)");
    }

    private void assertOneLineUsageError(String expected, String... args) {
        Console console = new Console();

        assertThat(console.runExpectingNoMember(Map.of(), args)).isEqualTo(2);
        assertThat(console.errLines()).singleElement().asString().startsWith("eddy-server: ").contains(expected);
    }
}
