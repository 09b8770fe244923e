package io.eddy.loadtests.bench;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one workload against one target. Latencies are in milliseconds.
 *
 * @param target       {@code eddy} or {@code etcd}
 * @param workload     the matrix entry's label, e.g. {@code put@64}
 * @param kind         the workload's name, e.g. {@code put}
 * @param concurrency  requests in flight (or the cap, open loop); for {@code watch}: the number of watches
 * @param connections  connections used
 * @param rate         open-loop rate per second, 0 for closed loop (for {@code watch}: writes per second)
 * @param seconds      length of the measured window
 * @param ops          operations completed in it (for {@code watch}: events received by all watches)
 * @param throughput   {@code ops / seconds}
 * @param latency      the summary of the latency histogram
 * @param errors       failed operations by code
 * @param notes        named counters particular to the workload (e.g. {@code cas.failed}, {@code get.missing})
 * @param distribution the latency at a fixed list of percentiles, for the distribution chart
 * @param timeline     one point per second of the measured window
 * @param histogram    the whole HdrHistogram (µs), compressed and base64-encoded, for later analysis
 * @param skipped      why the run did not happen ({@code null} when it did)
 */
record Result(String target, String workload, String kind, int concurrency, int connections, double rate,
        double seconds, long ops, double throughput, Latency latency, Map<String, Long> errors,
        Map<String, Long> notes, List<Point> distribution, List<Tick> timeline, String histogram, String skipped) {
    /** Copies the collections. */
    Result {
        errors = Map.copyOf(errors);
        notes = Map.copyOf(notes);
        distribution = List.copyOf(distribution);
        timeline = List.copyOf(timeline);
    }

    /** A run that did not happen, and why. */
    static Result skipped(String target, WorkloadSpec spec, int connections, String why) {
        return new Result(target, spec.label(), spec.workload().label(), spec.concurrency(), connections, 0, 0, 0, 0,
                new Latency(0, 0, 0, 0, 0, 0), Map.of(), Map.of(), List.of(), List.of(), "", why);
    }

    /** All errors. */
    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Latency summary in ms. */
    record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
    }

    /** The latency {@code ms} at {@code percentile} (0–100). */
    record Point(double percentile, double ms) {
    }

    /** Second {@code second} of the window (its end, from the window's start): operations and latencies. */
    record Tick(double second, long ops, double p50, double p99, double max) {
    }
}
