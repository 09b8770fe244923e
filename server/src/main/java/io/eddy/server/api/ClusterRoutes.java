package io.eddy.server.api;

import com.google.protobuf.Message;
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
import io.eddy.server.config.EddySettings;
import io.eddy.server.errors.EddyException;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.node.Membership;
import io.eddy.server.node.NodeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The cluster routes of one member: list, add, remove and promote members, move the
 * leadership. Every call blocks in Ratis, so it runs on the node's bounded admin executor
 * ({@link EddyNode#admin}), never on the connection's event loop. Changes go to the leader
 * through the member's Raft client, whichever member the request reached.
 */
final class ClusterRoutes {
    private ClusterRoutes() {
    }

    /** Route name to route, for {@code node}. */
    static Map<String, Route<?>> of(EddyNode node) {
        Duration timeout = Duration.ofMillis(node.config().settings().get(EddySettings.REQUEST_TIMEOUT));
        return Map.of(
                Routes.CLUSTER_MEMBERS, Route.of(MemberListRequest.getDefaultInstance(),
                        request -> withMembers(node, members -> MemberListResponse.newBuilder()
                                .setHeader(node.header()).addAllMembers(members).build())),
                Routes.CLUSTER_ADD, Route.of(MemberAddRequest.getDefaultInstance(),
                        request -> add(node, request, timeout)),
                Routes.CLUSTER_REMOVE, Route.of(MemberRemoveRequest.getDefaultInstance(),
                        request -> change(node, () -> {
                            node.membership().remove(name(node, request.getName(), request.getId()));
                            return null;
                        }, members -> MemberRemoveResponse.newBuilder()
                                .setHeader(node.header()).addAllMembers(members).build())),
                Routes.CLUSTER_PROMOTE, Route.of(MemberPromoteRequest.getDefaultInstance(),
                        request -> change(node, () -> {
                            node.membership().promote(name(node, request.getName(), request.getId()));
                            return null;
                        }, members -> MemberPromoteResponse.newBuilder()
                                .setHeader(node.header()).addAllMembers(members).build())),
                Routes.CLUSTER_MOVE_LEADER, Route.of(MoveLeaderRequest.getDefaultInstance(),
                        request -> admin(node, () -> {
                            node.membership().transferLeadership(
                                    name(node, request.getTargetName(), request.getTargetId()), timeout);
                            return MoveLeaderResponse.newBuilder().setHeader(node.header()).build();
                        })));
    }

    private static Mono<Message> add(EddyNode node, MemberAddRequest request, Duration catchUp) {
        if (request.getName().isEmpty()) {
            return Mono.error(invalid("name is required"));
        }
        if (request.getPeerUrlsCount() != 1) {
            return Mono.error(invalid("exactly one peer address is required, got " + request.getPeerUrlsCount()));
        }
        if (request.getClientUrlsCount() > 1) {
            return Mono.error(invalid("at most one client address is allowed, got " + request.getClientUrlsCount()));
        }
        String name = request.getName();
        return change(node, () -> {
            String client = request.getClientUrlsCount() == 1
                    ? HostPort.parse("client address", request.getClientUrls(0)).toString() : null;
            node.membership().add(name, request.getPeerUrls(0), request.getIsLearner(), catchUp);
            if (client != null) {
                node.rememberClientAddress(name, client);
            }
            return null;
        }, members -> MemberAddResponse.newBuilder()
                .setHeader(node.header())
                .setMember(members.stream().filter(m -> m.getName().equals(name)).findFirst()
                        .orElse(Member.newBuilder().setName(name).build()))
                .addAllMembers(members)
                .build());
    }

    /** The member a request names: by name when given, else by id; INVALID_ARGUMENT for neither. */
    private static String name(EddyNode node, String name, long id) {
        if (!name.isEmpty()) {
            return name;
        }
        if (id == 0) {
            throw invalid("a member name or id is required");
        }
        return node.membership().nameOf(id);
    }

    /** Runs {@code change} on the admin executor, then answers with the members after it. */
    private static Mono<Message> change(EddyNode node, Callable<Void> change,
                                        Function<List<Member>, Message> response) {
        return admin(node, change).then(withMembers(node, response));
    }

    private static Mono<Message> withMembers(EddyNode node, Function<List<Member>, Message> response) {
        return Mono.fromFuture(node::clientAddresses, true)
                .flatMap(addresses -> admin(node, () -> response.apply(members(node, addresses))));
    }

    private static List<Member> members(EddyNode node, Map<String, String> clientAddresses) {
        List<Member> members = new ArrayList<>();
        for (Membership.Member member : node.membership().list()) {
            Member.Builder builder = Member.newBuilder()
                    .setId(NodeConfig.memberId(member.name(), node.config().groupUuid()))
                    .setName(member.name())
                    .addPeerUrls(member.peerAddress())
                    .setIsLearner(!member.voter())
                    .setIsLeader(member.role().equals("LEADER"));
            String client = clientAddresses.get(member.name());
            if (client != null) {
                builder.addClientUrls(client);
            }
            members.add(builder.build());
        }
        members.sort(Comparator.comparing(Member::getIsLearner).thenComparing(Member::getName));
        return members;
    }

    private static <T> Mono<T> admin(EddyNode node, Callable<T> task) {
        return Mono.fromFuture(() -> node.admin(task), true);
    }

    private static EddyException invalid(String message) {
        return EddyException.of(ErrorCode.INVALID_ARGUMENT, message);
    }
}
