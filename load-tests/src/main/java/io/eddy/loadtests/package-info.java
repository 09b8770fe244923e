/**
 * Eddy's measurements: JMH micro-benchmarks of the storage and MVCC layers (package
 * {@code io.eddy.loadtests.jmh}); the load-test tool and the robustness suite arrive with
 * later issues.
 */
package io.eddy.loadtests;
