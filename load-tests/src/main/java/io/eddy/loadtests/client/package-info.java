/**
 * Programs that measure a running cluster from the outside, through a client (network, RSocket
 * and the client included), as a user's application sees it.
 * <ul>
 *   <li>{@link io.eddy.loadtests.client.ClientBenchmark}: put/get throughput and latency with a
 *       fixed number of requests in flight.</li>
 *   <li>{@link io.eddy.loadtests.client.WatchFanoutBenchmark}: many watches over many connections
 *       on one member under a fixed write rate; delay from write acknowledgement to event receipt,
 *       and a completeness and order check. Also runs against etcd through jetcd
 *       ({@code --target etcd}): the jetcd types stay in {@code EtcdFanoutTarget}.</li>
 * </ul>
 */
package io.eddy.loadtests.client;
