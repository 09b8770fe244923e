package io.eddy.loadtests.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one run records, from any thread: latencies (µs) in an HdrHistogram {@link Recorder},
 * errors by code and named counters. The thread that runs the clock calls {@link #tick} once a
 * second: it takes the interval's histogram, adds it to the total when the window is being
 * measured and appends a point to the timeline. Recording is lock-free and never blocks (the
 * histograms have a fixed range), so it may run on a client's event loop.
 */
final class Recording {
    /** Percentiles of the distribution chart. */
    static final double[] PERCENTILES = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 97.5,
        98, 98.5, 99, 99.25, 99.5, 99.75, 99.9, 99.95, 99.99, 99.995, 99.999, 100};

    /** The longest latency recorded, µs (1 hour; longer ones are recorded as this). */
    static final long MAX_MICROS = 3_600_000_000L;

    /**
     * Fixed range, not auto-resizing: a resize takes the recorder's lock, and recording happens
     * on the client's event loops, which must not block.
     */
    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);
    private final Histogram total = new Histogram(3);
    private final List<Result.Tick> timeline = new ArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> notes = new ConcurrentHashMap<>();
    private final LongAdder unmeasured = new LongAdder();
    private Histogram interval;
    private volatile boolean measuring;
    private long measureStart;

    /** Records one successful operation's latency. */
    void record(long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos) / 1000));
    }

    /** Counts one successful operation outside the measured window (shown as progress only). */
    void unmeasured() {
        unmeasured.increment();
    }

    /** Successful operations outside the measured window so far. */
    long unmeasuredOps() {
        return unmeasured.sum();
    }

    /** Counts one failure under {@code code}. */
    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Adds one to the counter {@code name}. */
    void note(String name) {
        notes.computeIfAbsent(name, c -> new LongAdder()).increment();
    }

    /** Whether the measured window is open (operations started now are measured). */
    boolean measuring() {
        return measuring;
    }

    /** Ends the warm-up: forgets what was recorded so far and opens the measured window. */
    void startMeasuring(long nowNanos) {
        interval = recorder.getIntervalHistogram(interval);
        errors.clear();
        notes.clear();
        measureStart = nowNanos;
        measuring = true;
    }

    /** Takes the interval since the last tick; when measuring, adds it to the total and the timeline. */
    Histogram tick(long nowNanos) {
        interval = recorder.getIntervalHistogram(interval);
        if (measuring) {
            total.add(interval);
            timeline.add(new Result.Tick(round((nowNanos - measureStart) / 1e9), interval.getTotalCount(),
                    ms(interval.getValueAtPercentile(50)), ms(interval.getValueAtPercentile(99)),
                    ms(interval.getMaxValue())));
        }
        return interval;
    }

    /**
     * Closes the measured window now: takes the last interval, and nothing recorded later counts
     * (for runs that count what arrives inside the window, not what was sent in it).
     */
    void endWindow(long nowNanos) {
        tick(nowNanos);
        measuring = false;
    }

    /** Operations recorded in the measured window so far. */
    long measuredOps() {
        return total.getTotalCount();
    }

    /** The latency of {@code percentile} over the measured window so far, ms. */
    double measuredMs(double percentile) {
        return ms(total.getValueAtPercentile(percentile));
    }

    /** Errors counted so far in the measured window. */
    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Closes the window ({@code seconds} long) and builds the result; call after the last {@link #tick}. */
    Result result(String target, WorkloadSpec spec, int connections, double rate, double seconds) {
        measuring = false;
        Result.Latency latency = new Result.Latency(ms(total.getValueAtPercentile(50)),
                ms(total.getValueAtPercentile(90)), ms(total.getValueAtPercentile(99)),
                ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()), round(total.getMean() / 1000.0));
        List<Result.Point> distribution = new ArrayList<>();
        if (total.getTotalCount() > 0) {
            for (double p : PERCENTILES) {
                distribution.add(new Result.Point(p, ms(p == 100 ? total.getMaxValue() : total.getValueAtPercentile(p))));
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(total.getNeededByteBufferCapacity());
        int length = total.encodeIntoCompressedByteBuffer(buffer);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        long ops = total.getTotalCount();
        return new Result(target, spec.label(), spec.workload().label(), spec.concurrency(), connections, rate,
                round(seconds), ops, round(ops / Math.max(seconds, 1e-9)), latency, sums(errors), sums(notes),
                distribution, timeline, encoded, null);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
