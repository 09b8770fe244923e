/**
 * The client's implementation: wire mappings, lazy RSocket connections per endpoint, routing
 * metadata, request ids, retries and failover, and the resume logic of streamed ranges
 * ({@code RangeStreamCall}). Nothing here is public API.
 */
package io.eddy.client.internal;
