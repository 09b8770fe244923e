package io.eddy.loadtests.node;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces a GC and reads the heap used every {@code periodMs} on its own thread (never an event
 * loop) until stopped, keeping the largest reading; an optional probe runs after each reading
 * (for example to poll a member's counters at the same moments).
 */
final class HeapSampler {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicLong max = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** A sampler that does nothing until {@link #start()}; {@code periodMs} 0 takes no sample. */
    HeapSampler(int periodMs, Runnable probe) {
        thread = new Thread(() -> {
            while (running && periodMs > 0) {
                max.accumulateAndGet(usedAfterGc(), Math::max);
                samples.incrementAndGet();
                probe.run();
                try {
                    Thread.sleep(periodMs); // a sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    /** Heap used after two forced GCs (live data plus what the GC did not reclaim). */
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    HeapSampler start() {
        thread.start();
        return this;
    }

    /** Stops sampling, waits for the thread, and takes one last sample. */
    HeapSampler stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        max.accumulateAndGet(usedAfterGc(), Math::max);
        samples.incrementAndGet();
        return this;
    }

    /** The largest heap used after GC seen so far. */
    long max() {
        return max.get();
    }

    long samples() {
        return samples.get();
    }
}
