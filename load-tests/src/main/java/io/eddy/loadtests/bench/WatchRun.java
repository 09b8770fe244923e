package io.eddy.loadtests.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code watch} workload: {@code --watchers} watches of the prefix {@code bwatch/} spread
 * over the target's connections, and a writer that puts one key at a time ({@code bwatch/%05d}
 * over 100 keys) at {@code --watch-rate} writes/s, open loop, each value starting with its send
 * time. Latency is the delivery delay from a write's send to its event's receipt, at every
 * watch; throughput is events received per second by all watches together ({@code watchers x
 * rate} when the store keeps up), counting the events received inside the window (a backlog
 * from the warm-up shows as delay, and events received after the window are not counted). Before the run, marker writes repeat until every watch has seen
 * one (all registered). Notes: {@code writes.acked} in the window, {@code watch.behind} (watches
 * without the last acknowledged revision 10 s after the writes stopped).
 */
final class WatchRun {
    private static final String PREFIX = "bwatch/";
    private static final long MARKER = Long.MIN_VALUE;

    private WatchRun() {
    }

    /** Registers the watches on {@code target} (which it then owns for the run), writes, measures. */
    static Result run(Target target, WorkloadSpec spec, BenchOptions options, Progress progress)
            throws InterruptedException {
        Recording recording = new Recording();
        List<Probe> probes = new ArrayList<>();
        List<AutoCloseable> watches = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            byte[] prefix = PREFIX.getBytes(StandardCharsets.UTF_8);
            for (int w = 0; w < options.watchers(); w++) {
                Probe probe = new Probe(recording, target);
                probes.add(probe);
                watches.add(target.watch(w % target.connections(), prefix, probe));
            }
            awaitReady(target, probes, progress, 60 + options.watchers() / 100);
            AtomicLong lastAcked = new AtomicLong();
            Thread writer = new Thread(() -> write(target, options, recording, lastAcked, writing),
                    "bench-watch-writer");
            writer.setDaemon(true);
            writer.start();
            long[] window = Window.run(recording, options, progress, spec.label() + " " + target.name(), () -> false);
            recording.endWindow(window[1]); // events received after the window do not count
            writing.set(false);
            writer.join(options.requestTimeout().toMillis() + 5_000);
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (probes.stream().anyMatch(p -> p.lastRevision < lastAcked.get() && p.error == null)
                    && System.nanoTime() < drainUntil) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // bounded wait for the last events
            }
            for (Probe p : probes) {
                if (p.lastRevision < lastAcked.get()) {
                    recording.note("watch.behind");
                }
            }
            progress.clear();
            // the "in flight" column of a watch run is its number of watches
            return recording.result(target.name(), new WorkloadSpec(Workload.WATCH, options.watchers()),
                    target.connections(), options.watchRate(),
                    (window[1] - window[0]) / 1e9);
        } finally {
            writing.set(false);
            for (AutoCloseable watch : watches) {
                try {
                    watch.close();
                } catch (Exception e) {
                    // the watch is going away with its connection anyway
                }
            }
        }
    }

    private static void write(Target target, BenchOptions options, Recording recording, AtomicLong lastAcked,
            AtomicBoolean writing) {
        double period = 1e9 / options.watchRate();
        long start = System.nanoTime();
        int valueBytes = Math.max(Long.BYTES, options.valueBytes());
        for (long i = 0; writing.get(); i++) {
            long wait = start + (long) (i * period) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the writer's schedule
            }
            byte[] key = String.format("%s%05d", PREFIX, i % 100).getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[valueBytes];
            ByteBuffer.wrap(value).putLong(System.nanoTime());
            boolean measured = recording.measuring();
            target.put(0, key, value).orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            recording.error("put:" + Errors.code(target, error));
                            return;
                        }
                        if (measured) {
                            recording.note("writes.acked");
                        }
                        lastAcked.accumulateAndGet(response, Math::max);
                    });
        }
    }

    private static void awaitReady(Target target, List<Probe> probes, Progress progress, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] key = (PREFIX + "ready").getBytes(StandardCharsets.UTF_8);
        byte[] marker = ByteBuffer.allocate(Long.BYTES).putLong(MARKER).array();
        while (true) {
            target.put(0, key, marker).orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null);
            Thread.sleep(500); // period of the marker writes, in a bounded wait
            long ready = probes.stream().filter(p -> p.ready).count();
            progress.status(String.format("watch %s: %,d of %,d watches registered", target.name(), ready,
                    probes.size()));
            if (ready == probes.size()) {
                progress.clear();
                return;
            }
            Probe failed = probes.stream().filter(p -> p.error != null).findFirst().orElse(null);
            if (failed != null || System.nanoTime() > deadline) {
                progress.clear();
                throw new IllegalStateException(ready + " of " + probes.size() + " watches registered after "
                        + seconds + " s" + (failed == null ? "" : "; a watch failed: " + failed.error));
            }
        }
    }

    /** One watch: records each event's delay from its send time; remembers the last revision. */
    private static final class Probe implements Target.EventSink {
        private final Recording recording;
        private final Target target;
        volatile long lastRevision;
        volatile boolean ready;
        volatile Throwable error;

        Probe(Recording recording, Target target) {
            this.recording = recording;
            this.target = target;
        }

        @Override
        public void onEvent(long revision, long stamp) {
            lastRevision = Math.max(lastRevision, revision);
            if (stamp == MARKER) {
                ready = true;
            } else if (recording.measuring()) {
                recording.record(System.nanoTime() - stamp);
            } else {
                recording.unmeasured();
            }
        }

        @Override
        public void onError(Throwable failure) {
            error = failure;
            recording.error("watch:" + Errors.code(target, failure));
        }
    }
}
