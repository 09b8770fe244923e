/**
 * The robustness suite's process harness: a cluster of 3 real {@code eddy-server} processes
 * ({@link io.eddy.loadtests.robustness.cluster.ProcessCluster}, started as {@code ./eddy node}
 * starts a member, each with its data directory and log file under the run directory) whose peer
 * links go through TCP proxies ({@code LinkProxy}, adapted from the server tests' {@code PeerBridge}:
 * it tells the members' connections apart by the Ratis requestor id, the member's name or its Raft
 * client id, which the member logs at start), and the faults it can cause
 * ({@link io.eddy.loadtests.robustness.cluster.ProcessFaults}): SIGKILL and restart with recovery,
 * SIGSTOP/SIGCONT, isolation of a member, a one-way cut. A process ({@code MemberProcess}) is
 * signalled with {@code Process.destroyForcibly} (SIGKILL on Linux) and {@code kill -STOP/-CONT}.
 * Everything the harness starts is stopped by {@code close()}, or by a JVM shutdown hook.
 * Linux (or another Unix with {@code kill}) only.
 */
package io.eddy.loadtests.robustness.cluster;
