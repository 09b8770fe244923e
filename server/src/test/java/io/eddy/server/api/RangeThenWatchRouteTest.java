package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.RangeThenWatchRequest;
import io.eddy.protocol.RangeThenWatchResponse;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.Routes;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import io.eddy.server.watch.WatchStats;
import io.rsocket.exceptions.CustomRSocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kv.rangeThenWatch} route over a real RSocket connection to a follower of a real
 * 3-member cluster: a cache built from the stream under concurrent writers equals the final
 * range, demand element by element across both phases, compaction of R, and bad requests.
 */
class RangeThenWatchRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyNode follower;

    private ApiClient client;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
        follower = api.follower();
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void connect() {
        client = ApiClient.connect(api.address(follower.name()));
    }

    @AfterEach
    void disconnectAndCheckEveryWatcherIsGone() {
        client.close();
        MiniCluster.awaitTrue(WAIT, "every watcher of the test unregistered", () -> stats().watchers() == 0);
    }

    @Test
    void aCacheBuiltFromTheStreamUnderConcurrentWritersEqualsTheFinalRange() throws Exception {
        long loaded = load("c/", 600);
        AtomicInteger written = new AtomicInteger();
        AtomicLong lastWrite = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        StreamProbe<RangeThenWatchResponse> probe = new StreamProbe<>();
        Map<String, KeyValue> cache = new TreeMap<>();
        long pinned;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Random random = new Random(w);
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        String key = String.format("c/%05d", random.nextInt(700));
                        long revision = random.nextInt(3) == 0
                                ? client.call(Routes.KV_DELETE, DeleteRangeRequest.newBuilder().setKey(bytes(key))
                                        .build(), DeleteRangeResponse.parser()).block(WAIT).getHeader().getRevision()
                                : put(key, "w" + i);
                        lastWrite.accumulateAndGet(revision, Math::max);
                        written.incrementAndGet();
                    }
                }));
            }
            MiniCluster.awaitTrue(WAIT, "writers under way", () -> written.get() >= 10);
            client.stream(Routes.KV_RANGE_THEN_WATCH, request(prefixRange("c/"), prefixWatch("c/")),
                    RangeThenWatchResponse.parser()).subscribe(probe);
            // The range phase, one element at a time while the writers go on.
            pinned = 0;
            for (RangeThenWatchResponse element = probe.requestNext(WAIT); !element.hasRangeDone();
                    element = probe.requestNext(WAIT)) {
                assertThat(element.hasRange()).as("range chunks until range_done").isTrue();
                pinned = pinned == 0 ? element.getRange().getHeader().getRevision() : pinned;
                assertThat(element.getRange().getHeader().getRevision()).as("every chunk at R").isEqualTo(pinned);
                element.getRange().getKvsList().forEach(kv -> cache.put(kv.getKey().toStringUtf8(), kv));
            }
            for (Future<?> future : done) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(pinned).as("R is after the load").isGreaterThanOrEqualTo(loaded);
        assertThat(cache).as("every loaded key still there at R is listed").hasSizeGreaterThan(300);

        // The watch phase: every change after R, ascending, until the last write.
        long previous = pinned;
        int changes = 0;
        while (previous < lastWrite.get()) {
            RangeThenWatchResponse element = probe.requestNext(WAIT);
            assertThat(element.hasWatch()).as("watch elements after range_done").isTrue();
            for (Event event : element.getWatch().getEventsList()) {
                long revision = event.getKv().getModRevision();
                assertThat(revision).as("events after R, ascending, once").isGreaterThan(previous);
                previous = revision;
                changes++;
                if (event.getType() == Event.EventType.DELETE) {
                    cache.remove(event.getKv().getKey().toStringUtf8());
                } else {
                    cache.put(event.getKv().getKey().toStringUtf8(), event.getKv());
                }
            }
        }
        probe.cancel();
        assertThat(changes).as("writes happened after R, so the tail was exercised").isPositive();

        Map<String, KeyValue> truth = new TreeMap<>();
        client.call(Routes.KV_RANGE, prefixRange("c/"), RangeResponse.parser()).block(WAIT).getKvsList()
                .forEach(kv -> truth.put(kv.getKey().toStringUtf8(), kv));
        assertThat(cache).as("snapshot at R + changes after R = the final linearizable range").isEqualTo(truth);
    }

    @Test
    void eachRequestedElementIsOneChunkOrOneWatchElementAndNothingMore() throws Exception {
        load("d/", 600);
        long pagesBefore = follower.rangeStreams().pagesRead();
        StreamProbe<RangeThenWatchResponse> probe = new StreamProbe<>();
        client.stream(Routes.KV_RANGE_THEN_WATCH, request(prefixRange("d/"), prefixWatch("d/")),
                RangeThenWatchResponse.parser()).subscribe(probe);

        List<Integer> chunkSizes = new ArrayList<>();
        long pinned = 0;
        for (int i = 1; i <= 3; i++) {
            RangeThenWatchResponse chunk = probe.requestNext(WAIT);
            assertThat(chunk.hasRange()).isTrue();
            pinned = chunk.getRange().getHeader().getRevision();
            chunkSizes.add(chunk.getRange().getKvsCount());
            assertThat(follower.rangeStreams().pagesRead() - pagesBefore).as("one page read per requested chunk")
                    .isEqualTo(i);
            assertThat(probe.pending()).isZero();
        }
        assertThat(chunkSizes).containsExactly(256, 256, 88);

        // Writes while the stream has no demand: the watch holds nothing and sends nothing.
        long first = put("d/00001", "changed");
        long second = put("d/new", "new");
        awaitApplied(second);
        WatchStats stalled = stats();
        assertThat(stalled.heldEvents()).isZero();
        assertThat(probe.pending()).as("nothing sent without demand").isZero();

        RangeThenWatchResponse done = probe.requestNext(WAIT);
        assertThat(done.hasRangeDone()).as("one range_done after the last chunk").isTrue();
        assertThat(done.getRangeDone().getHeader().getRevision()).isEqualTo(pinned);
        RangeThenWatchResponse changes = probe.requestNext(WAIT);
        assertThat(changes.getWatch().getEventsList()).extracting(e -> e.getKv().getModRevision())
                .containsExactly(first, second);
        assertThat(probe.pending()).isZero();
        probe.cancel();
    }

    @Test
    void compactionOfThePinnedRevisionEndsTheStreamWithCompacted() throws Exception {
        load("k/", 600);
        StreamProbe<RangeThenWatchResponse> probe = new StreamProbe<>();
        client.stream(Routes.KV_RANGE_THEN_WATCH, request(prefixRange("k/"), prefixWatch("k/")),
                RangeThenWatchResponse.parser()).subscribe(probe);
        long pinned = probe.requestNext(WAIT).getRange().getHeader().getRevision();
        long later = put("k-later", "x");
        client.call(Routes.KV_COMPACT, CompactionRequest.newBuilder().setRevision(later).build(),
                CompactionResponse.parser()).block(WAIT);
        awaitApplied(put("k-marker", "x"));

        probe.request(1);
        io.eddy.protocol.Error error = apiError(probe.awaitFailure(WAIT));
        assertThat(error.getCode()).isEqualTo(ErrorCode.COMPACTED);
        assertThat(error.getCompactRevision()).isEqualTo(later).isGreaterThan(pinned);
    }

    @Test
    void badRequestsFailTheStreamWithAClearErrorAndTouchNothing() throws Exception {
        long pagesBefore = follower.rangeStreams().pagesRead();
        Map<String, RangeThenWatchRequest> invalid = new TreeMap<>();
        invalid.put("no watch", RangeThenWatchRequest.newBuilder().setRange(prefixRange("b/")).build());
        invalid.put("start revision", request(prefixRange("b/"), prefixWatch("b/").toBuilder().setStartRevision(5)
                .build()));
        invalid.put("limit", request(prefixRange("b/").toBuilder().setLimit(10).build(), prefixWatch("b/")));
        invalid.put("filter", request(prefixRange("b/").toBuilder().setMinModRevision(2).build(), prefixWatch("b/")));
        invalid.put("sort", request(prefixRange("b/").toBuilder().setSortOrder(RangeRequest.SortOrder.DESCEND)
                .build(), prefixWatch("b/")));
        invalid.put("count only", request(prefixRange("b/").toBuilder().setCountOnly(true).build(), prefixWatch("b/")));
        invalid.put("range outside the watch", request(prefixRange("b/"), prefixWatch("a/")));
        invalid.put("watch end before key", request(prefixRange("b/"), WatchCreateRequest.newBuilder()
                .setKey(bytes("b/")).setRangeEnd(bytes("a")).build()));
        for (Map.Entry<String, RangeThenWatchRequest> bad : invalid.entrySet()) {
            StreamProbe<RangeThenWatchResponse> probe = new StreamProbe<>();
            client.stream(Routes.KV_RANGE_THEN_WATCH, bad.getValue(), RangeThenWatchResponse.parser()).subscribe(probe);
            probe.request(1);
            io.eddy.protocol.Error error = apiError(probe.awaitFailure(WAIT));
            assertThat(error.getCode()).as(bad.getKey()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(error.getMessage()).as(bad.getKey()).isNotBlank();
        }
        StreamProbe<RangeThenWatchResponse> emptyKey = new StreamProbe<>();
        client.stream(Routes.KV_RANGE_THEN_WATCH, request(RangeRequest.newBuilder().setKey(bytes("b")).build(),
                WatchCreateRequest.getDefaultInstance()), RangeThenWatchResponse.parser()).subscribe(emptyKey);
        emptyKey.request(1);
        assertThat(apiError(emptyKey.awaitFailure(WAIT)).getCode()).isEqualTo(ErrorCode.EMPTY_KEY);

        assertThat(follower.rangeStreams().pagesRead()).as("no page read for a bad request").isEqualTo(pagesBefore);
        assertThat(put("b/ok", "the connection still serves")).isPositive();
    }

    private static RangeThenWatchRequest request(RangeRequest range, WatchCreateRequest watch) {
        return RangeThenWatchRequest.newBuilder().setRange(range).setWatch(watch).build();
    }

    /** Writes {@code count} keys {@code prefix + %05d}, 100 per txn; returns the last revision. */
    private long load(String prefix, int count) {
        long revision = 0;
        for (int start = 0; start < count; start += 100) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int i = start; i < Math.min(count, start + 100); i++) {
                String key = String.format("%s%05d", prefix, i);
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key))
                        .setValue(bytes("value-" + key))));
            }
            revision = client.call(Routes.KV_TXN, txn.build(), TxnResponse.parser()).block(WAIT).getHeader()
                    .getRevision();
        }
        return revision;
    }

    private long put(String key, String value) {
        return client.call(Routes.KV_PUT, PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build(),
                PutResponse.parser()).block(WAIT).getHeader().getRevision();
    }

    /** The cluster's revision now (a linearizable read through the follower). */
    private long lastRevision() {
        return client.call(Routes.KV_RANGE, RangeRequest.newBuilder().setKey(bytes("x")).build(),
                RangeResponse.parser()).block(WAIT).getHeader().getRevision();
    }

    /** Waits until the follower has applied {@code revision} (a linearizable read through it). */
    private void awaitApplied(long revision) {
        assertThat(lastRevision()).isGreaterThanOrEqualTo(revision);
    }

    private static WatchStats stats() {
        return follower.watchHub().stats().join();
    }

    private static io.eddy.protocol.Error apiError(Throwable failure) {
        assertThat(failure).isInstanceOf(CustomRSocketException.class);
        CustomRSocketException e = (CustomRSocketException) failure;
        return ErrorCodec.decode(e.errorCode(), e.getMessage());
    }

    private static RangeRequest prefixRange(String prefix) {
        return RangeRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(prefixEnd(prefix)).build();
    }

    private static WatchCreateRequest prefixWatch(String prefix) {
        return WatchCreateRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(prefixEnd(prefix)).build();
    }

    private static ByteString prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return ByteString.copyFrom(end);
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
