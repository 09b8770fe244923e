package io.eddy.client;

/**
 * The header of every response: which cluster and member answered, the store's revision when
 * the request was served, and the Raft term of that member.
 *
 * @param clusterId the cluster's id
 * @param memberId  the id of the member that answered
 * @param revision  the store's revision when the request was served
 * @param raftTerm  the Raft term of the answering member
 */
public record Header(long clusterId, long memberId, long revision, long raftTerm) {
}
