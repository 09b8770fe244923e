package io.eddy.loadtests.robustness;

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
 * the faults (healing), the clients (waiting for the calls in flight) and the watchers; then
 * checks the history. The cluster harness (in-process or processes) supplies the endpoints and
 * the {@link FaultInjector}; keeping data directories is the harness's business.
 */
public final class RobustnessRun {
    private RobustnessRun() {
    }

    /** Runs {@code options} against the cluster, injecting faults with {@code faults}, and checks the history. */
    public static RunResult run(RunOptions options, FaultInjector faults, HistoryChecker checker) {
        HistoryRecorder recorder = new HistoryRecorder();
        List<EddyClient> clients = new ArrayList<>();
        List<FaultEvent> faultEvents = List.of();
        try {
            for (List<String> endpoints : options.clientEndpoints()) {
                clients.add(client(endpoints, options.workload().requestTimeout()));
            }
            List<EddyClient> watchClients = new ArrayList<>();
            for (int i = 0; i < options.workload().watchers(); i++) {
                EddyClient c = client(options.watchEndpoints(), options.workload().requestTimeout());
                clients.add(c);
                watchClients.add(c);
            }
            long start = clients.get(0).kv().get(io.eddy.client.ByteSequence.fromUtf8(options.workload().prefix()))
                    .block(options.workload().requestTimeout().multipliedBy(3)).header().revision() + 1;
            long end = System.nanoTime() + options.duration().toNanos();
            try (WatchTraffic watches = WatchTraffic.start(options.workload(), watchClients, recorder, start,
                    options.seed());
                 KvTraffic traffic = KvTraffic.start(options.workload(),
                         clients.subList(0, options.clientEndpoints().size()), recorder, options.seed())) {
                FaultSchedule schedule = FaultSchedule.start(faults, options.faultMinGap(), options.faultMaxGap(),
                        options.faultHold(), options.seed());
                try {
                    while (System.nanoTime() < end) { // the run's length itself, not a wait for a condition
                        LockSupport.parkNanos(Math.min(end - System.nanoTime(), 100_000_000L));
                    }
                } finally {
                    schedule.close();
                    faultEvents = schedule.events();
                }
            }
        } finally {
            Collections.reverse(clients);
            clients.forEach(EddyClient::close);
        }
        History history = recorder.history();
        CheckReport report = checker.check(history);
        return new RunResult(history, faultEvents, report);
    }

    private static EddyClient client(List<String> endpoints, Duration timeout) {
        return EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).requestTimeout(timeout).build();
    }
}
