/**
 * Eddy's measurements and robustness checks: the benchmark tool {@code eddy bench} (package
 * {@code io.eddy.loadtests.bench}, Eddy and etcd through one harness), JMH micro-benchmarks of
 * the storage and MVCC layers ({@code io.eddy.loadtests.jmh}), whole-node programs
 * ({@code io.eddy.loadtests.node}), client-side programs ({@code io.eddy.loadtests.client}) and
 * the robustness suite ({@code io.eddy.loadtests.robustness}: traffic, faults, history and
 * checkers; see {@code docs/robustness.md}). {@link io.eddy.loadtests.Main} is the jar's entry
 * point.
 */
package io.eddy.loadtests;
