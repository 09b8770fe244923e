/**
 * The robustness suite (issue 8): random concurrent traffic against a cluster while faults are
 * injected, every operation recorded, and checkers that judge the history.
 * {@link io.eddy.loadtests.robustness.RobustnessRun} ties the parts together:
 * {@code traffic} (KV clients and watchers), {@code fault} (what a harness can break, and a
 * schedule that mixes it), {@code history} (the record, kept as JSON lines) and {@code check}
 * (linearizability, revisions, ranges, watch guarantees). What is checked, the fault model and
 * how to run it: {@code docs/robustness.md}.
 */
package io.eddy.loadtests.robustness;
