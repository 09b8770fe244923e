package io.eddy.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.memory.MemoryEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The synced feed builds each element once per cohort: watchers of one range with the same
 * filters, fed from the same page, are sent the very same element instance (so the API encodes
 * it once), while a watcher of another cohort gets its own, with the same events minus what
 * its filter leaves out.
 */
class SharedElementsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private MemoryEngine engine;
    private MvccStore store;
    private WatchHub hub;
    private long index;
    private final List<Disposable> watches = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = new MemoryEngine(Schema.TABLES);
        store = MvccStore.open(engine, Limits.DEFAULTS);
        StoreReader reader = new StoreReader() {
            @Override
            public <T> T read(Function<MvccStore, T> action) {
                return action.apply(store);
            }
        };
        hub = WatchHub.start("m1", reader, header -> header, WatchSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        watches.forEach(Disposable::dispose);
        hub.close();
        store.close();
        engine.close();
    }

    @Test
    void watchersOfOneCohortShareEachElementAndOthersGetTheirOwn() {
        put("p/0", "warm-up");
        WatchSpec prefix = new WatchSpec(bs("p/"), bs("p0"), 0, false, false, false, false);
        WatchSpec prefixNoPut = new WatchSpec(bs("p/"), bs("p0"), 0, false, true, false, false);
        List<List<WatchResponse>> received = new ArrayList<>();
        for (WatchSpec spec : List.of(prefix, prefix, prefix, prefixNoPut)) {
            List<WatchResponse> elements = new CopyOnWriteArrayList<>();
            received.add(elements);
            watches.add(hub.watch(spec).subscribe(elements::add));
        }
        awaitCount(received, 1, "created elements");
        put("p/1", "a");
        put("p/2", "b");
        awaitEvents(received.subList(0, 3), 2, "both puts at each prefix watcher");

        List<WatchResponse> first = List.copyOf(received.get(0)).subList(1, received.get(0).size());
        for (List<WatchResponse> other : received.subList(1, 3)) {
            List<WatchResponse> elements = List.copyOf(other).subList(1, other.size());
            assertThat(elements).hasSameSizeAs(first);
            for (int i = 0; i < first.size(); i++) {
                assertThat(elements.get(i)).as("element %d of a same-cohort watcher", i).isSameAs(first.get(i));
            }
        }
        assertThat(first.stream().mapToInt(WatchResponse::getEventsCount).sum()).isEqualTo(2);
        assertThat(received.get(3)).as("the no-put watcher gets nothing of two puts").hasSize(1);
    }

    private void awaitCount(List<List<WatchResponse>> lists, int atLeast, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lists.stream().anyMatch(list -> list.size() < atLeast)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not received within " + WAIT + ": "
                        + lists.stream().map(List::size).toList());
            }
            Thread.onSpinWait();
        }
    }

    private void awaitEvents(List<List<WatchResponse>> lists, int events, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lists.stream().anyMatch(list -> list.stream().mapToInt(WatchResponse::getEventsCount).sum() < events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not received within " + WAIT + ": " + lists);
            }
            Thread.onSpinWait();
        }
    }

    private void put(String key, String value) {
        store.apply(new AppliedIndex(1, ++index), List.of(Command.newBuilder()
                .setPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value))).build()));
        hub.onApplied();
    }

    private static ByteString bs(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
