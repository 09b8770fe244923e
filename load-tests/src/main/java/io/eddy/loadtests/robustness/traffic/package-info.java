/**
 * The robustness suite's traffic: {@link io.eddy.loadtests.robustness.traffic.KvTraffic}
 * (concurrent clients, each with one request in flight, issuing gets, puts, deletes,
 * compare-and-swap txns and ranges over a {@link io.eddy.loadtests.robustness.traffic.Workload}'s
 * keys) and {@link io.eddy.loadtests.robustness.traffic.WatchTraffic} (prefix watchers that
 * cancel and resume), both recording into a
 * {@link io.eddy.loadtests.robustness.history.HistoryRecorder}. They only need
 * {@link io.eddy.client.EddyClient}s, so they run the same against an in-process cluster or
 * real processes.
 */
package io.eddy.loadtests.robustness.traffic;
