package io.eddy.client;

import java.util.List;

/**
 * The status of one member (etcd's status is per endpoint too).
 *
 * @param header           the answering member's header: its id and current revision
 * @param name             the member's name
 * @param version          its software version
 * @param dbSizeBytes      bytes its store occupies on disk
 * @param leaderId         the leader's id as the member knows it; 0 when it knows none
 * @param leaderName       the leader's name; empty when it knows none
 * @param raftTerm         its Raft term
 * @param raftIndex        its Raft commit index
 * @param raftAppliedIndex the index of the last log entry it applied
 * @param compactRevision  its store's compact revision
 * @param learner          whether it is a learner
 * @param errors           problems it reports (none yet)
 */
public record Status(Header header, String name, String version, long dbSizeBytes, long leaderId, String leaderName,
                     long raftTerm, long raftIndex, long raftAppliedIndex, long compactRevision, boolean learner,
                     List<String> errors) {
    public Status {
        errors = List.copyOf(errors);
    }
}
