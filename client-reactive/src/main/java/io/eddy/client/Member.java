package io.eddy.client;

import java.util.List;

/**
 * A member of the cluster, as the member that answered knows it.
 *
 * @param id            the member's id (the response headers' member id)
 * @param name          its name (also its Raft id)
 * @param peerAddresses its Raft peer address ({@code host:port}, one entry)
 * @param clientAddresses the address clients connect to ({@code host:port}); empty when the
 *                      member has not been reachable since the answering member started
 * @param learner       true for a learner: it receives the log but does not vote
 * @param leader        true for the leader
 */
public record Member(long id, String name, List<String> peerAddresses, List<String> clientAddresses,
                     boolean learner, boolean leader) {
    public Member {
        peerAddresses = List.copyOf(peerAddresses);
        clientAddresses = List.copyOf(clientAddresses);
    }
}
