package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.node.EddyNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in-process, end to end: flags and environment to a running single member that
 * takes a write, and a second launch on the same data directory that still has it.
 */
class LauncherRunTest {
    private static final ByteString KEY = ByteString.copyFrom("launcher/key", StandardCharsets.UTF_8);
    private static final ByteString OTHER_KEY = ByteString.copyFrom("launcher/other", StandardCharsets.UTF_8);
    private static final ByteString VALUE = ByteString.copyFrom("v1", StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void launchesAMemberAndRestartsItOnItsData() throws IOException {
        int peer = freePort();
        int client = freePort();
        Map<String, String> env = Map.of(
                "EDDY_RAFT_ELECTION_TIMEOUT_MIN", "300",
                "EDDY_RAFT_ELECTION_TIMEOUT_MAX", "600",
                "EDDY_STORAGE_XODUS_CACHE_BYTES", String.valueOf(16L * 1024 * 1024));
        String[] args = {"--name", "solo", "--data-dir", dir.resolve("solo").toString(),
                "--listen-peer", "127.0.0.1:" + peer, "--listen-client", "127.0.0.1:" + client,
                "--initial-cluster", "solo=127.0.0.1:" + peer, "--initial-cluster-token", "launcher-test"};
        AtomicLong firstRevision = new AtomicLong();

        Console first = new Console();
        int code = Launcher.run(args, env, first.out, first.err, member -> serve(member, node -> {
            assertThat(node.name()).isEqualTo("solo");
            assertThat(node.config().clientAddress().port()).isEqualTo(client);
            CommandResult result = node.write(put(KEY)).get(30, TimeUnit.SECONDS);
            assertThat(result.hasPut()).as("%s", result).isTrue();
            firstRevision.set(result.getPut().getHeader().getRevision());
        }));
        assertThat(code).isZero();
        assertThat(first.err()).isEmpty();

        Console second = new Console();
        code = Launcher.run(args, env, second.out, second.err, member -> serve(member, node -> {
            // A write waits for the election (the client retries); a read right away may see NO_LEADER.
            CommandResult again = node.write(put(OTHER_KEY)).get(30, TimeUnit.SECONDS);
            assertThat(again.getPut().getHeader().getRevision()).isEqualTo(firstRevision.get() + 1);
            RangeResponse read = node.range(RangeRequest.newBuilder().setKey(KEY).build()).get(30, TimeUnit.SECONDS);
            assertThat(read.getKvsList()).singleElement().satisfies(kv -> {
                assertThat(kv.getValue()).isEqualTo(VALUE);
                assertThat(kv.getModRevision()).isEqualTo(firstRevision.get());
            });
        }));
        assertThat(code).isZero();
        assertThat(second.err()).isEmpty();
    }

    /** A member whose Raft server stops by itself (not through the shutdown hook) makes the launcher exit with 1. */
    @Test
    void exitsWhenTheRaftServerStopsOnItsOwn() throws IOException {
        int peer = freePort();
        String[] args = {"--name", "alone", "--data-dir", dir.resolve("alone").toString(),
                "--listen-peer", "127.0.0.1:" + peer, "--listen-client", "127.0.0.1:" + freePort(),
                "--initial-cluster", "alone=127.0.0.1:" + peer, "--initial-cluster-token", "launcher-test-2"};
        Console console = new Console();
        int code = Launcher.run(args, Map.of(), console.out, console.err, member -> {
            try {
                member.node().close(); // as if Ratis had shut the server down
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Launcher.untilShutdown(member);
        });
        assertThat(code).isEqualTo(Launcher.EXIT_START_FAILED);
    }

    @FunctionalInterface
    private interface Check {
        void accept(EddyNode node) throws Exception;
    }

    /** Runs the check on the started member, then stops it the way the shutdown hook does. */
    private static int serve(Member member, Check check) {
        try {
            check.accept(member.node());
            return Launcher.EXIT_OK;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            member.stop("test done");
        }
    }

    private static Command put(ByteString key) {
        return Command.newBuilder().setPut(PutRequest.newBuilder().setKey(key).setValue(VALUE)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
