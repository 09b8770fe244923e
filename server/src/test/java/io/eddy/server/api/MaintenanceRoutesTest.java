package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.Routes;
import io.eddy.protocol.SnapshotRequest;
import io.eddy.protocol.SnapshotResponse;
import io.eddy.protocol.StatusRequest;
import io.eddy.protocol.StatusResponse;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.node.EddyNode;
import io.eddy.server.storage.EngineBackup;
import io.eddy.server.storage.memory.MemoryEngine;
import io.eddy.server.testing.MiniCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** The maintenance routes over a real RSocket connection to a follower of a real 3-member cluster. */
class MaintenanceRoutesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static MiniCluster cluster;
    private static ApiServer server;
    private static ApiClient client;
    private static EddyNode follower;

    @BeforeAll
    static void startCluster() {
        cluster = MiniCluster.start(3, dir, s -> s);
        cluster.awaitLeader(WAIT);
        follower = cluster.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        server = ApiServer.start(follower).block(WAIT);
        client = ApiClient.connect(server.address());
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close().block(WAIT);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void statusDescribesTheMemberAndFollowsWrites() {
        StatusResponse before = status();
        long revision = 0;
        for (int i = 0; i < 5; i++) {
            revision = put("status/" + i, "v").getHeader().getRevision();
        }
        long written = revision;
        MiniCluster.awaitTrue(WAIT, "the follower to apply revision " + written, () -> follower.localRevision() >= written);
        StatusResponse after = status();

        String leader = cluster.awaitLeader(WAIT).name();
        assertThat(after.getName()).isEqualTo(follower.name());
        assertThat(after.getHeader().getMemberId()).isEqualTo(follower.memberId());
        assertThat(after.getHeader().getRevision()).isEqualTo(written);
        assertThat(after.getLeaderName()).isEqualTo(leader);
        assertThat(after.getLeader()).isEqualTo(cluster.node(leader).memberId());
        assertThat(after.getVersion()).isNotBlank();
        assertThat(after.getDbSize()).isPositive();
        assertThat(after.getIsLearner()).isFalse();
        assertThat(after.getRaftTerm()).isPositive().isEqualTo(after.getHeader().getRaftTerm());
        assertThat(after.getRaftAppliedIndex()).isGreaterThanOrEqualTo(before.getRaftAppliedIndex() + 5);
        assertThat(after.getRaftIndex()).isGreaterThanOrEqualTo(after.getRaftAppliedIndex());
        assertThat(after.getErrorsList()).isEmpty();
    }

    @Test
    void snapshotStreamsAVerifiableBackupOfTheStore() throws Exception {
        long revision = 0;
        for (int i = 0; i < 40; i++) {
            // 40 x 10 KiB: the snapshot spans several chunks.
            revision = put("snap/" + i, "x".repeat(10 * 1024) + i).getHeader().getRevision();
        }
        long written = revision;
        MiniCluster.awaitTrue(WAIT, "the follower to apply revision " + written, () -> follower.localRevision() >= written);

        List<SnapshotResponse> chunks = client.stream(Routes.MAINTENANCE_SNAPSHOT, SnapshotRequest.getDefaultInstance(),
                SnapshotResponse.parser()).collectList().block(WAIT);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.getBlob().size()).isLessThanOrEqualTo(SnapshotStream.CHUNK_BYTES));
        SnapshotResponse first = chunks.get(0);
        SnapshotResponse last = chunks.get(chunks.size() - 1);
        assertThat(first.getHeader().getRevision()).isEqualTo(written);
        assertThat(first.getHeader().getMemberId()).isEqualTo(follower.memberId());
        assertThat(last.getRemainingBytes()).isZero();

        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        for (SnapshotResponse chunk : chunks) {
            chunk.getBlob().writeTo(blob);
            assertThat(chunk.getRemainingBytes()).isEqualTo(first.getTotalBytes() - blob.size());
        }
        byte[] bytes = blob.toByteArray();
        assertThat((long) bytes.length).isEqualTo(first.getTotalBytes());
        assertThat(last.getSha256().toByteArray()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));

        try (MemoryEngine engine = new MemoryEngine(Schema.TABLES)) {
            EngineBackup.restore(new ByteArrayInputStream(bytes), engine);
            MvccStore restored = MvccStore.open(engine, Limits.DEFAULTS);
            assertThat(restored.revision()).isEqualTo(written);
            assertThat(restored.hash(written)).isEqualTo(follower.hash(written));
        }
        // The file is deleted off the stream's thread once the stream has ended.
        MiniCluster.awaitTrue(WAIT, "the temporary snapshot file to be deleted after the stream",
                () -> snapshotFiles().isEmpty());
    }

    @Test
    void snapshotHonoursDemandAndCleansUpWhenCancelled() {
        long revision = 0;
        for (int i = 0; i < 80; i++) {
            // 80 x 10 KiB: more than three chunks.
            revision = put("demand/" + i, "y".repeat(10 * 1024)).getHeader().getRevision();
        }
        long written = revision;
        MiniCluster.awaitTrue(WAIT, "the follower to apply revision " + written, () -> follower.localRevision() >= written);
        StepVerifier.create(client.stream(Routes.MAINTENANCE_SNAPSHOT, SnapshotRequest.getDefaultInstance(),
                        SnapshotResponse.parser()), 1)
                .assertNext(chunk -> assertThat(chunk.getRemainingBytes()).isPositive())
                .expectNoEvent(Duration.ofMillis(300))
                .thenRequest(1)
                .assertNext(chunk -> assertThat(chunk.getRemainingBytes()).isPositive())
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(WAIT);
        MiniCluster.awaitTrue(WAIT, "the snapshot file to be deleted after the cancellation",
                () -> snapshotFiles().isEmpty());
    }

    private static List<Path> snapshotFiles() {
        Path snapshots = follower.config().dataDir().resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StatusResponse status() {
        return client.call(Routes.MAINTENANCE_STATUS, StatusRequest.getDefaultInstance(), StatusResponse.parser())
                .block(WAIT);
    }

    private static PutResponse put(String key, String value) {
        return client.call(Routes.KV_PUT, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                .setValue(ByteString.copyFromUtf8(value)).build(), PutResponse.parser()).block(WAIT);
    }
}
