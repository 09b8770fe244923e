/**
 * The robustness suite (issue 8): random concurrent traffic against a cluster while faults are
 * injected, every operation recorded, and checkers that judge the history.
 * {@link io.eddy.loadtests.robustness.RobustnessRun} ties the parts together:
 * {@code traffic} (KV clients and watchers), {@code fault} (what a harness can break, and a
 * schedule that mixes it), {@code history} (the record, kept as JSON lines) and {@code check}
 * (linearizability, revisions, ranges, watch guarantees). {@code cluster} is the process harness
 * (3 {@code eddy-server} processes behind peer-link proxies, and their faults: SIGKILL and restart,
 * SIGSTOP/SIGCONT, partitions); {@link io.eddy.loadtests.robustness.RobustnessCommand} is
 * {@code ./eddy robustness}, the long run against it (progress, counts, verdict, evidence kept on
 * a violation). What is checked, the fault model and how to run it: {@code docs/robustness.md}.
 */
package io.eddy.loadtests.robustness;
