package io.eddy.loadtests.robustness.traffic;

import io.eddy.client.EddyClient;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchOptions;
import io.eddy.loadtests.robustness.history.HistoryRecorder;
import io.eddy.loadtests.robustness.history.ObservedBatch;
import io.eddy.loadtests.robustness.history.WatchEvent;
import io.eddy.loadtests.robustness.history.WatchSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Watchers of the workload's whole prefix (prevKv and progress notifications on), each a chain
 * of sessions: a session runs for a random time in the workload's resume window (or until its
 * stream fails), is cancelled, and the next one starts from the last delivered revision + 1,
 * which checks that a watch is resumable. Every session is recorded when it ends (at the latest
 * when the traffic closes).
 */
public final class WatchTraffic implements AutoCloseable {
    private final Workload workload;
    private final HistoryRecorder recorder;
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final List<Watcher> watchers = new ArrayList<>();

    private WatchTraffic(Workload workload, HistoryRecorder recorder) {
        this.workload = workload;
        this.recorder = recorder;
    }

    /**
     * Starts {@code clients.size()} watchers (watcher i on client i), every first session from
     * {@code startRevision} (at least 1).
     */
    public static WatchTraffic start(Workload workload, List<EddyClient> clients, HistoryRecorder recorder,
            long startRevision, long seed) {
        if (startRevision < 1) {
            throw new IllegalArgumentException("startRevision must be at least 1: " + startRevision);
        }
        WatchTraffic traffic = new WatchTraffic(workload, recorder);
        for (int i = 0; i < clients.size(); i++) {
            Watcher watcher = traffic.new Watcher(i, clients.get(i), new Random(seed * 7919L + i));
            traffic.watchers.add(watcher);
            watcher.begin(startRevision);
        }
        return traffic;
    }

    /**
     * The lowest, over the watchers, of the highest revision each has reached (an event or a
     * progress notification, in any of its sessions): 0 until each has reached one, Long.MAX_VALUE
     * without watchers.
     */
    public long reached() {
        return watchers.stream().mapToLong(w -> w.reached).min().orElse(Long.MAX_VALUE);
    }

    /** Ends every session (recording it). */
    @Override
    public void close() {
        watchers.forEach(Watcher::stop);
    }

    /** One watcher: its current session and the timer that will end it. */
    private final class Watcher {
        private final int id;
        private final EddyClient client;
        private final Random random;
        private Session current;
        private boolean stopped;
        private volatile long reached;

        Watcher(int id, EddyClient client, Random random) {
            this.id = id;
            this.client = client;
            this.random = random;
        }

        synchronized void begin(long from) {
            if (stopped) {
                return;
            }
            Session session = new Session(sessionIds.getAndIncrement(), from);
            current = session;
            WatchOptions options = WatchOptions.prefix(KvCalls.bytes(workload.prefix())).withStartRevision(from)
                    .withPrevKv(true).withProgressNotify(true);
            session.subscription = client.watch().watch(KvCalls.bytes(workload.prefix()), options)
                    .subscribe(session::add, error -> end(session, "error: " + error), () -> end(session, "completed"));
            long window = workload.watchResumeMax().toMillis() - workload.watchResumeMin().toMillis();
            long after = workload.watchResumeMin().toMillis() + (window > 0 ? random.nextLong(window + 1) : 0);
            session.timer = Mono.delay(Duration.ofMillis(after), Schedulers.parallel())
                    .subscribe(tick -> end(session, "cancelled"));
        }

        /** Ends {@code session} if it is still current, records it, and starts the next one. */
        void end(Session session, String why) {
            long next;
            synchronized (this) {
                if (current != session) {
                    return;
                }
                current = null;
                next = session.close(why);
            }
            if (why.equals("cancelled")) {
                begin(next);
            } else if (!why.equals("stopped")) { // failed or completed: start again a little later, never in a loop
                Mono.delay(Duration.ofMillis(200), Schedulers.parallel()).subscribe(tick -> begin(next));
            }
        }

        void stop() {
            Session session;
            synchronized (this) {
                stopped = true;
                session = current;
            }
            if (session != null) {
                end(session, "stopped");
            }
        }

        /** One subscription's record. */
        private final class Session {
            private final int sessionId;
            private final long from;
            private final long startNanos = System.nanoTime();
            private final List<ObservedBatch> batches = new ArrayList<>();
            private Disposable subscription;
            private Disposable timer;

            Session(int sessionId, long from) {
                this.sessionId = sessionId;
                this.from = from;
            }

            synchronized void add(WatchBatch batch) {
                List<WatchEvent> events = batch.events().stream().map(e -> new WatchEvent(
                        e.type() == io.eddy.client.WatchEvent.Type.PUT, KvCalls.kv(e.kv()),
                        e.prevKv().map(KvCalls::kv).orElse(null))).toList();
                batches.add(new ObservedBatch(batch.revision(), events, System.nanoTime()));
                reached = Math.max(reached, batch.revision());
            }

            /** Cancels, records, and returns the revision to resume from. */
            long close(String why) {
                if (subscription != null) {
                    subscription.dispose();
                }
                if (timer != null) {
                    timer.dispose();
                }
                List<ObservedBatch> seen;
                synchronized (this) {
                    seen = List.copyOf(batches);
                }
                recorder.add(new WatchSession(sessionId, id, workload.prefix(), workload.rangeEnd(), from, true,
                        startNanos, System.nanoTime(), seen, why));
                long last = from - 1;
                for (ObservedBatch b : seen) {
                    if (!b.isProgress()) {
                        last = Math.max(last, b.revision());
                    }
                }
                return last + 1;
            }
        }
    }

}
