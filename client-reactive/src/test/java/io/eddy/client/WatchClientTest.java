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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@link WatchClient} against a real 3-member cluster with an ApiServer per member: per-revision
 * batches with options, demand, the typed COMPACTED error, and transparent resume on another
 * member with every revision exactly once, in order.
 */
class WatchClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void batchesHoldWholeRevisionsWithOptionsAndDemandIsHonoured() {
        EddyClient client = client(api.endpoints(), Duration.ofSeconds(3));
        long before = client.kv().put(bs("w/a"), bs("0")).block(WAIT).header().revision();
        List<WatchBatch> batches = new ArrayList<>();
        long[] revisions = new long[2];

        // No demand for longer than the created element may take: the created element is
        // requested by the client itself, so the watch neither times out nor delivers.
        StepVerifier.create(client.watch().watch(bs("w/"), WatchOptions.prefix(bs("w/")).withPrevKv(true)
                        .withStartRevision(before + 1)), 0)
                .expectSubscription()
                .then(() -> {
                    revisions[0] = client.kv().txn().then(TxnOp.put(bs("w/a"), bs("1")), TxnOp.put(bs("w/b"), bs("2")),
                            TxnOp.put(bs("w/c"), bs("3"))).commit().block(WAIT).header().revision();
                    revisions[1] = client.kv().delete(bs("w/a")).block(WAIT).header().revision();
                    client.kv().put(bs("x/outside"), bs("no")).block(WAIT);
                })
                .expectNoEvent(Duration.ofMillis(1500))
                .thenRequest(1)
                .recordWith(() -> batches)
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(200))
                .thenRequest(1)
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        assertThat(batches).extracting(WatchBatch::revision).containsExactly(revisions[0], revisions[1]);
        WatchBatch txn = batches.get(0);
        assertThat(txn.events()).extracting(e -> e.kv().key().toUtf8()).containsExactly("w/a", "w/b", "w/c");
        assertThat(txn.events().get(0).prevKv()).hasValueSatisfying(prev -> assertThat(prev.value()).isEqualTo(bs("0")));
        assertThat(txn.events().get(1).prevKv()).isEmpty();
        WatchEvent delete = batches.get(1).events().get(0);
        assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(delete.revision()).isEqualTo(revisions[1]);
        assertThat(delete.prevKv()).hasValueSatisfying(prev -> assertThat(prev.value()).isEqualTo(bs("1")));
    }

    @Test
    void aCompactedStartRevisionFailsWithATypedError() {
        EddyClient client = client(api.endpoints(), EddyClient.Builder.DEFAULT_REQUEST_TIMEOUT);
        long old = client.kv().put(bs("cmp/a"), bs("1")).block(WAIT).header().revision();
        long later = client.kv().put(bs("cmp/a"), bs("2")).block(WAIT).header().revision();
        client.kv().compact(later).block(WAIT);
        client.kv().get(bs("cmp/a")).block(WAIT);

        StepVerifier.create(client.watch().watch(bs("cmp/a"), WatchOptions.DEFAULTS.withStartRevision(old)))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(RevisionException.class);
                    assertThat(((RevisionException) failure).code()).isEqualTo(ErrorCode.COMPACTED);
                    assertThat(((RevisionException) failure).compactRevision()).isEqualTo(later);
                })
                .verify(WAIT);
    }

    @Test
    void resumesOnAnotherMemberWithEveryRevisionOnceInOrder() {
        EddyNode first = api.cluster().runningNodes().get(0);
        ApiServer doomed = ApiServer.start(first, new HostPort("127.0.0.1", 0)).block(WAIT);
        List<String> endpoints = new ArrayList<>();
        endpoints.add(endpoint(doomed));
        api.servers().keySet().stream().filter(name -> !name.equals(first.name())).map(api::endpoint)
                .forEach(endpoints::add);
        EddyClient watcher = client(endpoints, EddyClient.Builder.DEFAULT_REQUEST_TIMEOUT);
        EddyClient writer = client(api.endpoints(), EddyClient.Builder.DEFAULT_REQUEST_TIMEOUT);
        int writes = 300;
        List<Long> written = new CopyOnWriteArrayList<>();
        List<WatchBatch> seen = new CopyOnWriteArrayList<>();

        Disposable watch = watcher.watch().watch(bs("r/"), WatchOptions.prefix(bs("r/"))).subscribe(seen::add);
        MiniCluster.awaitTrue(WAIT, "the watch registered on the first member",
                () -> first.watchHub().stats().join().watchers() == 1);
        Disposable load = Flux.range(0, writes)
                .concatMap(i -> writer.kv().put(bs("r/" + (i % 10)), bs("v" + i)))
                .subscribe(result -> written.add(result.header().revision()));
        MiniCluster.awaitTrue(WAIT, "the watch saw 50 revisions on the first member", () -> seen.size() >= 50);
        doomed.close().block(WAIT);
        MiniCluster.awaitTrue(WAIT, "every write done and seen", () -> written.size() == writes
                && seen.size() >= writes);
        watch.dispose();
        load.dispose();

        assertThat(seen).extracting(WatchBatch::revision).as("every revision once, in order").isEqualTo(written);
        assertThat(seen).allSatisfy(batch -> assertThat(batch.events()).hasSize(1));
        assertThat(first.watchHub().stats().join().watchers()).as("the closed server's watcher is gone").isZero();
    }

    private EddyClient client(List<String> endpoints, Duration timeout) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).requestTimeout(timeout)
                .build();
        clients.add(client);
        return client;
    }

    private static String endpoint(ApiServer server) {
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
