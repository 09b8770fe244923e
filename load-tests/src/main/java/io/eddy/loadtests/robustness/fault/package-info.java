/**
 * The robustness suite's faults: a {@link io.eddy.loadtests.robustness.fault.FaultInjector} is
 * what a cluster harness can do to its members (the in-process one cuts peer links through
 * {@code PeerBridge}; the process harness, {@code ProcessFaults} in package {@code cluster}, adds
 * SIGKILL with restart, SIGSTOP/SIGCONT and TCP proxies between peer ports); a {@link io.eddy.loadtests.robustness.fault.FaultSchedule} mixes them: a fault of
 * a random kind every random gap, held for a while, then healed.
 */
package io.eddy.loadtests.robustness.fault;
