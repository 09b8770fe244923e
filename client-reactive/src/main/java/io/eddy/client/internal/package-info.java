/**
 * The client's implementation: wire mappings, lazy RSocket connections per endpoint, routing
 * metadata, request ids, retries and failover, and the resume logic of streamed ranges
 * ({@code RangeStreamCall}), watches ({@code WatchCall}) and list-then-watch streams
 * ({@code RangeThenWatchCall}, which hands over to a {@code WatchCall} once its snapshot is
 * delivered), and the registry of live watches that progress requests ask ({@code LiveWatches}).
 * Nothing here is public API.
 */
package io.eddy.client.internal;
