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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a run recorded and what the checkers said about it. */
public record RunResult(History history, List<FaultEvent> faults, CheckReport report) {
    /** Copies the list. */
    public RunResult {
        faults = List.copyOf(faults);
    }

    /** Operation counts by kind and outcome. */
    public Map<OpKind, Map<Outcome, Long>> counts() {
        Map<OpKind, Map<Outcome, Long>> counts = new EnumMap<>(OpKind.class);
        for (Operation op : history.operations()) {
            counts.computeIfAbsent(op.kind(), k -> new EnumMap<>(Outcome.class)).merge(op.outcome(), 1L, Long::sum);
        }
        return counts;
    }

    /** Operation counts, watch batches, faults injected and the verdict with its violations. */
    public String summary() {
        StringBuilder s = new StringBuilder("operations:");
        counts().forEach((kind, byOutcome) -> s.append(' ').append(kind).append(byOutcome));
        long batches = history.watches().stream().mapToLong(w -> w.batches().size()).sum();
        s.append("\nwatch: ").append(history.watches().size()).append(" sessions, ").append(batches).append(" batches");
        s.append("\nfaults: ").append(faults.stream().filter(f -> !f.kind().equals("heal") && !f.failed()).count())
                .append(" injected (").append(faults.stream().filter(FaultEvent::failed).count()).append(" failed): ")
                .append(faults.stream().filter(f -> !f.kind().equals("heal"))
                        .collect(Collectors.groupingBy(FaultEvent::kind, Collectors.counting())));
        s.append('\n').append(report.summary());
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
