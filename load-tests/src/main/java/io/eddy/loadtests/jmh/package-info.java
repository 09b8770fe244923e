/**
 * JMH micro-benchmarks of the MVCC store on the Xodus engine, one process and one thread,
 * no Raft and no network: {@link io.eddy.loadtests.jmh.ApplyBenchmark} (apply throughput,
 * 1 or 64 puts per engine transaction) and {@link io.eddy.loadtests.jmh.PointReadBenchmark}
 * (single-key reads from a million keys). They bound from above what a member can do and
 * show where a change in the storage or MVCC layers moves it. Build and run: see
 * {@code load-tests/README.md}.
 */
package io.eddy.loadtests.jmh;
