package io.eddy.client.internal;

import io.eddy.client.ClusterClient;
import io.eddy.client.Member;
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
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * {@link ClusterClient} over a {@link Transport}: the list via {@link Transport#read}, changes
 * via {@link Transport#writeUnlessMaybeCommitted} (see the interface for the retry policy).
 */
public final class DefaultClusterClient implements ClusterClient {
    private final Transport transport;
    private final Duration changeTimeout;

    /** A cluster client sending through {@code transport}. */
    public DefaultClusterClient(Transport transport) {
        this.transport = transport;
        this.changeTimeout = transport.requestTimeout().compareTo(CHANGE_TIMEOUT) > 0
                ? transport.requestTimeout() : CHANGE_TIMEOUT;
    }

    @Override
    public Mono<List<Member>> members() {
        return transport.read(Routes.CLUSTER_MEMBERS, MemberListRequest.getDefaultInstance(),
                MemberListResponse.parser()).map(response -> ClusterCodec.members(response.getMembersList()));
    }

    @Override
    public Mono<List<Member>> add(String name, String peerAddress, boolean learner) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerAddress, "peerAddress");
        MemberAddRequest request = MemberAddRequest.newBuilder().setName(name).addPeerUrls(peerAddress)
                .setIsLearner(learner).build();
        return transport.writeUnlessMaybeCommitted(Routes.CLUSTER_ADD, request, MemberAddResponse.parser(), changeTimeout)
                .map(response -> ClusterCodec.members(response.getMembersList()));
    }

    @Override
    public Mono<List<Member>> remove(String name) {
        Objects.requireNonNull(name, "name");
        return transport.writeUnlessMaybeCommitted(Routes.CLUSTER_REMOVE,
                        MemberRemoveRequest.newBuilder().setName(name).build(), MemberRemoveResponse.parser(), changeTimeout)
                .map(response -> ClusterCodec.members(response.getMembersList()));
    }

    @Override
    public Mono<List<Member>> promote(String name) {
        Objects.requireNonNull(name, "name");
        return transport.writeUnlessMaybeCommitted(Routes.CLUSTER_PROMOTE,
                        MemberPromoteRequest.newBuilder().setName(name).build(), MemberPromoteResponse.parser(),
                        changeTimeout)
                .map(response -> ClusterCodec.members(response.getMembersList()));
    }

    @Override
    public Mono<Void> moveLeader(String name) {
        Objects.requireNonNull(name, "name");
        return transport.writeUnlessMaybeCommitted(Routes.CLUSTER_MOVE_LEADER,
                        MoveLeaderRequest.newBuilder().setTargetName(name).build(), MoveLeaderResponse.parser(),
                        changeTimeout)
                .then();
    }
}
