package io.eddy.client;

/**
 * The stable error codes of Eddy's catalogue (the protocol's {@code errors.proto}), as the
 * client reports them. {@link #UNKNOWN} stands for a code this client version does not know
 * (a newer server), and {@link #CONNECTION_LOST} for a failure of the connection itself.
 */
public enum ErrorCode {
    INVALID_ARGUMENT, EMPTY_KEY, KEY_TOO_LARGE, VALUE_TOO_LARGE, REQUEST_TOO_LARGE, TOO_MANY_TXN_OPS, DUPLICATE_KEY,
    VALUE_PROVIDED, LEASE_PROVIDED, KEY_NOT_FOUND, UNKNOWN_ROUTE, BAD_PAYLOAD,
    COMPACTED, FUTURE_REVISION,
    LEASE_NOT_FOUND, UNAUTHENTICATED, PERMISSION_DENIED,
    NO_LEADER, NOT_LEADER, TIMEOUT, UNAVAILABLE, TOO_MANY_REQUESTS, NO_SPACE,
    INTERNAL, CORRUPT,
    MEMBER_NOT_FOUND, MEMBER_EXISTS, MEMBER_NOT_LEARNER, LEARNER_NOT_READY,
    CONNECTION_LOST, UNKNOWN
}
