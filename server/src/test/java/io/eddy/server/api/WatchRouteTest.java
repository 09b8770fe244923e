package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.Routes;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.config.EddySettings;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code watch} route over a real RSocket connection to a follower of a real 3-member
 * cluster: guarantees under concurrent writers, demand, catch-up from the past, compaction,
 * filters, prevKv, progress notifications, bad requests and cancellation.
 */
class WatchRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PROGRESS_MS = 300;

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyNode follower;

    private ApiClient client;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s.with(EddySettings.WATCH_PROGRESS_INTERVAL, PROGRESS_MS));
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
    void concurrentWritersAreSeenOrderedUniqueWithoutGapsAndAtomicPerRevision() throws Exception {
        WatchProbe probe = watch(prefix("c/").build(), Long.MAX_VALUE);
        long created = probe.next(WAIT).getHeader().getRevision();
        // 4 writers, 40 txns each of 1 to 3 keys; the validator knows each write's revision.
        Map<Long, List<String>> writes = new ConcurrentSkipListMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        List<String> keys = new ArrayList<>();
                        TxnRequest.Builder txn = TxnRequest.newBuilder();
                        for (int k = 0; k <= i % 3; k++) {
                            String key = "c/" + writer + "/" + i + "/" + k;
                            keys.add(key);
                            txn.addSuccess(RequestOp.newBuilder().setRequestPut(putRequest(key, "v" + i)));
                        }
                        long revision = client.call(Routes.KV_TXN, txn.build(), TxnResponse.parser()).block(WAIT)
                                .getHeader().getRevision();
                        writes.put(revision, keys);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        long last = ((ConcurrentSkipListMap<Long, List<String>>) writes).lastKey();
        List<WatchResponse> elements = probe.until(last, WAIT);
        probe.cancel();

        // Ordered and atomic: every event is above the previous element's header revision (so a
        // revision never continues in a later element), events ascend, and header revisions ascend.
        Map<Long, List<String>> seen = new TreeMap<>();
        long previousHeader = created;
        long previousEvent = created;
        for (WatchResponse element : elements) {
            assertThat(element.getHeader().getRevision()).as("header revisions ascend").isGreaterThan(previousHeader);
            for (Event event : element.getEventsList()) {
                long revision = event.getKv().getModRevision();
                assertThat(revision).as("events after the previous element").isGreaterThan(previousHeader)
                        .isGreaterThanOrEqualTo(previousEvent)
                        .isLessThanOrEqualTo(element.getHeader().getRevision());
                previousEvent = revision;
                seen.computeIfAbsent(revision, r -> new ArrayList<>()).add(event.getKv().getKey().toStringUtf8());
            }
            previousHeader = element.getHeader().getRevision();
        }
        assertThat(seen).as("every write's revision exactly once with exactly its keys, nothing else")
                .isEqualTo(new TreeMap<>(writes));
    }

    @Test
    void aWatcherWithoutDemandHoldsNothingAndGetsEverythingInOrderWhenDemandReturns() throws Exception {
        WatchProbe probe = watch(prefix("s/").build(), 1);
        long created = probe.next(WAIT).getHeader().getRevision();
        long sentBefore = stats().elementsSent();
        long first = 0;
        long last = 0;
        for (int i = 0; i < 300; i++) {
            last = put("s/" + (i % 7), "v" + i);
            first = first == 0 ? last : first;
        }
        awaitApplied(last);
        WatchStats stalled = stats();
        assertThat(stalled.unsynced()).as("the stalled watcher is unsynced").isEqualTo(1);
        assertThat(stalled.oldestUnsynced()).as("it holds only its next revision").isEqualTo(first);
        assertThat(stalled.heldEvents()).as("no event is buffered for it").isZero();
        assertThat(stalled.elementsSent()).as("nothing was sent without demand").isEqualTo(sentBefore);
        assertThat(probe.pending()).isZero();

        probe.request(Long.MAX_VALUE);
        List<WatchResponse> elements = probe.until(last, WAIT);
        List<Long> revisions = elements.stream().flatMap(e -> e.getEventsList().stream())
                .map(e -> e.getKv().getModRevision()).toList();
        assertThat(revisions).hasSize(300);
        assertThat(revisions.get(0)).isEqualTo(first).isGreaterThan(created);
        for (int i = 1; i < revisions.size(); i++) {
            assertThat(revisions.get(i)).as("revision %d follows %d", i, i - 1).isEqualTo(revisions.get(i - 1) + 1);
        }
        MiniCluster.awaitTrue(WAIT, "the watcher synced again", () -> stats().synced() == 1);
        long more = put("s/0", "after");
        assertThat(probe.next(WAIT).getEvents(0).getKv().getModRevision()).isEqualTo(more);
        probe.cancel();
    }

    @Test
    void stalledWatchersAtTheSameRevisionCatchUpFromSharedLogReads() throws Exception {
        List<WatchProbe> probes = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WatchProbe probe = watch(prefix("sh/").build(), 1);
            probe.next(WAIT);
            probes.add(probe);
        }
        long last = 0;
        for (int i = 0; i < 300; i++) {
            last = put("sh/" + (i % 5), "v" + i);
        }
        awaitApplied(last);
        long readsBefore = stats().logReads();

        probes.forEach(probe -> probe.request(Long.MAX_VALUE));
        for (WatchProbe probe : probes) {
            List<Long> revisions = probe.until(last, WAIT).stream().flatMap(e -> e.getEventsList().stream())
                    .map(e -> e.getKv().getModRevision()).toList();
            assertThat(revisions).as("every event, once, in order").hasSize(300).isSorted().doesNotHaveDuplicates();
        }
        assertThat(stats().logReads() - readsBefore)
                .as("one page of 300 events read once for 20 watchers, not once per watcher")
                .isLessThanOrEqualTo(5);
        probes.forEach(WatchProbe::cancel);
    }

    @Test
    void aStartRevisionInThePastReplaysFromTheLogWithFiltersAndPrevKv() throws Exception {
        long put1 = put("p/a", "1");
        long put2 = put("p/a", "2");
        long delete = client.call(Routes.KV_DELETE, DeleteRangeRequest.newBuilder().setKey(bytes("p/a")).build(),
                DeleteRangeResponse.parser()).block(WAIT).getHeader().getRevision();
        long put3 = put("p/b", "3");

        WatchProbe all = watch(prefix("p/").setStartRevision(put1).setPrevKv(true).build(), Long.MAX_VALUE);
        assertThat(all.next(WAIT).getHeader().getRevision()).as("created at start - 1").isEqualTo(put1 - 1);
        List<Event> events = all.until(put3, WAIT).stream().flatMap(e -> e.getEventsList().stream()).toList();
        assertThat(events).extracting(e -> e.getKv().getModRevision()).containsExactly(put1, put2, delete, put3);
        assertThat(events).extracting(Event::getType).containsExactly(Event.EventType.PUT, Event.EventType.PUT,
                Event.EventType.DELETE, Event.EventType.PUT);
        assertThat(events.get(0).hasPrevKv()).isFalse();
        assertThat(events.get(1).getPrevKv().getValue().toStringUtf8()).isEqualTo("1");
        assertThat(events.get(2).getPrevKv().getValue().toStringUtf8()).isEqualTo("2");
        all.cancel();

        WatchProbe noPut = watch(prefix("p/").setStartRevision(put1)
                .addFilters(WatchCreateRequest.FilterType.NOPUT).build(), Long.MAX_VALUE);
        noPut.next(WAIT);
        List<Event> deletes = noPut.until(delete, WAIT).stream().flatMap(e -> e.getEventsList().stream()).toList();
        assertThat(deletes).extracting(e -> e.getKv().getModRevision()).containsExactly(delete);
        noPut.cancel();

        WatchProbe single = watch(WatchCreateRequest.newBuilder().setKey(bytes("p/a")).setStartRevision(put2)
                .addFilters(WatchCreateRequest.FilterType.NODELETE).build(), Long.MAX_VALUE);
        single.next(WAIT);
        assertThat(single.next(WAIT).getEventsList()).extracting(e -> e.getKv().getModRevision())
                .containsExactly(put2);
        // Live events of a synced single-key watcher, without prev_kv.
        long put4 = put("p/a", "4");
        put("p/ab", "not watched");
        WatchResponse live = single.next(WAIT);
        assertThat(live.getEventsList()).singleElement().satisfies(e -> {
            assertThat(e.getKv().getModRevision()).isEqualTo(put4);
            assertThat(e.hasPrevKv()).isFalse();
        });
        single.cancel();
    }

    @Test
    void compactionPastAStalledWatchersNextRevisionEndsItWithCompacted() throws Exception {
        WatchProbe probe = watch(prefix("k/").build(), 1);
        probe.next(WAIT);
        long first = put("k/1", "a");
        long later = put("k/2", "b");
        client.call(Routes.KV_COMPACT, CompactionRequest.newBuilder().setRevision(later).build(),
                CompactionResponse.parser()).block(WAIT);
        awaitApplied(put("k-other", "c"));
        probe.request(1);
        Throwable failure = probe.awaitFailure(WAIT);
        assertThat(apiError(failure).getCode()).isEqualTo(ErrorCode.COMPACTED);
        assertThat(apiError(failure).getCompactRevision()).isEqualTo(later).isGreaterThan(first);

        WatchProbe tooOld = watch(prefix("k/").setStartRevision(first).build(), 10);
        assertThat(apiError(tooOld.awaitFailure(WAIT)).getCompactRevision()).isEqualTo(later);
    }

    @Test
    void progressNotificationsComeOnlyAfterEveryEarlierEventWasDelivered() throws Exception {
        WatchProbe probe = watch(prefix("g/").setProgressNotify(true).build(), 1);
        long created = probe.next(WAIT).getHeader().getRevision();
        // A backlog of 3,000 events (3 log pages) written while the watcher has no demand; its
        // catch-up spans several hub steps and progress ticks.
        long last = 0;
        for (int t = 0; t < 30; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = 0; k < 100; k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(putRequest("g/" + t + "/" + k, "v")));
            }
            last = client.call(Routes.KV_TXN, txn.build(), TxnResponse.parser()).block(WAIT).getHeader().getRevision();
        }
        awaitApplied(last);
        probe.request(Long.MAX_VALUE);
        int events = 0;
        long delivered = created;
        WatchResponse element = probe.next(WAIT);
        while (!element.getProgressNotify()) {
            for (Event event : element.getEventsList()) {
                assertThat(event.getKv().getModRevision()).isGreaterThan(delivered);
            }
            events += element.getEventsCount();
            delivered = element.getHeader().getRevision();
            element = probe.next(Duration.ofMillis(PROGRESS_MS * 30));
        }
        assertThat(events).as("every event came before the first progress notification").isEqualTo(3000);
        assertThat(delivered).isEqualTo(last);
        assertThat(element.getEventsCount()).isZero();
        assertThat(element.getHeader().getRevision()).as("progress revision").isGreaterThanOrEqualTo(last);

        long after = put("g/after", "x");
        WatchResponse next = probe.next(WAIT);
        while (next.getProgressNotify()) {
            assertThat(next.getHeader().getRevision()).isLessThan(after);
            next = probe.next(WAIT);
        }
        assertThat(next.getEvents(0).getKv().getModRevision()).isEqualTo(after)
                .isGreaterThan(element.getHeader().getRevision());
        probe.cancel();
    }

    @Test
    void badRequestsAreRefusedAndTheConnectionServesOn() throws Exception {
        WatchProbe backwards = watch(WatchCreateRequest.newBuilder().setKey(bytes("b"))
                .setRangeEnd(bytes("a")).build(), 1);
        Error error = apiError(backwards.awaitFailure(WAIT));
        assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("range_end");
        WatchProbe empty = watch(WatchCreateRequest.newBuilder().build(), 1);
        assertThat(apiError(empty.awaitFailure(WAIT)).getCode()).isEqualTo(ErrorCode.EMPTY_KEY);

        WatchProbe fine = watch(WatchCreateRequest.newBuilder().setKey(bytes("b")).build(), 2);
        assertThat(fine.next(WAIT).getCreated()).isTrue();
        long revision = put("b", "x");
        assertThat(fine.next(WAIT).getEvents(0).getKv().getModRevision()).isEqualTo(revision);
        fine.cancel();
    }

    private WatchProbe watch(WatchCreateRequest request, long demand) {
        WatchProbe probe = new WatchProbe(demand);
        client.stream(Routes.WATCH, request, WatchResponse.parser()).subscribe(probe);
        return probe;
    }

    private long put(String key, String value) {
        return client.call(Routes.KV_PUT, putRequest(key, value).build(), PutResponse.parser()).block(WAIT)
                .getHeader().getRevision();
    }

    /** Waits until the follower has applied {@code revision} (a linearizable read through it). */
    private void awaitApplied(long revision) {
        long seen = client.call(Routes.KV_RANGE, RangeRequest.newBuilder().setKey(bytes("x")).build(),
                RangeResponse.parser()).block(WAIT).getHeader().getRevision();
        assertThat(seen).isGreaterThanOrEqualTo(revision);
    }

    private static WatchStats stats() {
        return follower.watchHub().stats().join();
    }

    private static Error apiError(Throwable failure) {
        assertThat(failure).isInstanceOf(CustomRSocketException.class);
        CustomRSocketException e = (CustomRSocketException) failure;
        return ErrorCodec.decode(e.errorCode(), e.getMessage());
    }

    private static WatchCreateRequest.Builder prefix(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return WatchCreateRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(ByteString.copyFrom(end));
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    private static PutRequest.Builder putRequest(String key, String value) {
        return PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value));
    }
}
