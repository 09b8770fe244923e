/**
 * The reactive Java client for Eddy: cold {@code Mono}/{@code Flux} publishers, one
 * sub-client per service, failover and safe retries (the connection and sub-clients arrive
 * with the API issue).
 *
 * <p>Available now: {@link io.eddy.client.ByteSequence}, the immutable byte type of keys and
 * values (UTF-8 helpers, etcd's prefix range end), and the error hierarchy rooted at
 * {@link io.eddy.client.EddyClientException}: five final subclasses, each answering
 * {@link io.eddy.client.EddyClientException#isRetryable()} and
 * {@link io.eddy.client.EddyClientException#isMaybeCommitted()}, mapped from the protocol's
 * error catalogue. No RSocket, Netty or protobuf type appears in this package.
 */
package io.eddy.client;
