package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.api.ApiServer;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@link WatchClient#rangeThenWatch} against a real 3-member cluster with an ApiServer per
 * member: a cache built from the items equals the final range, also when the serving member's
 * API goes away during the snapshot or during the changes (transparent resume, every key and
 * every change once, in order), the typed COMPACTED error and a bad request.
 */
class RangeThenWatchClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Chunks the client may request ahead of a subscriber with demand (WatchCall.ELEMENTS_AHEAD). */
    private static final long AHEAD = 4;

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private final List<EddyClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
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
        MiniCluster.awaitTrue(WAIT, "every watcher unregistered after its client closed", () -> api.cluster().runningNodes()
                .stream().allMatch(node -> node.watchHub().stats().join().watchers() == 0));
    }

    @Test
    void resumesDuringTheSnapshotOnAnotherMemberWithEveryKeyOnceThenTheChangesAfterR() {
        EddyNode first = api.cluster().runningNodes().get(0);
        ApiServer doomed = ApiServer.start(first, new HostPort("127.0.0.1", 0)).block(WAIT);
        EddyClient client = client(endpointsStartingWith(doomed, first));
        long loaded = load(client, "rs/", 1000);
        long firstPages = first.rangeStreams().pagesRead();
        List<ListThenWatch> seen = new ArrayList<>();
        long[] writes = new long[3];

        StepVerifier.create(client.watch().rangeThenWatch(bs("rs/"), RangeThenWatchOptions.prefix(bs("rs/"))), 0)
                .thenRequest(300)
                .recordWith(() -> seen).expectNextCount(300)
                .then(() -> {
                    // 300 keys are 2 pages of 256; the client may have asked for up to
                    // ELEMENTS_AHEAD (4) more chunks while the subscriber still had demand.
                    assertThat(first.rangeStreams().pagesRead() - firstPages).as("pages read on the first member")
                            .isBetween(2L, 2L + AHEAD);
                    doomed.close().block(WAIT);
                    writes[0] = client.kv().delete(bs("rs/00500")).block(WAIT).header().revision();
                    writes[1] = client.kv().put(bs("rs/00600"), bs("changed")).block(WAIT).header().revision();
                    writes[2] = client.kv().put(bs("rs/00600a"), bs("new")).block(WAIT).header().revision();
                })
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(1000 - 300)
                .expectNextMatches(item -> item instanceof ListThenWatch.SnapshotDone)
                .expectNextCount(3)
                .thenCancel()
                .verify(WAIT);

        List<KeyValue> snapshot = seen.stream().filter(ListThenWatch.Snapshot.class::isInstance)
                .map(item -> ((ListThenWatch.Snapshot) item).kv()).toList();
        assertThat(snapshot).extracting(kv -> kv.key().toUtf8()).as("every key once, in order")
                .isEqualTo(expectedKeys("rs/", 1000));
        long pinned = ((ListThenWatch.SnapshotDone) seen.get(1000)).revision();
        assertThat(pinned).isEqualTo(loaded);
        assertThat(snapshot).allSatisfy(kv -> assertThat(kv.modRevision()).isLessThanOrEqualTo(pinned));
        assertThat(changes(seen)).extracting(WatchBatch::revision).containsExactly(writes[0], writes[1], writes[2]);
        assertThat(cache(seen)).as("snapshot + changes = the final range").isEqualTo(finalRange(client, "rs/"));
        assertThat(first.rangeStreams().pagesRead() - firstPages).as("no page beyond those asked before the close")
                .isLessThanOrEqualTo(2L + AHEAD);
    }

    @Test
    void resumesDuringTheChangesOnAnotherMemberWithEveryRevisionOnceInOrder() {
        EddyNode first = api.cluster().runningNodes().get(0);
        ApiServer doomed = ApiServer.start(first, new HostPort("127.0.0.1", 0)).block(WAIT);
        EddyClient watcher = client(endpointsStartingWith(doomed, first));
        EddyClient writer = client(api.endpoints());
        load(writer, "rw/", 10);
        int writes = 300;
        List<Long> written = new CopyOnWriteArrayList<>();
        List<ListThenWatch> seen = new CopyOnWriteArrayList<>();

        Disposable stream = watcher.watch().rangeThenWatch(bs("rw/"), RangeThenWatchOptions.prefix(bs("rw/")))
                .limitRate(4)
                .subscribe(seen::add);
        MiniCluster.awaitTrue(WAIT, "the snapshot was delivered by the first member",
                () -> seen.stream().anyMatch(ListThenWatch.SnapshotDone.class::isInstance)
                        && first.watchHub().stats().join().watchers() == 1);
        // Puts and deletes (of keys that may not exist: such a delete changes nothing, revision 0 here).
        Disposable load = Flux.range(0, writes)
                .concatMap(i -> i % 5 == 4 ? writer.kv().delete(bs("rw/" + String.format("%05d", i % 13)))
                        .map(result -> result.deleted() > 0 ? result.header().revision() : 0L)
                        : writer.kv().put(bs("rw/" + String.format("%05d", i % 13)), bs("v" + i))
                        .map(result -> result.header().revision()))
                .subscribe(written::add);
        MiniCluster.awaitTrue(WAIT, "50 changes seen from the first member", () -> changes(seen).size() >= 50);
        doomed.close().block(WAIT);
        MiniCluster.awaitTrue(WAIT, "every write done and seen", () -> written.size() == writes
                && changes(seen).stream().mapToLong(WatchBatch::revision).max().orElse(0)
                >= written.stream().mapToLong(Long::longValue).max().orElse(0));
        stream.dispose();
        load.dispose();

        assertThat(changes(seen)).extracting(WatchBatch::revision).as("every revision that changed a key once, in order")
                .isEqualTo(written.stream().filter(revision -> revision > 0).toList());
        assertThat(cache(seen)).as("snapshot + changes = the final range").isEqualTo(finalRange(writer, "rw/"));
        assertThat(first.watchHub().stats().join().watchers()).as("the closed server's watcher is gone").isZero();
    }

    @Test
    void aCompactedRevisionFailsWithATypedErrorAndABadRequestWithInvalidRequest() {
        EddyClient client = client(api.endpoints());
        long old = client.kv().put(bs("cmp/a"), bs("1")).block(WAIT).header().revision();
        long later = client.kv().put(bs("cmp/a"), bs("2")).block(WAIT).header().revision();
        client.kv().compact(later).block(WAIT);

        StepVerifier.create(client.watch().rangeThenWatch(bs("cmp/a"), RangeThenWatchOptions.DEFAULTS.withRevision(old)))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(RevisionException.class);
                    assertThat(((RevisionException) failure).code()).isEqualTo(ErrorCode.COMPACTED);
                    assertThat(((RevisionException) failure).compactRevision()).isEqualTo(later);
                })
                .verify(WAIT);
        StepVerifier.create(client.watch().rangeThenWatch(bs("b"), RangeThenWatchOptions.DEFAULTS
                        .withRangeEnd(bs("a"))))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(InvalidRequestException.class);
                    assertThat(((InvalidRequestException) failure).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                })
                .verify(WAIT);
    }

    private static List<WatchBatch> changes(List<ListThenWatch> items) {
        return items.stream().filter(ListThenWatch.Changes.class::isInstance)
                .map(item -> ((ListThenWatch.Changes) item).batch()).toList();
    }

    /** What a Kubernetes-style cache holds after the items: key to (value, mod revision). */
    private static Map<String, String> cache(List<ListThenWatch> items) {
        Map<String, String> cache = new TreeMap<>();
        for (ListThenWatch item : items) {
            if (item instanceof ListThenWatch.Snapshot snapshot) {
                cache.put(snapshot.kv().key().toUtf8(), describe(snapshot.kv()));
            } else if (item instanceof ListThenWatch.Changes changes) {
                for (WatchEvent event : changes.batch().events()) {
                    if (event.type() == WatchEvent.Type.DELETE) {
                        cache.remove(event.kv().key().toUtf8());
                    } else {
                        cache.put(event.kv().key().toUtf8(), describe(event.kv()));
                    }
                }
            }
        }
        return cache;
    }

    private static Map<String, String> finalRange(EddyClient client, String prefix) {
        Map<String, String> range = new TreeMap<>();
        client.kv().get(bs(prefix), GetOptions.prefix(bs(prefix))).block(WAIT).kvs()
                .forEach(kv -> range.put(kv.key().toUtf8(), describe(kv)));
        return range;
    }

    private static String describe(KeyValue kv) {
        return kv.value().toUtf8() + "@" + kv.modRevision() + "/v" + kv.version();
    }

    /** Writes {@code count} keys {@code prefix + %05d}, 100 per txn; returns the last revision. */
    private static long load(EddyClient client, String prefix, int count) {
        long revision = 0;
        for (int start = 0; start < count; start += 100) {
            List<TxnOp> puts = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 100); i++) {
                String key = String.format("%s%05d", prefix, i);
                puts.add(TxnOp.put(bs(key), bs("value-" + key)));
            }
            revision = client.kv().txn().then(puts.toArray(TxnOp[]::new)).commit().block(WAIT).header().revision();
        }
        return revision;
    }

    private static List<String> expectedKeys(String prefix, int count) {
        return Stream.iterate(0, i -> i + 1).limit(count).map(i -> String.format("%s%05d", prefix, i)).toList();
    }

    private EddyClient client(List<String> endpoints) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
        clients.add(client);
        return client;
    }

    /** {@code doomed} (an extra API server of {@code member}) first, then the servers of the other members. */
    private static List<String> endpointsStartingWith(ApiServer doomed, EddyNode member) {
        List<String> endpoints = new ArrayList<>();
        endpoints.add(endpoint(doomed));
        api.servers().keySet().stream().filter(name -> !name.equals(member.name())).map(api::endpoint)
                .forEach(endpoints::add);
        return endpoints;
    }

    private static String endpoint(ApiServer server) {
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
