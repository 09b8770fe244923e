/**
 * Whole-node measurements: programs (plain {@code main} classes, not JMH) that run a
 * three-member cluster of real {@link io.eddy.server.node.EddyNode}s in one JVM, on loopback
 * ports with production-default settings and temporary data directories, and print figures.
 * <ul>
 *   <li>{@link io.eddy.loadtests.node.WritePathBenchmark}: put throughput and latency
 *       (HdrHistogram) with a fixed number of puts in flight, through the leader and through
 *       a follower, and the Raft entries written per put (group commit).</li>
 *   <li>{@link io.eddy.loadtests.node.RestartBenchmark}: load a million keys, stop every
 *       member, start them again on the same data, and time each step until the cluster
 *       serves linearizable reads.</li>
 *   <li>{@link io.eddy.loadtests.node.RangeStreamHeap}: load a million keys, stream them all
 *       through the client's {@code kv().rangeStream} with a subscriber taking 100 at a time,
 *       and report the heap used (after forced GCs) before and during the stream.</li>
 *   <li>{@link io.eddy.loadtests.node.WatchStallBenchmark}: write throughput without watchers and
 *       with watchers whose subscribers request nothing, the heap and the watch hub's held events
 *       meanwhile, then the catch-up when demand returns, validated per watcher (every revision,
 *       in order, each whole).</li>
 * </ul>
 * They stop by themselves and delete their data. Build and run: see {@code load-tests/README.md}.
 */
package io.eddy.loadtests.node;
