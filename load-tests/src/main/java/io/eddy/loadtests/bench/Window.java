package io.eddy.loadtests.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The clock of one run, on the calling thread: ticks the {@link Recording} once a second
 * through the warm-up (discarded) and the measured window, and shows progress. The window
 * ends after {@code --duration}, or when {@code done} says so (a {@code --total} run).
 */
final class Window {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private Window() {
    }

    /**
     * Runs the warm-up then the measured window; returns the window's start and end
     * ({@code nanoTime}). The load must already be running.
     */
    static long[] run(Recording recording, BenchOptions options, Progress progress, String label,
            BooleanSupplier done) {
        long start = System.nanoTime();
        long warmupEnd = start + options.warmup().toNanos();
        long nextTick = start + SECOND;
        long unmeasured = recording.unmeasuredOps();
        while (System.nanoTime() < warmupEnd) {
            long now = System.nanoTime();
            if (now >= nextTick) {
                recording.tick(now);
                nextTick += SECOND;
                long ops = recording.unmeasuredOps();
                progress.show(label, "warm-up", (now - start) / 1e9, options.warmup().toNanos() / 1e9,
                        ops - unmeasured, 0, 0);
                unmeasured = ops;
            }
            LockSupport.parkNanos(Math.min(warmupEnd, nextTick) - now); // the clock's pace
        }
        long from = System.nanoTime();
        recording.startMeasuring(from);
        boolean byTotal = options.total() > 0;
        long end = byTotal ? Long.MAX_VALUE : from + options.duration().toNanos();
        nextTick = from + SECOND;
        while (true) {
            long now = System.nanoTime();
            if (now >= end || (byTotal && done.getAsBoolean())) {
                return new long[] {from, Math.min(now, end)};
            }
            if (now >= nextTick) {
                Histogram second = recording.tick(now);
                nextTick += SECOND;
                double length = byTotal ? 0 : options.duration().toNanos() / 1e9;
                progress.show(label, "measure", (now - from) / 1e9, length, second.getTotalCount(),
                        recording.measuredMs(99), recording.errorCount());
            }
            LockSupport.parkNanos(Math.min(Math.min(end, nextTick) - now, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }
}
