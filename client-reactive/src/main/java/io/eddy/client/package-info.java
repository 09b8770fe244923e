/**
 * The reactive Java client for Eddy: cold {@code Mono}/{@code Flux} publishers, one
 * sub-client per service, failover and safe retries.
 *
 * <p>Start with {@link io.eddy.client.EddyClient#builder()}; {@link io.eddy.client.EddyClient#kv()}
 * is the key-value service ({@link io.eddy.client.KvClient}), whose answers are immutable records
 * ({@link io.eddy.client.GetResult}, {@link io.eddy.client.PutResult},
 * {@link io.eddy.client.DeleteResult}) and whose options are immutable records with
 * {@code DEFAULTS} and {@code with...} methods. {@link io.eddy.client.KvClient#rangeStream}
 * streams a range of any size as a {@code Flux} of keys pinned to one revision, with demand
 * honoured end to end and transparent resume after a member is lost.
 * {@link io.eddy.client.EddyClient#watch()} watches keys, prefixes and ranges as a {@code Flux}
 * of per-revision {@link io.eddy.client.WatchBatch}es ({@link io.eddy.client.WatchClient}):
 * ordered, no gap, no duplicate, resumed by itself from the last revision + 1 on another member,
 * with demand honoured end to end; cancelling is the unwatch.
 * {@link io.eddy.client.WatchClient#rangeThenWatch} lists a range at one revision R and then
 * watches it from R + 1 in one {@code Flux} of {@link io.eddy.client.ListThenWatch} items (the
 * "list then watch" of a cache, with no gap), resuming by itself in either phase.
 * {@link io.eddy.client.EddyClient#cluster()}
 * lists and changes the members ({@link io.eddy.client.ClusterClient}, whose Javadoc states
 * the retry policy of membership changes); {@link io.eddy.client.EddyClient#maintenance()}
 * gives a member's {@link io.eddy.client.Status} and saves snapshots
 * ({@link io.eddy.client.MaintenanceClient}). Keys and values are
 * {@link io.eddy.client.ByteSequence}s. Failures are the error hierarchy rooted at
 * {@link io.eddy.client.EddyClientException}: five final subclasses, each answering
 * {@link io.eddy.client.EddyClientException#isRetryable()} and
 * {@link io.eddy.client.EddyClientException#isMaybeCommitted()}, mapped from the protocol's
 * error catalogue. No RSocket, Netty or protobuf type appears in this package.
 */
package io.eddy.client;
