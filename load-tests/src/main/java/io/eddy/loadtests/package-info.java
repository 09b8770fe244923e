/**
 * Eddy's measurements: the benchmark tool {@code eddy bench} (package
 * {@code io.eddy.loadtests.bench}, Eddy and etcd through one harness), JMH micro-benchmarks of
 * the storage and MVCC layers ({@code io.eddy.loadtests.jmh}), whole-node programs
 * ({@code io.eddy.loadtests.node}) and client-side programs ({@code io.eddy.loadtests.client}).
 * {@link io.eddy.loadtests.Main} is the jar's entry point. The robustness suite arrives with a
 * later issue.
 */
package io.eddy.loadtests;
