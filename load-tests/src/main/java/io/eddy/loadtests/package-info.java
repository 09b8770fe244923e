/**
 * Eddy's measurements and robustness checks: JMH micro-benchmarks of the storage and MVCC
 * layers (package {@code io.eddy.loadtests.jmh}), whole-node programs ({@code node}), client
 * benchmarks ({@code client}) and the robustness suite ({@code robustness}: traffic, faults,
 * history and checkers; see {@code docs/robustness.md}).
 */
package io.eddy.loadtests;
