package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.api.ApiServer;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.node.RangeStreams;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@link KvClient#rangeStream} against a real 3-member cluster with an ApiServer per member:
 * demand mapped to chunks, a pinned revision under concurrent writes, options, compaction of
 * the pinned revision, and transparent resume on another member.
 */
class KvRangeStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int KEYS = 2000;

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
    }

    @Test
    void demandMapsToChunksAndTheRangeIsPinnedWhileWritesGoOn() {
        EddyClient client = client(api.endpoints());
        long loaded = load(client, "snap/", KEYS);
        List<KeyValue> seen = new ArrayList<>();
        long[] pagesBefore = {pagesRead()};
        Disposable[] background = {null};

        StepVerifier.create(client.kv().rangeStream(bs("snap/"), RangeStreamOptions.prefix(bs("snap/"))), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertThat(pagesRead() - pagesBefore[0]).as("the first chunk, fetched on subscription")
                        .isLessThanOrEqualTo(1))
                .thenRequest(100)
                .recordWith(() -> seen).expectNextCount(100)
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertThat(pagesRead() - pagesBefore[0]).as("pages for 100 keys").isEqualTo(1))
                .then(() -> {
                    // The revision is pinned: change keys not delivered yet, add new ones in range.
                    client.kv().delete(bs("snap/01500"), DeleteOptions.DEFAULTS.withRangeEnd(bs("snap/01510")))
                            .block(WAIT);
                    client.kv().put(bs("snap/01600"), bs("changed")).block(WAIT);
                    client.kv().put(bs("snap/01600a"), bs("new")).block(WAIT);
                    background[0] = Flux.range(0, Integer.MAX_VALUE)
                            .concatMap(i -> client.kv().put(bs("snap/zz-" + i), bs("late")))
                            .subscribe(ignored -> { }, failure -> { });
                })
                .thenRequest(200)
                .expectNextCount(200)
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> assertThat(pagesRead() - pagesBefore[0]).as("pages for 300 keys").isEqualTo(2))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(KEYS - 300)
                .expectComplete()
                .verify(WAIT);
        background[0].dispose();

        assertThat(seen).extracting(kv -> kv.key().toUtf8()).isEqualTo(expectedKeys("snap/", KEYS));
        assertThat(seen).allSatisfy(kv -> assertThat(kv.modRevision()).isLessThanOrEqualTo(loaded));
        assertThat(seen).filteredOn(kv -> kv.key().equals(bs("snap/01505"))).singleElement()
                .satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("value-snap/01505")));
        assertThat(seen).filteredOn(kv -> kv.key().equals(bs("snap/01600"))).singleElement()
                .satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("value-snap/01600")));
    }

    @Test
    void optionsLimitKeysOnlySingleKeyAndEmptyRange() {
        EddyClient client = client(api.endpoints());
        load(client, "opt/", 600);
        RangeStreamOptions prefix = RangeStreamOptions.prefix(bs("opt/"));

        List<KeyValue> limited = client.kv().rangeStream(bs("opt/"), prefix.withLimit(300).withKeysOnly(true))
                .collectList().block(WAIT);
        assertThat(limited).extracting(kv -> kv.key().toUtf8()).isEqualTo(expectedKeys("opt/", 300));
        assertThat(limited).allSatisfy(kv -> assertThat(kv.value().isEmpty()).isTrue());

        assertThat(client.kv().rangeStream(bs("opt/00007"), RangeStreamOptions.DEFAULTS).collectList().block(WAIT))
                .singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("value-opt/00007")));
        assertThat(client.kv().rangeStream(bs("opt/0059"), RangeStreamOptions.fromKey().withSerializable(true))
                .map(kv -> kv.key().toUtf8()).collectList().block(WAIT))
                .startsWith("opt/00590").contains("opt/00599");

        StepVerifier.create(client.kv().rangeStream(bs("none/"), RangeStreamOptions.prefix(bs("none/"))))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void compactionOfThePinnedRevisionFailsTheStream() {
        EddyClient client = client(api.endpoints());
        load(client, "cmp/", 600);

        StepVerifier.create(client.kv().rangeStream(bs("cmp/"), RangeStreamOptions.prefix(bs("cmp/"))), 10)
                .expectNextCount(10)
                .then(() -> {
                    long later = client.kv().put(bs("cmp-later"), bs("x")).block(WAIT).header().revision();
                    client.kv().compact(later).block(WAIT);
                    long marker = client.kv().put(bs("cmp-marker"), bs("x")).block(WAIT).header().revision();
                    // Every member has applied the compaction once it has applied the next write.
                    MiniCluster.awaitTrue(WAIT, "every member at revision " + marker,
                            () -> api.cluster().runningNodes().stream().allMatch(n -> n.localRevision() >= marker));
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(kv -> true) // the rest of the chunk already held
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(RevisionException.class);
                    assertThat(((RevisionException) failure).code()).isEqualTo(ErrorCode.COMPACTED);
                    assertThat(((RevisionException) failure).compactRevision()).isPositive();
                })
                .verify(WAIT);
    }

    @Test
    void resumesOnAnotherMemberWithEveryKeyOnceAtTheSameRevision() {
        EddyNode first = api.cluster().runningNodes().get(0);
        ApiServer doomed = ApiServer.start(first, new HostPort("127.0.0.1", 0)).block(WAIT);
        List<String> endpoints = new ArrayList<>();
        endpoints.add(endpoint(doomed));
        api.servers().keySet().stream().filter(name -> !name.equals(first.name())).map(api::endpoint)
                .forEach(endpoints::add);
        EddyClient client = client(endpoints);
        long loaded = load(client, "res/", KEYS);
        long firstPages = first.rangeStreams().pagesRead();
        List<KeyValue> seen = new ArrayList<>();

        StepVerifier.create(client.kv().rangeStream(bs("res/"), RangeStreamOptions.prefix(bs("res/"))), 0)
                .thenRequest(300)
                .recordWith(() -> seen).expectNextCount(300)
                .then(() -> {
                    assertThat(first.rangeStreams().pagesRead() - firstPages).as("pages read on the first member")
                            .isEqualTo(2);
                    doomed.close().block(WAIT);
                    client.kv().delete(bs("res/01000")).block(WAIT);
                    client.kv().put(bs("res/01000a"), bs("new")).block(WAIT);
                })
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(KEYS - 300)
                .expectComplete()
                .verify(WAIT);

        assertThat(seen).extracting(kv -> kv.key().toUtf8()).isEqualTo(expectedKeys("res/", KEYS));
        assertThat(seen).allSatisfy(kv -> assertThat(kv.modRevision()).isLessThanOrEqualTo(loaded));
        assertThat(first.rangeStreams().pagesRead() - firstPages).as("no more pages on the closed member")
                .isEqualTo(2);
    }

    /** Writes {@code count} keys {@code prefix + %05d} with value {@code "value-" + key}, 100 per txn; returns the last revision. */
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

    private static long pagesRead() {
        return api.cluster().runningNodes().stream().mapToLong(node -> node.rangeStreams().pagesRead()).sum();
    }

    private static List<String> expectedKeys(String prefix, int count) {
        return Stream.iterate(0, i -> i + 1).limit(count).map(i -> String.format("%s%05d", prefix, i)).toList();
    }

    private EddyClient client(List<String> endpoints) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
        clients.add(client);
        return client;
    }

    private static String endpoint(ApiServer server) {
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }

    static {
        // Chunks of this size are what the page counts above assume.
        assert RangeStreams.MAX_PAGE_KEYS == 256;
    }
}
