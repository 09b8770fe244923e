package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.RequestId;
import io.eddy.server.mvcc.KvHash;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.NodeConfig;
import io.eddy.server.testing.MiniCluster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eddy-server restore} end to end: a real 3-member cluster takes puts, deletes and a
 * compaction; a snapshot is taken as {@code maintenance.snapshot} takes it (the node's backup
 * on its admin pool); three data directories are restored from it through the launcher; a new
 * 3-member cluster started on them holds exactly the snapshot's keys, revisions and compaction,
 * and goes on from the snapshot's revision. Corrupt files and non-empty directories are refused.
 */
class RestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RequestId REQUEST_ID = RequestId.newBuilder().setClientId(77).setSequence(1).build();
    private static final RangeRequest ALL = RangeRequest.newBuilder().setKey(bytes("\0")).setRangeEnd(bytes("\0")).build();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Snapshot snapshot;

    @BeforeAll
    static void takeSnapshot() throws Exception {
        snapshot = snapshotOfAClusterWithHistory(shared);
    }

    /** What the old cluster held when the snapshot was taken. */
    private record Snapshot(Path file, long revision, long compactRevision, List<KeyValue> kvs, KvHash hash) {
    }

    @Test
    void aNewClusterRestoredFromASnapshotHoldsItsDataAndGoesOnFromItsRevision() throws Exception {
        try (MiniCluster restored = MiniCluster.start(3, dir.resolve("new"), s -> s, this::restoreInto)) {
            EddyNode leader = restored.awaitLeader(WAIT);
            for (EddyNode node : restored.runningNodes()) {
                RangeResponse all = read(node, ALL);
                assertThat(all.getHeader().getRevision()).as(node.name()).isEqualTo(snapshot.revision());
                assertThat(all.getKvsList()).as(node.name()).containsExactlyElementsOf(snapshot.kvs());
                assertThat(node.compactRevision()).as(node.name()).isEqualTo(snapshot.compactRevision());
                assertThat(node.hash(snapshot.revision())).as(node.name()).isEqualTo(snapshot.hash());
                // History between the compact revision and the snapshot is there; below it, compacted.
                assertThat(read(node, get("a/1").toBuilder().setRevision(snapshot.compactRevision()).build())
                        .getKvs(0).getValue().toStringUtf8()).isEqualTo("v2-1");
                assertThatThrownBy(() -> read(node, get("a/1").toBuilder()
                        .setRevision(snapshot.compactRevision() - 1).build()))
                        .hasRootCauseMessage("COMPACTED: required revision " + (snapshot.compactRevision() - 1)
                                + " has been compacted; compact revision is " + snapshot.compactRevision());
            }

            // The new cluster applies its first entries (a kept applied index would skip them).
            CommandResult next = write(leader, put("after/restore", "new"));
            assertThat(next.getPut().getHeader().getRevision()).isEqualTo(snapshot.revision() + 1);
            // The old cluster's exactly-once records are dropped: the same request id applies again.
            CommandResult retried = write(restored.runningNodes().get(0), put("b/once", "again").toBuilder()
                    .setRequestId(REQUEST_ID).build());
            assertThat(retried.getPut().getHeader().getRevision()).isEqualTo(snapshot.revision() + 2);

            long last = snapshot.revision() + 2;
            for (EddyNode node : restored.runningNodes()) {
                MiniCluster.awaitTrue(WAIT, node.name() + " to apply revision " + last, () -> node.localRevision() >= last);
            }
            RangeResponse reference = read(leader, ALL.toBuilder().setSerializable(true).build());
            assertThat(reference.getKvsList()).hasSize(snapshot.kvs().size() + 1);
            for (EddyNode node : restored.runningNodes()) {
                RangeResponse local = read(node, ALL.toBuilder().setSerializable(true).build());
                assertThat(local.getKvsList()).as(node.name()).containsExactlyElementsOf(reference.getKvsList());
                assertThat(node.hash(last)).as(node.name()).isEqualTo(leader.hash(last));
            }
        }
    }

    @Test
    void refusesACorruptOrTruncatedSnapshotAndLeavesNothingBehind() throws Exception {
        byte[] bytes = Files.readAllBytes(snapshot.file());
        byte[] flipped = bytes.clone();
        int at = indexOf(flipped, "v1-10".getBytes(StandardCharsets.UTF_8));
        flipped[at] = 'w';
        Path corrupt = Files.write(dir.resolve("corrupt.snap"), flipped);
        Path truncated = Files.write(dir.resolve("truncated.snap"), Arrays.copyOf(bytes, bytes.length - 10));

        Path target = dir.resolve("target");
        Console console = new Console();
        assertThat(restore(console, corrupt, target)).isEqualTo(Launcher.EXIT_START_FAILED);
        assertThat(console.errLines()).singleElement().asString()
                .startsWith("eddy-server restore: cannot restore snapshot " + corrupt)
                .contains("corrupt backup stream: checksum mismatch");
        assertThat(target).doesNotExist();

        Files.createDirectories(target);
        Console second = new Console();
        assertThat(restore(second, truncated, target)).isEqualTo(Launcher.EXIT_START_FAILED);
        assertThat(second.errLines()).singleElement().asString().contains("backup stream is truncated");
        assertThat(target).isEmptyDirectory();

        Console missing = new Console();
        assertThat(restore(missing, dir.resolve("nope.snap"), target)).isEqualTo(Launcher.EXIT_START_FAILED);
        assertThat(missing.errLines()).singleElement().asString().endsWith("nope.snap: no such file");

        // The directory left empty by the failures takes a good snapshot.
        Console good = new Console();
        assertThat(restore(good, snapshot.file(), target)).isZero();
        assertThat(good.err()).isEmpty();
        assertThat(good.out()).contains("restored " + snapshot.file() + " (revision " + snapshot.revision()
                + ", compact revision " + snapshot.compactRevision() + ")");

        // A member started on it with another token would found an empty cluster beside the data: refused.
        Console otherToken = new Console();
        assertThat(otherToken.runExpectingNoMember(Map.of(), "--name", "n1", "--data-dir", target.toString(),
                "--initial-cluster", "n1=127.0.0.1:7380,n2=127.0.0.1:7480", "--initial-cluster-token", "another"))
                .isEqualTo(Launcher.EXIT_START_FAILED);
        assertThat(otherToken.errLines()).singleElement().asString()
                .contains(": holds another cluster's data (Raft group ")
                .contains("initial-cluster-token 'another'");
    }

    @Test
    void refusesADataDirectoryThatIsNotEmptyAndBadUsage() throws Exception {
        Path target = Files.createDirectories(dir.resolve("used"));
        Path file = Files.writeString(target.resolve("something"), "keep me");
        Path snapshot = Files.write(dir.resolve("any.snap"), new byte[] {1, 2, 3});

        Console console = new Console();
        assertThat(restore(console, snapshot, target)).isEqualTo(Launcher.EXIT_START_FAILED);
        assertThat(console.errLines()).singleElement().asString()
                .isEqualTo("eddy-server restore: data-dir " + target.toAbsolutePath() + ": not empty (a restore"
                        + " makes a new member's data directory: give a new or empty one)");
        assertThat(Files.list(target).toList()).containsExactly(file);

        Console help = new Console();
        assertThat(Launcher.run(new String[] {"restore", "--help"}, Map.of(), help.out, help.err, member -> 99)).isZero();
        assertThat(help.out()).startsWith("Usage: eddy-server restore --snapshot=<file>").contains("Exit codes");

        Console noSnapshot = new Console();
        assertThat(Launcher.run(new String[] {"restore", "--name", "n1"}, Map.of(), noSnapshot.out, noSnapshot.err,
                member -> 99)).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(noSnapshot.errLines()).singleElement().asString().contains("--snapshot");

        Console badName = new Console();
        assertThat(Launcher.run(new String[] {"restore", "--snapshot", snapshot.toString(), "--name", "n 1"}, Map.of(),
                badName.out, badName.err, member -> 99)).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(badName.errLines()).singleElement().asString().contains("is not a member name");
    }

    /** A 3-member cluster with puts, overwrites, a delete, a compaction and a deduplicated write; its snapshot. */
    private static Snapshot snapshotOfAClusterWithHistory(Path dir) throws Exception {
        try (MiniCluster old = MiniCluster.start(3, dir.resolve("old"), s -> s)) {
            EddyNode leader = old.awaitLeader(WAIT);
            for (int i = 1; i <= 20; i++) {
                write(leader, put("a/" + i, "v1-" + i));
            }
            for (int i = 1; i <= 5; i++) {
                write(leader, put("a/" + i, "v2-" + i));
            }
            long compactAt = write(leader, Command.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
                    .setKey(bytes("a/6")).setRangeEnd(bytes("a/9"))).build()).getDeleteRange().getHeader().getRevision();
            CommandResult compacted = write(leader, Command.newBuilder()
                    .setCompaction(CompactionRequest.newBuilder().setRevision(compactAt)).build());
            assertThat(compacted.hasCompaction()).as("%s", compacted).isTrue();
            write(leader, put("a/6", "reborn"));
            write(leader, put("a/1", "v3-1"));
            long revision = write(leader, put("b/once", "first").toBuilder().setRequestId(REQUEST_ID).build())
                    .getPut().getHeader().getRevision();
            for (EddyNode node : old.runningNodes()) {
                MiniCluster.awaitTrue(WAIT, node.name() + " to apply revision " + revision,
                        () -> node.localRevision() >= revision);
            }
            EddyNode source = old.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            source.admin(() -> source.backup(out)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Path file = Files.write(dir.resolve("backup.snap"), out.toByteArray());
            List<KeyValue> kvs = read(source, ALL).getKvsList();
            assertThat(kvs).hasSize(19);
            return new Snapshot(file, revision, compactAt, kvs, source.hash(revision));
        }
    }

    /** MiniCluster's hook: restores the member's data directory through the launcher. */
    private void restoreInto(NodeConfig config) {
        Console console = new Console();
        String cluster = config.initialCluster().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "," + b).orElseThrow();
        int code = Launcher.run(new String[] {"restore", "--snapshot", snapshot.file().toString(),
                "--name", config.name(), "--data-dir", config.dataDir().toString(), "--initial-cluster", cluster,
                "--initial-cluster-token", config.clusterToken()}, Map.of(), console.out, console.err, member -> 99);
        assertThat(code).as("restore of %s: %s", config.name(), console.err()).isZero();
    }

    private static int restore(Console console, Path snapshot, Path target) {
        return Launcher.run(new String[] {"restore", "--snapshot", snapshot.toString(), "--name", "n1",
                "--data-dir", target.toString(), "--initial-cluster", "n1=127.0.0.1:7380,n2=127.0.0.1:7480",
                "--initial-cluster-token", "restore-test"}, Map.of(), console.out, console.err, member -> 99);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the snapshot: " + new String(needle, StandardCharsets.UTF_8));
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    private static Command put(String key, String value) {
        return Command.newBuilder().setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))).build();
    }

    private static RangeRequest get(String key) {
        return RangeRequest.newBuilder().setKey(bytes(key)).build();
    }

    private static CommandResult write(EddyNode node, Command command) throws Exception {
        CommandResult result = node.write(command).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.hasError()).as("%s", result).isFalse();
        return result;
    }

    private static RangeResponse read(EddyNode node, RangeRequest request) throws Exception {
        return node.range(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
