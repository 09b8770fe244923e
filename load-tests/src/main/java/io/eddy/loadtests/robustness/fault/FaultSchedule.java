package io.eddy.loadtests.robustness.fault;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Injects a fault every so often and heals it: wait a random gap in {@code [minGap, maxGap]},
 * inject a fault of a random kind, hold it for {@code hold}, heal, and again; the faults are
 * mixed by drawing the kind each time. Runs on its own thread; {@link #close} stops it and
 * heals. Every action is recorded as a {@link FaultEvent}.
 */
public final class FaultSchedule implements AutoCloseable {
    private final FaultInjector injector;
    private final Duration minGap;
    private final Duration maxGap;
    private final Duration hold;
    private final Random random;
    private final ScheduledExecutorService timer;
    /** Read without the schedule's lock, which an action (a restart, a bounded wait) may hold for a while. */
    private final List<FaultEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    private FaultSchedule(FaultInjector injector, Duration minGap, Duration maxGap, Duration hold, Random random) {
        this.injector = injector;
        this.minGap = minGap;
        this.maxGap = maxGap;
        this.hold = hold;
        this.random = random;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "robustness-faults");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the schedule: the first fault comes after one gap. */
    public static FaultSchedule start(FaultInjector injector, Duration minGap, Duration maxGap, Duration hold,
            long seed) {
        if (minGap.compareTo(maxGap) > 0 || hold.isNegative() || injector.kinds().isEmpty()) {
            throw new IllegalArgumentException("need minGap <= maxGap, hold >= 0 and at least one fault kind");
        }
        FaultSchedule schedule = new FaultSchedule(injector, minGap, maxGap, hold, new Random(seed));
        schedule.next();
        return schedule;
    }

    private synchronized void next() {
        if (closed) {
            return;
        }
        long gap = minGap.toMillis() + random.nextLong(maxGap.toMillis() - minGap.toMillis() + 1);
        timer.schedule(this::injectOne, gap, TimeUnit.MILLISECONDS);
    }

    private void injectOne() {
        List<String> kinds = injector.kinds();
        String kind = kinds.get(random.nextInt(kinds.size()));
        synchronized (this) {
            if (closed) {
                return;
            }
            act(kind, () -> injector.inject(kind));
        }
        timer.schedule(() -> {
            synchronized (this) {
                if (!closed) {
                    act("heal", injector::heal);
                }
            }
            next();
        }, hold.toMillis(), TimeUnit.MILLISECONDS);
    }

    private interface Action {
        String run() throws Exception;
    }

    private void act(String kind, Action action) {
        try {
            events.add(new FaultEvent(System.nanoTime(), kind, action.run(), false));
        } catch (Exception e) {
            events.add(new FaultEvent(System.nanoTime(), kind, String.valueOf(e), true));
        }
    }

    /** The actions so far, in order. */
    public List<FaultEvent> events() {
        return List.copyOf(events);
    }

    /** How many faults were injected (heals and failed attempts not counted). */
    public long injected() {
        return events.stream().filter(e -> !e.failed() && !e.kind().equals("heal")).count();
    }

    /** Stops the schedule and heals whatever is in force. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            act("heal", injector::heal);
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fault schedule did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
