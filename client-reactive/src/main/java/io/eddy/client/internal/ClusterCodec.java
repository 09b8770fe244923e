package io.eddy.client.internal;

import io.eddy.client.Member;
import io.eddy.client.Status;
import io.eddy.protocol.StatusResponse;
import java.util.List;

/** Translates the cluster and maintenance messages to the client's records. */
final class ClusterCodec {
    private ClusterCodec() {
    }

    static List<Member> members(List<io.eddy.protocol.Member> members) {
        return members.stream().map(ClusterCodec::member).toList();
    }

    static Member member(io.eddy.protocol.Member member) {
        return new Member(member.getId(), member.getName(), member.getPeerUrlsList(), member.getClientUrlsList(),
                member.getIsLearner(), member.getIsLeader());
    }

    static Status status(StatusResponse response) {
        return new Status(KvCodec.header(response.getHeader()), response.getName(), response.getVersion(),
                response.getDbSize(), response.getLeader(), response.getLeaderName(), response.getRaftTerm(),
                response.getRaftIndex(), response.getRaftAppliedIndex(), response.getCompactRevision(),
                response.getIsLearner(), response.getErrorsList());
    }
}
