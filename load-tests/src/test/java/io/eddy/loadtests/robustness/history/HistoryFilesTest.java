package io.eddy.loadtests.robustness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenHistoryReadsBackEqual() throws Exception {
        History history = new History(List.of(
                new Operation(0, 1, OpKind.PUT, List.of("k/\"quoted\"\n"), null, "v-ü-\u0001", null, 5, 9, Outcome.OK,
                        new OpResult(2, false, 0, List.of()), ""),
                new Operation(1, 2, OpKind.CAS, List.of("a", "a/shadow"), null, "v2", null, 6, 7, Outcome.UNKNOWN,
                        OpResult.NONE, "TIMEOUT: gave up"),
                new Operation(2, 2, OpKind.RANGE, List.of("a"), "b", null, null, -3, 12, Outcome.OK,
                        new OpResult(3, false, 0, List.of(new Kv("a", "v", 2, 1))), null)),
                List.of(new WatchSession(0, 0, "a", "\0", 2, true, 1, 99, List.of(
                        new ObservedBatch(2, List.of(new WatchEvent(true, new Kv("a", "v", 2, 1), null),
                                new WatchEvent(false, new Kv("b", "", 2, 0), new Kv("b", "old", 1, 3))), 40),
                        new ObservedBatch(3, List.of(), 50)), "cancelled")));
        Path file = dir.resolve("history.jsonl");
        HistoryFiles.write(history, file);
        assertThat(HistoryFiles.read(file)).isEqualTo(history);
        assertThat(Files.readAllLines(file)).hasSize(4);
    }

    @Test
    void aBadLineIsNamed() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"type\":\"op\",\"id\":1\n");
        assertThatThrownBy(() -> HistoryFiles.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }
}
