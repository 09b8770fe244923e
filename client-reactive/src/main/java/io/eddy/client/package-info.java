/**
 * The reactive Java client for Eddy: cold {@code Mono}/{@code Flux} publishers, one
 * sub-client per service, failover and safe retries. Built by the API/client issue; this
 * module holds only its place in the build until then.
 */
package io.eddy.client;
