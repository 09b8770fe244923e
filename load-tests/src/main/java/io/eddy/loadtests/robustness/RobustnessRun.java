package io.eddy.loadtests.robustness;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.loadtests.robustness.check.CheckReport;
import io.eddy.loadtests.robustness.check.HistoryChecker;
import io.eddy.loadtests.robustness.fault.FaultEvent;
import io.eddy.loadtests.robustness.fault.FaultInjector;
import io.eddy.loadtests.robustness.fault.FaultSchedule;
import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.HistoryRecorder;
import io.eddy.loadtests.robustness.traffic.KvTraffic;
import io.eddy.loadtests.robustness.traffic.WatchTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One robustness run against a running cluster: reads the current revision, starts the
 * watchers from the next one, the KV clients and the fault schedule; after the duration stops
 * the faults (healing), then the clients (waiting for the calls in flight), lets the watchers
 * catch up with the last revision (bounded: {@link #CATCH_UP}), stops them, and checks the
 * history. The cluster harness (in-process or processes) supplies the endpoints and the
 * {@link FaultInjector}; keeping data directories is the harness's business.
 */
public final class RobustnessRun {
    /** The longest wait, after the traffic, for every watcher to reach the last revision. */
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** What a progress listener is told, every so often during the traffic. */
    public record Progress(Duration elapsed, long operations, long faultsInjected, long faultsFailed) {
    }

    /** Receives {@link Progress} on the run's own thread; must return quickly. */
    public interface ProgressListener {
        void progress(Progress progress);
    }

    private RobustnessRun() {
    }

    /** Runs {@code options} against the cluster, injecting faults with {@code faults}, and checks the history. */
    public static RunResult run(RunOptions options, FaultInjector faults, HistoryChecker checker) {
        return run(options, faults, checker, Duration.ofDays(1), p -> { });
    }

    /** As {@link #run(RunOptions, FaultInjector, HistoryChecker)}, telling {@code listener} every {@code every}. */
    public static RunResult run(RunOptions options, FaultInjector faults, HistoryChecker checker, Duration every,
            ProgressListener listener) {
        HistoryRecorder recorder = new HistoryRecorder();
        List<EddyClient> clients = new ArrayList<>();
        List<FaultEvent> faultEvents = List.of();
        Duration timeout = options.workload().requestTimeout();
        try {
            for (List<String> endpoints : options.clientEndpoints()) {
                clients.add(client(endpoints, timeout));
            }
            List<EddyClient> watchClients = new ArrayList<>();
            for (int i = 0; i < options.workload().watchers(); i++) {
                EddyClient c = client(options.watchEndpoints(), timeout);
                clients.add(c);
                watchClients.add(c);
            }
            EddyClient reader = client(options.watchEndpoints().isEmpty() ? options.clientEndpoints().get(0)
                    : options.watchEndpoints(), timeout);
            clients.add(reader);
            long start = currentRevision(reader, options, timeout.multipliedBy(3)) + 1;
            long begin = System.nanoTime();
            long end = begin + options.duration().toNanos();
            try (WatchTraffic watches = WatchTraffic.start(options.workload(), watchClients, recorder, start,
                    options.seed())) {
                try (KvTraffic traffic = KvTraffic.start(options.workload(),
                        clients.subList(0, options.clientEndpoints().size()), recorder, options.seed())) {
                    FaultSchedule schedule = FaultSchedule.start(faults, options.faultMinGap(), options.faultMaxGap(),
                            options.faultHold(), options.seed());
                    try {
                        long nextReport = begin + every.toNanos();
                        while (System.nanoTime() < end) { // the run's length itself, not a wait for a condition
                            LockSupport.parkNanos(Math.min(end - System.nanoTime(), 100_000_000L));
                            if (System.nanoTime() >= nextReport) {
                                nextReport += every.toNanos();
                                List<FaultEvent> sofar = schedule.events();
                                listener.progress(new Progress(Duration.ofNanos(System.nanoTime() - begin),
                                        recorder.operationCount(), schedule.injected(),
                                        sofar.stream().filter(FaultEvent::failed).count()));
                            }
                        }
                    } finally {
                        schedule.close();
                        faultEvents = schedule.events();
                    }
                }
                awaitWatchers(watches, reader, options, timeout);
            }
        } finally {
            Collections.reverse(clients);
            clients.forEach(EddyClient::close);
        }
        History history = recorder.history();
        long checkStart = System.nanoTime();
        CheckReport report = checker.check(history);
        return new RunResult(history, faultEvents, report, Duration.ofNanos(System.nanoTime() - checkStart));
    }

    /**
     * Waits until every watcher has reached the revision after the traffic (bounded; the check
     * goes on without it): with every revision delivered, the checkers know that a write no
     * watcher saw did not take effect.
     */
    private static void awaitWatchers(WatchTraffic watches, EddyClient reader, RunOptions options, Duration timeout) {
        long last;
        try {
            last = currentRevision(reader, options, timeout.multipliedBy(3));
        } catch (RuntimeException e) {
            return; // no revision to wait for: the checkers see the watchers did not cover every revision
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (watches.reached() < last && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L); // polling the watchers' progress, bounded by CATCH_UP
        }
    }

    private static long currentRevision(EddyClient client, RunOptions options, Duration wait) {
        return client.kv().get(ByteSequence.fromUtf8(options.workload().prefix())).block(wait).header().revision();
    }

    private static EddyClient client(List<String> endpoints, Duration timeout) {
        return EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).requestTimeout(timeout).build();
    }
}
