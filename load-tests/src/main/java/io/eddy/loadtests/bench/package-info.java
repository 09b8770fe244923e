/**
 * The benchmark tool, {@code eddy bench} ({@link io.eddy.loadtests.bench.BenchCommand}): one
 * harness that measures Eddy (through {@code EddyClient}) and etcd (through jetcd) with the same
 * driver code, so the two can be compared run for run.
 *
 * <ul>
 *   <li>{@code Target}: the store under test ({@code EddyTarget}, {@code EtcdTarget}); N
 *       connections = N clients, connection i to endpoint i mod endpoints; errors become codes
 *       (Eddy: {@code EddyClientException.code()}, etcd: the gRPC status).</li>
 *   <li>{@code Workload}, {@code WorkloadSpec}, {@code Ops}: put, get (linearizable,
 *       serializable), range (small, large), txn compare-and-swap, watch fan-out, lease (etcd
 *       only until Eddy has leases) and a weighted mix; {@code name@N} sets the in-flight count.</li>
 *   <li>{@code Driver}: closed loop (N in flight) or open loop ({@code --rate}, latency from the
 *       intended send time); {@code WatchRun}: the watch workload (delivery delay at every
 *       watch); {@code Window}: warm-up then the measured window, ticking once a second.</li>
 *   <li>{@code Recording}, {@code Result}: HdrHistogram recorders, errors by code, named notes,
 *       per-second timeline; {@code Runner}: the matrix, alternating targets, the ratio table;
 *       {@code Json}, {@code Html}, {@code Svg}: the result file and the self-contained report.</li>
 * </ul>
 *
 * <p>Threads: the caller's thread runs the clock and the progress line; closed-loop workers send
 * the next request from the thread that completed the previous one (the client's event loop for
 * Eddy), so nothing on that path blocks or takes a timer's lock; the open loop's pacer and the
 * watch writer are threads of their own.
 */
package io.eddy.loadtests.bench;
