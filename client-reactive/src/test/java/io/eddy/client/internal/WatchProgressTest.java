package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.ListThenWatch;
import io.eddy.client.RangeThenWatchOptions;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchOptions;
import io.eddy.server.api.ApiServer;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * {@code WatchClient.requestProgress()} against a real 3-member cluster: an idle watch gets the
 * member's revision, a subscriber without demand gets its events first and the notification
 * after them, the request follows a watch that resumed on another member, list-then-watch is
 * covered, and the client's registry of live watches forgets a cancelled one. Periodic progress
 * is set to a minute, so every notification seen here was requested.
 */
class WatchProgressTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long "nothing arrives" is watched for (a negative check, not a synchronisation). */
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private final List<EddyClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s.with(EddySettings.WATCH_PROGRESS_INTERVAL, 60_000L));
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(EddyClient::close);
        MiniCluster.awaitTrue(WAIT, "every watcher unregistered after its client closed", () -> api.cluster()
                .runningNodes().stream().allMatch(node -> node.watchHub().stats().join().watchers() == 0));
    }

    @Test
    void anIdleWatchGetsTheMembersRevisionWithoutAskingForPeriodicProgress() throws Exception {
        EddyClient client = client(api.endpointsStartingWith(api.follower().name()));
        Probe<WatchBatch> probe = new Probe<>(Long.MAX_VALUE);
        client.watch().watch(bs("idle")).subscribe(probe);
        long first = client.kv().put(bs("idle"), bs("1")).block(WAIT).header().revision();
        assertThat(probe.next().revision()).as("the watch is set up").isEqualTo(first);
        long elsewhere = client.kv().put(bs("elsewhere"), bs("x")).block(WAIT).header().revision();
        long current = client.kv().get(bs("elsewhere")).block(WAIT).header().revision();

        client.watch().requestProgress().block(WAIT);
        WatchBatch notification = probe.next();
        assertThat(notification.isProgressNotify()).isTrue();
        assertThat(notification.revision()).as("the member's revision").isEqualTo(current).isEqualTo(elsewhere);
        assertThat(probe.nextWithin(QUIET)).as("one request, one notification").isNull();
        probe.cancel();
    }

    @Test
    void aSubscriberWithoutDemandGetsItsEventsFirstThenANotificationThatSkipsNothing() throws Exception {
        EddyClient client = client(api.endpoints());
        Probe<WatchBatch> probe = new Probe<>(1);
        client.watch().watch(bs("nd/"), WatchOptions.prefix(bs("nd/"))).subscribe(probe);
        long first = client.kv().put(bs("nd/0"), bs("0")).block(WAIT).header().revision();
        assertThat(probe.next().revision()).isEqualTo(first);
        List<Long> undelivered = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            undelivered.add(client.kv().put(bs("nd/" + i), bs("v")).block(WAIT).header().revision());
        }
        long asked = client.kv().get(bs("nd/3")).block(WAIT).header().revision();

        client.watch().requestProgress().block(WAIT);
        assertThat(probe.nextWithin(QUIET)).as("nothing without demand").isNull();

        probe.request(Long.MAX_VALUE);
        List<Long> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WatchBatch batch = probe.next();
            assertThat(batch.isProgressNotify()).as("batch %d holds events", i).isFalse();
            events.add(batch.revision());
        }
        assertThat(events).as("the undelivered events first, in order").isEqualTo(undelivered);
        WatchBatch notification = probe.next();
        assertThat(notification.isProgressNotify()).isTrue();
        assertThat(notification.revision()).as("after every delivered event, at least the revision asked at")
                .isGreaterThanOrEqualTo(undelivered.get(2)).isGreaterThanOrEqualTo(asked);
        long later = client.kv().put(bs("nd/later"), bs("v")).block(WAIT).header().revision();
        WatchBatch next = probe.next();
        assertThat(next.revision()).isEqualTo(later).as("nothing skipped").isGreaterThan(notification.revision());
        assertThat(next.isProgressNotify()).isFalse();
        probe.cancel();
    }

    @Test
    void theRequestGoesToTheMemberServingTheWatchAfterItResumed() throws Exception {
        EddyNode first = api.cluster().runningNodes().get(0);
        ApiServer doomed = ApiServer.start(first, new HostPort("127.0.0.1", 0)).block(WAIT);
        List<String> endpoints = new ArrayList<>();
        endpoints.add(doomed.address().getHostString() + ":" + doomed.address().getPort());
        api.servers().keySet().stream().filter(name -> !name.equals(first.name())).map(api::endpoint)
                .forEach(endpoints::add);
        EddyClient client = client(endpoints);
        Probe<WatchBatch> probe = new Probe<>(Long.MAX_VALUE);
        client.watch().watch(bs("rs")).subscribe(probe);
        long before = client.kv().put(bs("rs"), bs("1")).block(WAIT).header().revision();
        assertThat(probe.next().revision()).isEqualTo(before);
        MiniCluster.awaitTrue(WAIT, "the watch is on the first member", () -> first.watchHub().stats().join()
                .watchers() == 1);

        doomed.close().block(WAIT);
        long after = client.kv().put(bs("rs"), bs("2")).block(WAIT).header().revision();
        assertThat(probe.next().revision()).as("the watch resumed elsewhere").isEqualTo(after);
        client.watch().requestProgress().block(WAIT);
        WatchBatch notification = probe.next();
        assertThat(notification.isProgressNotify()).isTrue();
        assertThat(notification.revision()).isGreaterThanOrEqualTo(after);
        probe.cancel();
    }

    @Test
    void aListThenWatchGetsItsNotificationAmongTheChanges() throws Exception {
        EddyClient client = client(api.endpoints());
        long written = client.kv().put(bs("lw/a"), bs("1")).block(WAIT).header().revision();
        Probe<ListThenWatch> probe = new Probe<>(Long.MAX_VALUE);
        client.watch().rangeThenWatch(bs("lw/"), RangeThenWatchOptions.prefix(bs("lw/"))).subscribe(probe);
        assertThat(probe.next()).isInstanceOf(ListThenWatch.Snapshot.class);
        assertThat(probe.next()).isInstanceOf(ListThenWatch.SnapshotDone.class);

        client.watch().requestProgress().block(WAIT);
        ListThenWatch item = probe.next();
        assertThat(item).isInstanceOf(ListThenWatch.Changes.class);
        WatchBatch notification = ((ListThenWatch.Changes) item).batch();
        assertThat(notification.isProgressNotify()).isTrue();
        assertThat(notification.revision()).isGreaterThanOrEqualTo(written);
        probe.cancel();
    }

    @Test
    void aCancelledWatchLeavesTheRegistryAndNoWatchMeansNothingToAsk() throws Exception {
        EddyClient client = client(api.endpoints());
        DefaultWatchClient watches = (DefaultWatchClient) client.watch();
        client.watch().requestProgress().block(WAIT);
        assertThat(watches.liveWatches()).isZero();

        Probe<WatchBatch> kept = new Probe<>(Long.MAX_VALUE);
        Probe<WatchBatch> cancelled = new Probe<>(Long.MAX_VALUE);
        client.watch().watch(bs("cw/kept")).subscribe(kept);
        client.watch().watch(bs("cw/cancelled")).subscribe(cancelled);
        assertThat(watches.liveWatches()).isEqualTo(2);
        long revision = client.kv().put(bs("cw/kept"), bs("1")).block(WAIT).header().revision();
        assertThat(kept.next().revision()).isEqualTo(revision);

        cancelled.cancel();
        assertThat(watches.liveWatches()).as("the cancelled watch left at once").isEqualTo(1);
        client.watch().requestProgress().block(WAIT);
        assertThat(kept.next().isProgressNotify()).isTrue();
        assertThat(cancelled.nextWithin(QUIET)).isNull();
        kept.cancel();
        assertThat(watches.liveWatches()).isZero();
    }

    private EddyClient client(List<String> endpoints) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
        clients.add(client);
        return client;
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }

    /** A subscriber whose demand the test controls; it records what arrives. */
    private static final class Probe<T> extends BaseSubscriber<T> {
        private final LinkedBlockingQueue<T> received = new LinkedBlockingQueue<>();
        private final long initialDemand;
        private volatile Throwable failure;

        Probe(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(initialDemand);
        }

        @Override
        protected void hookOnNext(T value) {
            received.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            failure = throwable;
        }

        T next() throws InterruptedException {
            T item = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(item).as("an item within %s (failure: %s)", WAIT, failure).isNotNull();
            return item;
        }

        T nextWithin(Duration wait) throws InterruptedException {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
