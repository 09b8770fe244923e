package io.eddy.client;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The cluster membership service: list, add, remove and promote members, move the
 * leadership. Every call is a cold {@link Mono}: nothing is sent before subscribing, and each
 * subscription sends again.
 *
 * <h2>Retries</h2>
 * {@link #members()} is a read: retried on any retryable failure, on the next endpoint when the
 * connection failed. The changes ({@link #add}, {@link #remove}, {@link #promote},
 * {@link #moveLeader}) are not deduplicated by the server, so they are retried only when the
 * failure proves that nothing was done: the connection could not be opened, or the member
 * refused before acting ({@link ErrorCode#NO_LEADER}, {@link ErrorCode#NOT_LEADER},
 * {@link ErrorCode#TOO_MANY_REQUESTS}). After any other failure (a lost connection, a time-out:
 * {@link EddyClientException#isMaybeCommitted()} is true) the change may have happened: check
 * with {@link #members()} before trying again. A change is bounded by
 * {@link #CHANGE_TIMEOUT} or the client's request timeout, whichever is longer, because adding
 * a voter waits until it has caught up.
 */
public interface ClusterClient {
    /** The least time a membership change may take before the client gives up on it. */
    java.time.Duration CHANGE_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** The members, voters first then learners, each group by name. */
    Mono<List<Member>> members();

    /**
     * Adds a member, to be started (or already started) with
     * {@code initial-cluster-state=existing} and the peer address given here. A voter is added
     * once it has caught up with the log (the quorum never counts a member still copying data);
     * a learner ({@code learner} true) is added at once and catches up on its own.
     *
     * @param name        the new member's name (letters, digits, '.', '_', '-'; at most 64)
     * @param peerAddress its Raft peer address, {@code host:port}
     * @return the members after the change; fails with {@link ErrorCode#MEMBER_EXISTS} when the
     *         name or address is taken, {@link ErrorCode#INVALID_ARGUMENT} for a bad name or address
     */
    Mono<List<Member>> add(String name, String peerAddress, boolean learner);

    /**
     * Removes the member named {@code name}.
     *
     * @return the members after the change; fails with {@link ErrorCode#MEMBER_NOT_FOUND}
     */
    Mono<List<Member>> remove(String name);

    /**
     * Makes learner {@code name} a voter, once it has caught up with the leader.
     *
     * @return the members after the change; fails with {@link ErrorCode#MEMBER_NOT_FOUND},
     *         {@link ErrorCode#MEMBER_NOT_LEARNER} (it votes already) or
     *         {@link ErrorCode#LEARNER_NOT_READY} (still catching up: retry later)
     */
    Mono<List<Member>> promote(String name);

    /**
     * Hands the leadership to voter {@code name}; completes once it leads.
     *
     * @return fails with {@link ErrorCode#MEMBER_NOT_FOUND}, or {@link ErrorCode#INVALID_ARGUMENT}
     *         for a learner
     */
    Mono<Void> moveLeader(String name);
}
