package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
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
import io.eddy.protocol.WatchProgressRequest;
import io.eddy.protocol.WatchProgressResponse;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import io.eddy.server.watch.WatchHub;
import io.eddy.server.watch.WatchStats;
import io.rsocket.exceptions.CustomRSocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.BaseSubscriber;

/**
 * Progress on request (route {@code watch.progress}) over a real RSocket connection to a
 * follower of a real 3-member cluster: an idle watch gets the member's revision at once, a
 * stalled one only after every earlier event was delivered, unknown ids are harmless, and
 * {@code kv.rangeThenWatch} names its watch too. Periodic progress is set to a minute so that
 * every notification seen here is one that was requested.
 */
class WatchProgressRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long "nothing arrives" is watched for (a negative check, not a synchronisation). */
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyNode follower;

    private ApiClient client;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s.with(EddySettings.WATCH_PROGRESS_INTERVAL, 60_000L));
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
        assertThat(stats().progressOwed()).as("no progress debt outlives its watcher").isZero();
    }

    @Test
    void anIdleWatchGetsTheMembersRevisionOnRequestWithoutAskingForPeriodicProgress() throws Exception {
        WatchProbe probe = watch(WatchCreateRequest.newBuilder().setKey(bytes("idle")).build(), 10);
        WatchResponse created = probe.next(WAIT);
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getWatchId()).as("the created element names the watch").isPositive();
        long written = put("elsewhere", "x");
        awaitApplied(written);

        WatchProgressResponse answer = progress(created.getWatchId());
        assertThat(answer.getKnown()).isEqualTo(1);
        assertThat(answer.getHeader().getRevision()).isEqualTo(written);
        WatchResponse notification = probe.next(WAIT);
        assertThat(notification.getProgressNotify()).isTrue();
        assertThat(notification.getEventsCount()).isZero();
        assertThat(notification.getHeader().getRevision()).as("the member's revision").isEqualTo(written);

        assertThat(probe.nextWithin(QUIET)).as("one request, one notification").isNull();
        long event = put("idle", "v");
        assertThat(probe.next(WAIT).getEvents(0).getKv().getModRevision()).isEqualTo(event);
        probe.cancel();
    }

    @Test
    void aStalledWatchGetsItsEventsFirstAndThenOneNotificationThatSkipsNothing() throws Exception {
        WatchProbe probe = watch(prefix("st/").build(), 1);
        WatchResponse created = probe.next(WAIT);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(put("st/" + i, "v" + i));
        }
        long unrelated = put("other", "x");
        awaitApplied(unrelated);

        long owed = progress(created.getWatchId()).getHeader().getRevision();
        assertThat(progress(created.getWatchId()).getKnown()).as("a second request coalesces").isEqualTo(1);
        assertThat(owed).isGreaterThanOrEqualTo(unrelated);
        assertThat(probe.nextWithin(QUIET)).as("nothing leaves without demand").isNull();
        assertThat(stats().progressOwed()).as("the notification is owed, not dropped").isEqualTo(1);

        probe.request(1);
        WatchResponse events = probe.next(WAIT);
        assertThat(events.getProgressNotify()).isFalse();
        assertThat(events.getEventsList()).extracting(e -> e.getKv().getModRevision())
                .as("the undelivered events come first").containsExactlyElementsOf(written);
        assertThat(probe.nextWithin(QUIET)).as("the notification waits for demand too").isNull();

        probe.request(1);
        WatchResponse notification = probe.next(WAIT);
        assertThat(notification.getProgressNotify()).isTrue();
        assertThat(notification.getEventsCount()).isZero();
        assertThat(notification.getHeader().getRevision())
                .as("after every delivered event, at least the revision when it was asked for")
                .isGreaterThanOrEqualTo(events.getHeader().getRevision())
                .isGreaterThanOrEqualTo(owed);
        assertThat(stats().progressOwed()).isZero();

        probe.request(10);
        long later = put("st/later", "v");
        WatchResponse next = probe.next(WAIT);
        assertThat(next.getProgressNotify()).as("two requests made one notification").isFalse();
        assertThat(next.getEventsList()).extracting(e -> e.getKv().getModRevision()).containsExactly(later);
        assertThat(later).as("no event at or below the notification's revision was left behind")
                .isGreaterThan(notification.getHeader().getRevision());
        probe.cancel();
    }

    @Test
    void aWatchCatchingUpSeveralPagesWithDemandGetsTheNotificationOnlyAfterItsLastEvent() throws Exception {
        WatchProbe probe = watch(prefix("bk/").build(), 1);
        WatchResponse created = probe.next(WAIT);
        // 3,000 events (three log pages): the catch-up takes several hub steps, with demand all along.
        long last = 0;
        for (int t = 0; t < 30; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = 0; k < 100; k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(bytes("bk/" + t + "/" + k)).setValue(bytes("v"))));
            }
            last = client.call(Routes.KV_TXN, txn.build(), TxnResponse.parser()).block(WAIT).getHeader().getRevision();
        }
        awaitApplied(last);
        long owed = progress(created.getWatchId()).getHeader().getRevision();

        probe.request(Long.MAX_VALUE);
        int events = 0;
        long delivered = created.getHeader().getRevision();
        WatchResponse element = probe.next(WAIT);
        while (!element.getProgressNotify()) {
            for (Event event : element.getEventsList()) {
                assertThat(event.getKv().getModRevision()).isGreaterThan(delivered);
            }
            events += element.getEventsCount();
            delivered = element.getHeader().getRevision();
            element = probe.next(WAIT);
        }
        assertThat(events).as("every event came before the notification").isEqualTo(3000);
        assertThat(element.getHeader().getRevision()).isGreaterThanOrEqualTo(delivered).isGreaterThanOrEqualTo(owed)
                .isGreaterThanOrEqualTo(last);
        assertThat(probe.nextWithin(QUIET)).as("one notification").isNull();
        probe.cancel();
    }

    @Test
    void unknownIdsAreIgnoredAndAnEndedWatchIsNoLongerKnown() throws Exception {
        assertThat(progress().getKnown()).as("an empty request").isZero();
        WatchProbe probe = watch(WatchCreateRequest.newBuilder().setKey(bytes("u")).build(), 10);
        long id = probe.next(WAIT).getWatchId();

        WatchProgressResponse answer = progress(Long.MAX_VALUE, -1, 0, id, id);
        assertThat(answer.getKnown()).as("only the live watch, once").isEqualTo(1);
        assertThat(probe.next(WAIT).getProgressNotify()).isTrue();

        WatchProgressRequest.Builder tooMany = WatchProgressRequest.newBuilder();
        for (long i = 0; i <= WatchHub.MAX_PROGRESS_IDS; i++) {
            tooMany.addWatchIds(id);
        }
        Throwable refused = catchThrowable(() -> client.call(Routes.WATCH_PROGRESS, tooMany.build(),
                WatchProgressResponse.parser()).block(WAIT));
        assertThat(refused).isInstanceOf(CustomRSocketException.class);
        Error error = ErrorCodec.decode(((CustomRSocketException) refused).errorCode(), refused.getMessage());
        assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("at most 100000");
        assertThat(probe.nextWithin(QUIET)).as("a refused request asks nothing").isNull();

        probe.cancel();
        MiniCluster.awaitTrue(WAIT, "the cancelled watcher unregistered", () -> stats().watchers() == 0);
        assertThat(progress(id).getKnown()).isZero();
        long revision = put("u", "still serving");
        awaitApplied(revision);
    }

    @Test
    void rangeThenWatchNamesItsWatchInRangeDone() throws Exception {
        long written = put("rw/a", "1");
        awaitApplied(written);
        RangeThenWatchRequest request = RangeThenWatchRequest.newBuilder()
                .setRange(RangeRequest.newBuilder().setKey(bytes("rw/")).setRangeEnd(bytes("rw0")))
                .setWatch(WatchCreateRequest.newBuilder().setKey(bytes("rw/")).setRangeEnd(bytes("rw0")))
                .build();
        LinkedBlockingQueue<RangeThenWatchResponse> received = new LinkedBlockingQueue<>();
        BaseSubscriber<RangeThenWatchResponse> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnNext(RangeThenWatchResponse value) {
                received.add(value);
            }
        };
        client.stream(Routes.KV_RANGE_THEN_WATCH, request, RangeThenWatchResponse.parser()).subscribe(subscriber);
        RangeThenWatchResponse element = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        while (element != null && !element.hasRangeDone()) {
            element = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertThat(element).as("range_done within %s", WAIT).isNotNull();
        long id = element.getRangeDone().getWatchId();
        assertThat(id).isPositive();

        assertThat(progress(id).getKnown()).isEqualTo(1);
        RangeThenWatchResponse notification = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(notification).isNotNull();
        assertThat(notification.getWatch().getProgressNotify()).isTrue();
        assertThat(notification.getWatch().getHeader().getRevision()).isGreaterThanOrEqualTo(written);
        subscriber.cancel();
    }

    private WatchProgressResponse progress(long... ids) {
        WatchProgressRequest.Builder request = WatchProgressRequest.newBuilder();
        for (long id : ids) {
            request.addWatchIds(id);
        }
        return client.call(Routes.WATCH_PROGRESS, request.build(), WatchProgressResponse.parser()).block(WAIT);
    }

    private WatchProbe watch(WatchCreateRequest request, long demand) {
        WatchProbe probe = new WatchProbe(demand);
        client.stream(Routes.WATCH, request, WatchResponse.parser()).subscribe(probe);
        return probe;
    }

    private long put(String key, String value) {
        return client.call(Routes.KV_PUT, PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build(),
                PutResponse.parser()).block(WAIT).getHeader().getRevision();
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

    private static WatchCreateRequest.Builder prefix(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return WatchCreateRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(ByteString.copyFrom(end));
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
