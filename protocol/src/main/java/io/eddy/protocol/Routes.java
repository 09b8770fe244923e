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
    /** Request-stream: change events. */
    public static final String WATCH = "watch";

    /**
     * Composite-metadata MIME type of a write's request id, for exactly-once retries: 16 bytes,
     * the client id then the sequence, each a big-endian unsigned 64-bit integer. A retry of a
     * write carries the same id and gets the first result back instead of a second apply.
     */
    public static final String REQUEST_ID_MIME_TYPE = "message/x.eddy.request-id.v0";

    private Routes() {
    }
}
