package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Member;
import io.eddy.protocol.MemberAddRequest;
import io.eddy.protocol.MemberAddResponse;
import io.eddy.protocol.MemberListRequest;
import io.eddy.protocol.MemberListResponse;
import io.eddy.protocol.MemberPromoteRequest;
import io.eddy.protocol.MemberPromoteResponse;
import io.eddy.protocol.MemberRemoveRequest;
import io.eddy.protocol.MemberRemoveResponse;
import io.eddy.protocol.MoveLeaderRequest;
import io.eddy.protocol.MoveLeaderResponse;
import io.eddy.protocol.Routes;
import io.eddy.protocol.StatusRequest;
import io.eddy.protocol.StatusResponse;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.NodeConfig;
import io.eddy.server.testing.MiniCluster;
import io.rsocket.exceptions.CustomRSocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster routes over real RSocket connections to the members of a real 3-member cluster:
 * listing, adding and removing voters and learners, promoting, moving the leadership, and the
 * error codes of bad requests. Each test leaves the cluster with its three founding members.
 */
class ClusterRoutesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static MiniCluster cluster;
    private static final Map<String, ApiServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, ApiClient> CLIENTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startCluster() {
        cluster = MiniCluster.start(3, dir, s -> s);
        cluster.awaitLeader(WAIT);
        for (EddyNode node : cluster.runningNodes()) {
            ApiServer server = ApiServer.start(node).block(WAIT);
            SERVERS.put(node.name(), server);
            CLIENTS.put(node.name(), ApiClient.connect(server.address()));
        }
    }

    @AfterAll
    static void stopCluster() {
        CLIENTS.values().forEach(ApiClient::close);
        SERVERS.values().forEach(server -> server.close().block(WAIT));
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void membersListsEveryMemberWithAddressesAndTheLeader() {
        EddyNode leader = cluster.awaitLeader(WAIT);
        for (String asked : List.of("n1", "n2", "n3")) {
            MemberListResponse response = members(asked);
            assertThat(response.getHeader().getMemberId()).isEqualTo(cluster.node(asked).memberId());
            assertThat(response.getMembersList()).extracting(Member::getName).containsExactly("n1", "n2", "n3");
            for (Member member : response.getMembersList()) {
                EddyNode node = cluster.node(member.getName());
                assertThat(member.getId()).isEqualTo(node.memberId());
                assertThat(member.getPeerUrlsList()).hasSize(1);
                assertThat(member.getClientUrlsList()).as("client address of %s asked from %s", member.getName(), asked)
                        .containsExactly(node.config().clientAddress().toString());
                assertThat(member.getIsLearner()).isFalse();
                assertThat(member.getIsLeader()).isEqualTo(member.getName().equals(leader.name()));
            }
        }
    }

    @Test
    void aVoterIsAddedThenRemoved() {
        String peer = cluster.startJoining("n4");
        try {
            MemberAddResponse added = call("n1", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder()
                    .setName("n4").addPeerUrls(peer).build(), MemberAddResponse.parser());
            assertThat(added.getMember().getName()).isEqualTo("n4");
            assertThat(added.getMember().getPeerUrlsList()).containsExactly(peer);
            assertThat(added.getMember().getIsLearner()).isFalse();
            assertThat(added.getMembersList()).extracting(Member::getName).containsExactly("n1", "n2", "n3", "n4");
            // Asked from another member, n4 reports its own client address.
            Member n4 = members("n2").getMembersList().stream().filter(m -> m.getName().equals("n4"))
                    .findFirst().orElseThrow();
            assertThat(n4.getClientUrlsList()).containsExactly(cluster.node("n4").config().clientAddress().toString());

            MemberRemoveResponse removed = call("n2", Routes.CLUSTER_REMOVE, MemberRemoveRequest.newBuilder()
                    .setId(cluster.node("n4").memberId()).build(), MemberRemoveResponse.parser());
            assertThat(removed.getMembersList()).extracting(Member::getName).containsExactly("n1", "n2", "n3");
        } finally {
            removeAndKill("n4");
        }
    }

    @Test
    void aLearnerIsAddedThenPromotedOnceItHasCaughtUp() {
        String peer = cluster.startJoining("n5");
        try {
            MemberAddResponse added = call("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder()
                    .setName("n5").addPeerUrls(peer).setIsLearner(true).build(), MemberAddResponse.parser());
            assertThat(added.getMember().getIsLearner()).isTrue();
            assertThat(added.getMembersList()).extracting(Member::getName).containsExactly("n1", "n2", "n3", "n5");
            MiniCluster.awaitTrue(WAIT, "n5 to act as a learner", () -> cluster.node("n5").isLearner());

            List<ErrorCode> refusals = new ArrayList<>();
            MemberPromoteResponse[] promoted = new MemberPromoteResponse[1];
            MiniCluster.awaitTrue(WAIT, "n5 promoted (refusals so far: " + refusals + ")", () -> {
                try {
                    promoted[0] = call("n1", Routes.CLUSTER_PROMOTE, MemberPromoteRequest.newBuilder()
                            .setName("n5").build(), MemberPromoteResponse.parser());
                    return true;
                } catch (CustomRSocketException e) {
                    Error error = ErrorCodec.decode(e.errorCode(), e.getMessage());
                    assertThat(error.getCode()).as(error.getMessage()).isEqualTo(ErrorCode.LEARNER_NOT_READY);
                    refusals.add(error.getCode());
                    return false;
                }
            });
            assertThat(promoted[0].getMembersList()).allSatisfy(m -> assertThat(m.getIsLearner()).isFalse())
                    .extracting(Member::getName).containsExactly("n1", "n2", "n3", "n5");
            MiniCluster.awaitTrue(WAIT, "n5 to act as a voter", () -> !cluster.node("n5").isLearner());

            expectError("n2", Routes.CLUSTER_PROMOTE, MemberPromoteRequest.newBuilder().setName("n5").build(),
                    ErrorCode.MEMBER_NOT_LEARNER);
            call("n2", Routes.CLUSTER_REMOVE, MemberRemoveRequest.newBuilder().setName("n5").build(),
                    MemberRemoveResponse.parser());
        } finally {
            removeAndKill("n5");
        }
    }

    @Test
    void leadershipMovesToTheNamedMember() {
        EddyNode leader = cluster.awaitLeader(WAIT);
        String target = List.of("n1", "n2", "n3").stream().filter(n -> !n.equals(leader.name()))
                .findFirst().orElseThrow();
        call(target, Routes.CLUSTER_MOVE_LEADER, MoveLeaderRequest.newBuilder()
                .setTargetId(NodeConfig.memberId(target, leader.config().groupUuid())).build(),
                MoveLeaderResponse.parser());
        MiniCluster.awaitTrue(WAIT, "every member's status to name " + target + " as leader",
                () -> List.of("n1", "n2", "n3").stream().allMatch(name -> {
                    StatusResponse status = call(name, Routes.MAINTENANCE_STATUS, StatusRequest.getDefaultInstance(),
                            StatusResponse.parser());
                    return status.getLeaderName().equals(target)
                            && status.getLeader() == cluster.node(target).memberId();
                }));
        assertThat(members("n1").getMembersList()).filteredOn(Member::getIsLeader).extracting(Member::getName)
                .containsExactly(target);
    }

    @Test
    void badRequestsGetClearCodes() {
        expectError("n1", Routes.CLUSTER_REMOVE, MemberRemoveRequest.newBuilder().setName("nobody").build(),
                ErrorCode.MEMBER_NOT_FOUND);
        expectError("n1", Routes.CLUSTER_REMOVE, MemberRemoveRequest.newBuilder().setId(42).build(),
                ErrorCode.MEMBER_NOT_FOUND);
        expectError("n1", Routes.CLUSTER_REMOVE, MemberRemoveRequest.getDefaultInstance(),
                ErrorCode.INVALID_ARGUMENT);
        expectError("n2", Routes.CLUSTER_PROMOTE, MemberPromoteRequest.newBuilder().setName("n1").build(),
                ErrorCode.MEMBER_NOT_LEARNER);
        expectError("n2", Routes.CLUSTER_PROMOTE, MemberPromoteRequest.newBuilder().setName("nobody").build(),
                ErrorCode.MEMBER_NOT_FOUND);
        expectError("n3", Routes.CLUSTER_MOVE_LEADER, MoveLeaderRequest.newBuilder().setTargetName("nobody").build(),
                ErrorCode.MEMBER_NOT_FOUND);
        expectError("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder().addPeerUrls("127.0.0.1:1").build(),
                ErrorCode.INVALID_ARGUMENT);
        expectError("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder().setName("x").build(),
                ErrorCode.INVALID_ARGUMENT);
        expectError("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder().setName("bad name!")
                .addPeerUrls("127.0.0.1:1").build(), ErrorCode.INVALID_ARGUMENT);
        expectError("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder().setName("x")
                .addPeerUrls("no-port").build(), ErrorCode.INVALID_ARGUMENT);
        expectError("n3", Routes.CLUSTER_ADD, MemberAddRequest.newBuilder().setName("n2")
                .addPeerUrls("127.0.0.1:1").build(), ErrorCode.MEMBER_EXISTS);
        assertThat(members("n1").getMembersList()).hasSize(3);
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

    private static MemberListResponse members(String asked) {
        return call(asked, Routes.CLUSTER_MEMBERS, MemberListRequest.getDefaultInstance(), MemberListResponse.parser());
    }

    private static <R extends com.google.protobuf.Message> R call(String member, String route,
            com.google.protobuf.Message request, com.google.protobuf.Parser<R> parser) {
        return CLIENTS.get(member).call(route, request, parser).block(WAIT);
    }

    private static void expectError(String member, String route, com.google.protobuf.Message request, ErrorCode code) {
        try {
            CLIENTS.get(member).call(route, request, MemberListResponse.parser()).block(WAIT);
            throw new AssertionError(route + " " + request + " succeeded; expected " + code);
        } catch (CustomRSocketException e) {
            Error error = ErrorCodec.decode(e.errorCode(), e.getMessage());
            assertThat(error.getCode()).as(error.getMessage()).isEqualTo(code);
            assertThat(error.getMessage()).isNotBlank();
        }
    }
}
