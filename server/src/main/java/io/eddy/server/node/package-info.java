/**
 * One Eddy member: its Raft server and client, and the non-blocking operations the API
 * calls ({@link io.eddy.server.node.EddyNode}).
 *
 * <h2>Writes</h2>
 * A write is validated first (limits, shape: a bad request never reaches the log), then
 * {@link io.eddy.server.node.WriteBatcher} groups the writes waiting at that moment into one
 * Raft entry ({@code CommandBatch}, at most a few entries in flight). On the leader the entry
 * is appended in-process ({@link io.eddy.server.node.RaftSubmitter}); a follower sends it
 * through its Raft client, which forwards it to the leader: a client may write through any
 * member.
 * A batch's failure after it was handed to Raft is marked {@code maybe_applied} on every write
 * in it, whatever the error code, because the entry may still commit; a write refused before
 * that (validation, a full queue) is not.
 *
 * <h2>Reads</h2>
 * Every range runs on the member's bounded local-read pool ({@link io.eddy.server.node.BoundedPool}),
 * never on the caller's thread. Linearizable reads (the default) first pass a
 * {@link io.eddy.server.node.ReadBarrier}: one Raft ReadIndex round (in-process, through this
 * member's own division), sent after the read
 * arrived and shared by every read waiting at the time, after which this member has applied
 * all that was committed when the round started. Serializable reads skip the barrier and say
 * {@code maybe_stale} when the member has lost touch with the cluster
 * ({@link io.eddy.server.node.Staleness}). Streamed ranges pin one revision and read it in
 * pages ({@link io.eddy.server.node.RangeStreams}).
 *
 * <h2>Threads</h2>
 * Callers may be event loops: nothing here blocks them. Ratis' client is always called from
 * the member's reply thread (its first call to a peer builds a gRPC channel, which blocks);
 * storage reads run on the local-read pool; membership, status and snapshot work on the
 * admin pool ({@link io.eddy.server.node.EddyNode#admin}); each pool is bounded and answers
 * TOO_MANY_REQUESTS when full. {@link io.eddy.server.node.Membership} blocks: run it on the
 * admin pool.
 *
 * <h2>Test faults (test only)</h2>
 * {@link io.eddy.server.node.TestFaults}: deliberate bugs that only the robustness suite's
 * self-test turns on, through the system property {@code eddy.test.faults} read once when a
 * member starts (no setting, flag or environment variable reaches it; every member that starts
 * with one logs it at WARN, an unknown value fails the start). {@code stale-reads}: linearizable
 * reads skip the ReadIndex barrier, so an isolated member serves old data; the suite must
 * catch it. Never set it outside tests.
 *
 * <h2>Restore</h2>
 * {@link io.eddy.server.node.SnapshotRestore} builds, offline, the Raft storage of a member of
 * a new cluster from a snapshot file ({@code eddy-server restore}): Ratis' formatted storage
 * for the group named by the token, with the snapshot's store in it, reset for a new group.
 *
 * <h2>Membership</h2>
 * Members join as non-voters that catch up before voting (Ratis staging), learners are Raft
 * listeners promoted once caught up, and the client address of each member is learnt by
 * asking it ({@link io.eddy.server.node.ClientAddresses}); see {@code docs/replication.md} and
 * {@code docs/operations.md}.
 */
package io.eddy.server.node;
