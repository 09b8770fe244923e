package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The watch validator itself: it accepts a correct history and names each kind of violation. */
class WatchHistoryTest {
    private static final Predicate<String> ALL = key -> true;

    @Test
    void acceptsACorrectHistoryAndRejectsEachViolation() {
        WatchHistory history = new WatchHistory();
        history.record(5, List.of(put("a", "1"), put("b", "1")));
        history.record(6, List.of(put("x", "1")));
        history.record(7, List.of(deleted("a")));
        Predicate<String> ab = key -> !key.equals("x");
        WatchBatch five = batch(5, put("a", "1"), put("b", "1"));
        WatchBatch seven = batch(7, deleted("a"));

        assertThat(history.validate("ok", List.of(five, progress(6), seven, progress(7)), ab, 5, 7)).isEqualTo(2);
        assertThat(history.validate("suffix", List.of(seven), ab, 6, 7)).isZero();
        fails(history, List.of(five, seven, five), ab, "not after");
        fails(history, List.of(five, five, seven), ab, "not after");
        fails(history, List.of(seven), ab, "gap, revision 5");
        fails(history, List.of(batch(5, put("a", "1")), batch(5, put("b", "1")), seven), ab, "not exactly");
        fails(history, List.of(five, batch(6, put("x", "1")), seven), ab, "no acknowledged write");
        fails(history, List.of(progress(5), five, seven), ab, "progress notification while 1");
        fails(history, List.of(five), ab, "first missing: 7");
        fails(history, List.of(batch(5, put("a", "2"), put("b", "1")), seven), ab, "not exactly");
        assertThat(history.validate("all", List.of(five, batch(6, put("x", "1")), seven), ALL, 5, 7)).isZero();
    }

    private static void fails(WatchHistory history, List<WatchBatch> batches, Predicate<String> selects,
            String message) {
        assertThatThrownBy(() -> history.validate("bad", batches, selects, 5, 7)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(message);
    }

    private static WatchBatch batch(long revision, WatchHistory.Change... changes) {
        return new WatchBatch(revision, java.util.Arrays.stream(changes).map(c -> new WatchEvent(c.type(),
                new KeyValue(ByteSequence.fromUtf8(c.key()), ByteSequence.fromUtf8(c.value()), 0, revision, 1, 0),
                Optional.empty())).toList());
    }

    private static WatchBatch progress(long revision) {
        return new WatchBatch(revision, List.of());
    }

    private static WatchHistory.Change put(String key, String value) {
        return new WatchHistory.Change(WatchEvent.Type.PUT, key, value);
    }

    private static WatchHistory.Change deleted(String key) {
        return new WatchHistory.Change(WatchEvent.Type.DELETE, key, "");
    }
}
