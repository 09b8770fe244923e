package io.eddy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.GetOptions;
import io.eddy.client.Header;
import io.eddy.client.KeyValue;
import io.eddy.client.TxnOp;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChangeFeedConsumer} against a real 3-member cluster: cancelled mid-stream and started
 * again from its checkpoint file, it handles every revision exactly once; a compacted checkpoint
 * makes it list again.
 */
class ChangeFeedConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyClient client;

    @BeforeAll
    static void start() {
        api = ApiCluster.start(3, dir.resolve("cluster"), s -> s);
        client = EddyClient.builder().endpoints(api.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void cancelledMidStreamAndRestartedHandlesEveryRevisionExactlyOnce() throws InterruptedException {
        Path file = dir.resolve("feed.checkpoint");
        for (int i = 0; i < 5; i++) {
            client.kv().put(bs("feed/init" + i), bs("i" + i)).block(WAIT);
        }
        Recorder recorder = new Recorder();
        CountDownLatch fifteenth = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        recorder.onApply = count -> {
            if (count == 15) {
                // Hold the 15th step inside the handler until the subscription is cancelled.
                fifteenth.countDown();
                await(cancelled);
            }
        };

        Disposable first = ChangeFeedConsumer.consume(client, "feed/", file, recorder).subscribe();
        MiniCluster.awaitTrue(WAIT, "the listing handled", () -> recorder.resets.size() == 1);
        long listedAt = recorder.resets.get(0).revision;
        assertThat(recorder.resets.get(0).kvs).hasSize(5);

        List<Long> written = new CopyOnWriteArrayList<>();
        CountDownLatch writerDone = new CountDownLatch(1);
        writes(0, 40).doOnTerminate(writerDone::countDown).subscribe(written::add);
        assertThat(fifteenth.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("15 batches handled").isTrue();
        first.dispose();
        cancelled.countDown();
        long fifteenthRevision = recorder.applied.get(14);
        // The step in hand finishes despite the cancellation: its checkpoint lands, and no step follows.
        Checkpoint checkpoint = new Checkpoint(file);
        MiniCluster.awaitTrue(WAIT, "the checkpoint at the 15th batch's revision",
                () -> checkpoint.read() == fifteenthRevision);
        // Wait for the writer to complete rather than for a count of revisions: 40 writes give more
        // than 40 revisions (deletes follow some puts), and cancelling the writer could drop the
        // answer of a write the cluster applied.
        assertThat(writerDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the first 40 writes").isTrue();
        assertThat(recorder.applied).as("batches of the first run").hasSize(15);
        written.addAll(writes(40, 20).collectList().block(WAIT));  // while no consumer runs

        long last = written.stream().mapToLong(Long::longValue).max().orElseThrow();
        Disposable second = ChangeFeedConsumer.consume(client, "feed/", file, recorder).subscribe();
        try {
            MiniCluster.awaitTrue(WAIT, "revision " + last + " handled",
                    () -> !recorder.applied.isEmpty() && recorder.applied.get(recorder.applied.size() - 1) >= last);
        } finally {
            second.dispose();
        }

        List<Long> expected = written.stream().filter(r -> r > listedAt).sorted().toList();
        assertThat(recorder.applied).as("every prefix revision once, in order, across both runs").isEqualTo(expected);
        assertThat(recorder.resets).as("the second run resumed, it did not list").hasSize(1);
        assertThat(recorder.state).as("the handler's copy").isEqualTo(store("feed/"));
    }

    @Test
    void aCompactedCheckpointListsAgainThenFollowsTheChanges() {
        Path file = dir.resolve("compacted.checkpoint");
        long old = client.kv().put(bs("cmp/a"), bs("1")).block(WAIT).header().revision();
        client.kv().put(bs("cmp/b"), bs("2")).block(WAIT);
        long latest = client.kv().delete(bs("cmp/a")).block(WAIT).header().revision();
        client.kv().compact(latest).block(WAIT);
        new Checkpoint(file).write(old);

        Recorder recorder = new Recorder();
        Disposable consumer = ChangeFeedConsumer.consume(client, "cmp/", file, recorder).subscribe();
        try {
            MiniCluster.awaitTrue(WAIT, "a listing after COMPACTED", () -> recorder.resets.size() == 1);
            assertThat(recorder.resets.get(0).revision).isGreaterThanOrEqualTo(latest);
            assertThat(recorder.state).isEqualTo(Map.of("cmp/b", "2"));
            long next = client.kv().put(bs("cmp/c"), bs("3")).block(WAIT).header().revision();
            MiniCluster.awaitTrue(WAIT, "the change after the listing", () -> recorder.applied.contains(next));
            MiniCluster.awaitTrue(WAIT, "its checkpoint", () -> new Checkpoint(file).read() == next);
        } finally {
            consumer.dispose();
        }
        assertThat(recorder.state).isEqualTo(Map.of("cmp/b", "2", "cmp/c", "3"));
    }

    /**
     * Writes {@code count} changes under feed/ (puts, deletes, txns), each after a write outside
     * it; emits the revisions of the writes under feed/.
     */
    private static Flux<Long> writes(int from, int count) {
        return Flux.range(from, count).concatMap(i -> {
            String key = "feed/k" + (i % 6);
            Flux<Long> inside = switch (i % 4) {
                case 0, 1 -> revision(client.kv().put(bs(key), bs("v" + i)).map(r -> r.header()));
                case 2 -> revision(client.kv().txn().then(TxnOp.put(bs("feed/t1"), bs("v" + i)),
                        TxnOp.put(bs("feed/t2"), bs("v" + i))).commit().map(r -> r.header()));
                default -> revision(client.kv().put(bs(key + "x"), bs("v" + i)).map(r -> r.header()))
                        .concatWith(revision(client.kv().delete(bs(key + "x")).map(r -> r.header())));
            };
            return client.kv().put(bs("feeds/other"), bs("o" + i)).thenMany(inside);
        });
    }

    private static Flux<Long> revision(Mono<Header> header) {
        return header.map(Header::revision).flux();
    }

    private static Map<String, String> store(String prefix) {
        return client.kv().get(bs(prefix), GetOptions.prefix(bs(prefix))).block(WAIT).kvs().stream()
                .collect(Collectors.toMap(kv -> kv.key().toUtf8(), kv -> kv.value().toUtf8(), (a, b) -> a, TreeMap::new));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting in the handler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted in the handler", e);
        }
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }

    /** A handler that keeps a copy of the prefix and records what it was given. */
    private static final class Recorder implements ChangeFeedConsumer.Handler {
        record Reset(long revision, List<KeyValue> kvs) {
        }

        final List<Reset> resets = new CopyOnWriteArrayList<>();
        final List<Long> applied = new CopyOnWriteArrayList<>();
        final Map<String, String> state = new java.util.concurrent.ConcurrentSkipListMap<>();
        volatile java.util.function.IntConsumer onApply = count -> { };

        @Override
        public void reset(long revision, List<KeyValue> kvs) {
            state.clear();
            kvs.forEach(kv -> state.put(kv.key().toUtf8(), kv.value().toUtf8()));
            resets.add(new Reset(revision, new ArrayList<>(kvs)));
        }

        @Override
        public void apply(WatchBatch batch) {
            for (WatchEvent event : batch.events()) {
                if (event.type() == WatchEvent.Type.PUT) {
                    state.put(event.kv().key().toUtf8(), event.kv().value().toUtf8());
                } else {
                    state.remove(event.kv().key().toUtf8());
                }
            }
            applied.add(batch.revision());
            onApply.accept(applied.size());
        }
    }
}
