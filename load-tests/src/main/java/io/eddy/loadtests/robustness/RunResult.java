package io.eddy.loadtests.robustness;

import io.eddy.loadtests.robustness.check.CheckReport;
import io.eddy.loadtests.robustness.fault.FaultEvent;
import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.HistoryFiles;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run recorded and what the checkers said about it.
 *
 * @param checkTime how long the checkers took
 */
public record RunResult(History history, List<FaultEvent> faults, CheckReport report, Duration checkTime) {
    /** Copies the list. */
    public RunResult {
        faults = List.copyOf(faults);
    }

    /** Faults injected (not heals, not failed attempts) by kind. */
    public Map<String, Long> faultCounts() {
        return faults.stream().filter(f -> !f.kind().equals("heal") && !f.failed())
                .collect(Collectors.groupingBy(FaultEvent::kind, java.util.TreeMap::new, Collectors.counting()));
    }

    /** Operation counts by kind and outcome. */
    public Map<OpKind, Map<Outcome, Long>> counts() {
        Map<OpKind, Map<Outcome, Long>> counts = new EnumMap<>(OpKind.class);
        for (Operation op : history.operations()) {
            counts.computeIfAbsent(op.kind(), k -> new EnumMap<>(Outcome.class)).merge(op.outcome(), 1L, Long::sum);
        }
        return counts;
    }

    /** Operation counts by kind and outcome, watch batches, faults by kind, the verdict with its violations and the check time. */
    public String summary() {
        StringBuilder s = new StringBuilder("operations: ").append(history.operations().size()).append('\n');
        counts().forEach((kind, byOutcome) -> {
            s.append(String.format("  %-7s", kind));
            for (Outcome outcome : Outcome.values()) {
                s.append(String.format(" %8d %-7s", byOutcome.getOrDefault(outcome, 0L), outcome));
            }
            s.append('\n');
        });
        long batches = history.watches().stream().mapToLong(w -> w.batches().size()).sum();
        long events = history.watches().stream().flatMap(w -> w.batches().stream()).filter(b -> !b.isProgress())
                .count();
        s.append("watch: ").append(history.watches().size()).append(" sessions, ").append(batches)
                .append(" batches (").append(events).append(" with events, ").append(batches - events)
                .append(" progress)\n");
        s.append("faults: ").append(faultCounts().values().stream().mapToLong(Long::longValue).sum())
                .append(" injected, ").append(faults.stream().filter(FaultEvent::failed).count())
                .append(" failed attempts (injections or heals)\n");
        faultCounts().forEach((kind, n) -> s.append(String.format("  %-24s %d%n", kind, n)));
        s.append(report.summary()).append("\nchecking took ").append(checkTime.toMillis()).append(" ms");
        return s.toString();
    }

    /**
     * Keeps the evidence in {@code dir}: {@code history.jsonl} (everything), {@code minimal.jsonl}
     * (the minimal failing operations), {@code faults.txt} and {@code report.txt}.
     */
    public void keep(Path dir) throws IOException {
        Files.createDirectories(dir);
        HistoryFiles.write(history, dir.resolve("history.jsonl"));
        HistoryFiles.write(new History(report.minimalFailing(), List.of()), dir.resolve("minimal.jsonl"));
        Files.writeString(dir.resolve("faults.txt"), faults.stream()
                .map(f -> f.nanos() + " " + f.kind() + (f.failed() ? " FAILED " : " ") + f.action())
                .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(dir.resolve("report.txt"), summary() + "\n");
    }
}
