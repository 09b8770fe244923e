package io.eddy.protocol;

/**
 * RSocket route names (routing metadata, {@code message/x.rsocket.routing.v0}).
 *
 * <p>Request-response unless stated. Payload data is the protobuf message named in the
 * comment; errors are RSocket application errors whose message is an encoded {@link Error}.
 */
public final class Routes {
    /** {@link RangeRequest} to {@link RangeResponse}. */
    public static final String KV_RANGE = "kv.range";
    /** {@link PutRequest} to {@link PutResponse}. */
    public static final String KV_PUT = "kv.put";
    /** {@link DeleteRangeRequest} to {@link DeleteRangeResponse}. */
    public static final String KV_DELETE = "kv.delete";
    /** {@link TxnRequest} to {@link TxnResponse}. */
    public static final String KV_TXN = "kv.txn";
    /** {@link CompactionRequest} to {@link CompactionResponse}. */
    public static final String KV_COMPACT = "kv.compact";
    /** Request-stream: {@link RangeRequest} to chunks of a range pinned to one revision. */
    public static final String KV_RANGE_STREAM = "kv.rangeStream";
    /**
     * Request-stream: {@link WatchCreateRequest} to {@link WatchResponse}s: the created element,
     * then the events of whole revisions, sent only against the requester's demand.
     */
    public static final String WATCH = "watch";
    /**
     * {@link WatchProgressRequest} to {@link WatchProgressResponse}: asks for one progress
     * notification on each named watch of the answering member (etcd's RequestProgress). The
     * ids are those of the created elements ({@link WatchResponse#getWatchId()}) of that member's
     * streams; the answer comes once the member's watch hub has taken the request, and says
     * how many ids it knows. Each known watch then gets a {@code progress_notify} element on
     * its own stream, never before every earlier event of that watch was delivered.
     */
    public static final String WATCH_PROGRESS = "watch.progress";
    /**
     * Request-stream: {@link RangeThenWatchRequest} to {@link RangeThenWatchResponse}s: the range
     * at a pinned revision R in chunks, a {@code range_done} element carrying R, then the watch
     * from R + 1, one stream, every element only against the requester's demand.
     */
    public static final String KV_RANGE_THEN_WATCH = "kv.rangeThenWatch";

    /** {@link MemberListRequest} to {@link MemberListResponse}. */
    public static final String CLUSTER_MEMBERS = "cluster.members";
    /** {@link MemberAddRequest} to {@link MemberAddResponse}. */
    public static final String CLUSTER_ADD = "cluster.add";
    /** {@link MemberRemoveRequest} to {@link MemberRemoveResponse}. */
    public static final String CLUSTER_REMOVE = "cluster.remove";
    /** {@link MemberPromoteRequest} to {@link MemberPromoteResponse}. */
    public static final String CLUSTER_PROMOTE = "cluster.promote";
    /** {@link MoveLeaderRequest} to {@link MoveLeaderResponse}. */
    public static final String CLUSTER_MOVE_LEADER = "cluster.moveLeader";
    /** {@link StatusRequest} to {@link StatusResponse} of the member that answers. */
    public static final String MAINTENANCE_STATUS = "maintenance.status";
    /** Request-stream: {@link SnapshotRequest} to {@link SnapshotResponse} chunks of the member's store. */
    public static final String MAINTENANCE_SNAPSHOT = "maintenance.snapshot";

    /**
     * Composite-metadata MIME type of a write's request id, for exactly-once retries: 16 bytes,
     * the client id then the sequence, each a big-endian unsigned 64-bit integer. A retry of a
     * write carries the same id and gets the first result back instead of a second apply.
     */
    public static final String REQUEST_ID_MIME_TYPE = "message/x.eddy.request-id.v0";

    private Routes() {
    }
}
