package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.api.ApiServer;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.node.EddyNode;
import io.eddy.server.storage.EngineBackup;
import io.eddy.server.storage.memory.MemoryEngine;
import io.eddy.server.testing.MiniCluster;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * The cluster and maintenance sub-clients against a real 3-member cluster with an ApiServer per
 * member. Each test leaves the cluster with its three founding members.
 */
class ClusterClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static MiniCluster cluster;
    /** Member name to its ApiServer. */
    private static final Map<String, ApiServer> SERVERS = new LinkedHashMap<>();

    private EddyClient client;

    @BeforeAll
    static void startCluster() {
        cluster = MiniCluster.start(3, dir, s -> s);
        cluster.awaitLeader(WAIT);
        for (EddyNode node : cluster.runningNodes()) {
            SERVERS.put(node.name(), ApiServer.start(node).block(WAIT));
        }
    }

    @AfterAll
    static void stopCluster() {
        SERVERS.values().forEach(server -> server.close().block(WAIT));
        SERVERS.clear();
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void connect() {
        client = EddyClient.builder().endpoints(SERVERS.keySet().stream().map(ClusterClientTest::endpoint)
                .toArray(String[]::new)).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void membersHaveNamesAddressesAndOneLeader() {
        String leader = cluster.awaitLeader(WAIT).name();
        // A member that has not answered yet is listed without a client address (the list
        // waits about a second for it); the answers are then remembered.
        MiniCluster.awaitTrue(WAIT, "every member's client address to be known", () -> client.cluster().members()
                .block(WAIT).stream().allMatch(member -> !member.clientAddresses().isEmpty()));
        List<Member> members = client.cluster().members().block(WAIT);
        assertThat(members).extracting(Member::name).containsExactly("n1", "n2", "n3");
        for (Member member : members) {
            EddyNode node = cluster.node(member.name());
            assertThat(member.id()).isEqualTo(node.memberId());
            assertThat(member.peerAddresses()).hasSize(1);
            assertThat(member.clientAddresses()).containsExactly(endpoint(member.name()));
            assertThat(member.learner()).isFalse();
            assertThat(member.leader()).isEqualTo(member.name().equals(leader));
        }
    }

    @Test
    void aVoterAndALearnerAreAddedPromotedAndRemoved() {
        String voterPeer = cluster.startJoining("n4");
        String learnerPeer = cluster.startJoining("n5");
        try {
            assertThat(client.cluster().add("n4", voterPeer, false).block(WAIT))
                    .filteredOn(m -> m.name().equals("n4")).singleElement()
                    .satisfies(m -> assertThat(m.learner()).isFalse());
            assertThat(client.cluster().add("n5", learnerPeer, true).block(WAIT))
                    .filteredOn(m -> m.name().equals("n5")).singleElement()
                    .satisfies(m -> assertThat(m.learner()).isTrue());

            MiniCluster.awaitTrue(WAIT, "n5 promoted", () -> {
                try {
                    client.cluster().promote("n5").block(WAIT);
                    return true;
                } catch (UnavailableException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.LEARNER_NOT_READY);
                    return false;
                }
            });
            assertThat(client.cluster().members().block(WAIT)).hasSize(5).noneMatch(Member::learner);

            client.cluster().remove("n4").block(WAIT);
            assertThat(client.cluster().remove("n5").block(WAIT)).extracting(Member::name)
                    .containsExactly("n1", "n2", "n3");
        } finally {
            removeAndKill("n4");
            removeAndKill("n5");
        }
    }

    @Test
    void leadershipMovesAndEveryEndpointReportsIt() {
        String leader = cluster.awaitLeader(WAIT).name();
        // Earlier membership changes may still be settling: Ratis refuses a transfer
        // (DIFFERENT_LEADER) from a member whose view of the leader differs.
        MiniCluster.awaitTrue(WAIT, "every member to name " + leader + " as leader",
                () -> cluster.runningNodes().stream().allMatch(node -> leader.equals(node.leaderName())));
        String target = Stream.of("n1", "n2", "n3").filter(n -> !n.equals(leader)).findFirst().orElseThrow();
        client.cluster().moveLeader(target).block(WAIT);
        MiniCluster.awaitTrue(WAIT, "every endpoint's status to name " + target + " as leader",
                () -> SERVERS.keySet().stream().allMatch(name -> {
                    Status status = client.maintenance().status(endpoint(name)).block(WAIT);
                    return status.name().equals(name) && status.leaderName().equals(target)
                            && status.leaderId() == cluster.node(target).memberId();
                }));
    }

    @Test
    void statusFollowsWrites() {
        Status before = client.maintenance().status().block(WAIT);
        PutResult put = null;
        for (int i = 0; i < 5; i++) {
            put = client.kv().put(ByteSequence.fromUtf8("status/" + i), ByteSequence.fromUtf8("v")).block(WAIT);
        }
        long revision = put.header().revision();
        String asked = SERVERS.keySet().iterator().next();
        MiniCluster.awaitTrue(WAIT, asked + " to apply revision " + revision,
                () -> cluster.node(asked).localRevision() >= revision);
        Status after = client.maintenance().status(endpoint(asked)).block(WAIT);
        assertThat(after.header().revision()).isEqualTo(revision);
        assertThat(after.header().memberId()).isEqualTo(cluster.node(asked).memberId());
        assertThat(after.raftAppliedIndex()).isGreaterThan(before.raftAppliedIndex());
        assertThat(after.raftIndex()).isGreaterThanOrEqualTo(after.raftAppliedIndex());
        assertThat(after.raftTerm()).isPositive();
        assertThat(after.dbSizeBytes()).isPositive();
        assertThat(after.version()).isNotBlank();
        assertThat(after.learner()).isFalse();
    }

    @Test
    void aSavedSnapshotRestoresToTheClustersData(@TempDir Path out) throws Exception {
        PutResult put = null;
        for (int i = 0; i < 60; i++) {
            put = client.kv().put(ByteSequence.fromUtf8("snap/" + i), ByteSequence.fromUtf8("z".repeat(8 * 1024)))
                    .block(WAIT);
        }
        long revision = put.header().revision();
        for (EddyNode node : cluster.runningNodes()) {
            MiniCluster.awaitTrue(WAIT, node.name() + " to apply revision " + revision,
                    () -> node.localRevision() >= revision);
        }
        Path file = out.resolve("backup.snap");
        SnapshotFile saved = client.maintenance().snapshot(file).block(WAIT);

        assertThat(saved.file()).isEqualTo(file.toAbsolutePath());
        assertThat(saved.revision()).isEqualTo(revision);
        assertThat(Files.size(file)).isEqualTo(saved.bytes());
        assertThat(saved.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(file);
        }
        try (MemoryEngine engine = new MemoryEngine(Schema.TABLES); InputStream in = Files.newInputStream(file)) {
            EngineBackup.restore(in, engine);
            MvccStore restored = MvccStore.open(engine, Limits.DEFAULTS);
            assertThat(restored.revision()).isEqualTo(revision);
            assertThat(restored.hash(revision)).isEqualTo(cluster.runningNodes().get(0).hash(revision));
        }

        StepVerifier.create(client.maintenance().snapshot().map(ByteSequence::size).reduce(0L, Long::sum))
                .expectNext(saved.bytes())
                .verifyComplete();
    }

    @Test
    void badRequestsFailWithClearCodes() {
        StepVerifier.create(client.cluster().remove("nobody"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
                        .extracting(f -> ((EddyClientException) f).code()).isEqualTo(ErrorCode.MEMBER_NOT_FOUND))
                .verify(WAIT);
        StepVerifier.create(client.cluster().promote("n1"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
                        .extracting(f -> ((EddyClientException) f).code()).isEqualTo(ErrorCode.MEMBER_NOT_LEARNER))
                .verify(WAIT);
        StepVerifier.create(client.cluster().add("n2", "127.0.0.1:1", false))
                .expectErrorSatisfies(e -> assertThat(((EddyClientException) e).code()).isEqualTo(ErrorCode.MEMBER_EXISTS))
                .verify(WAIT);
        assertThat(client.cluster().members().block(WAIT)).hasSize(3);
    }

    private static String endpoint(String name) {
        ApiServer server = SERVERS.get(name);
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    /** Clean-up: takes {@code name} out of the configuration if a failed test left it there, then stops it. */
    private static void removeAndKill(String name) {
        try {
            EddyNode n1 = cluster.node("n1");
            if (n1.membership().list().stream().anyMatch(m -> m.name().equals(name))) {
                n1.membership().remove(name);
            }
        } catch (Exception e) {
            throw new AssertionError("cannot remove " + name + " after the test", e);
        } finally {
            cluster.kill(name);
        }
    }
}
