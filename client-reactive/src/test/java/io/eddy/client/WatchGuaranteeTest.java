package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.api.ApiServer;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The watch guarantees under load and node loss, against a real 3-member cluster with an
 * ApiServer per member: concurrent writers (puts, deletes, txns of several keys in and out of
 * the watched range) while the member serving the watches is killed (its ApiServer closed and
 * its node killed); the client resumes on another member. A validator over each watch's full
 * history versus the acknowledged writes' revisions ({@link WatchHistory}) checks ordered,
 * unique, no gaps, atomic per revision with exactly the write's events, and progress
 * notifications only when every earlier event was delivered. Then watches started at several
 * past revisions each see exactly the suffix.
 */
class WatchGuaranteeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WRITES = 600;
    private static final int WRITES_BEFORE_KILL = 200;
    private static final int CONCURRENCY = 4;
    private static final int KEYS = 12;

    @TempDir
    Path dir;

    private MiniCluster cluster;
    private final Map<String, ApiServer> servers = new LinkedHashMap<>();
    private final List<EddyClient> clients = new ArrayList<>();
    private final List<Disposable> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = MiniCluster.start(3, dir, s -> s.with(EddySettings.WATCH_PROGRESS_INTERVAL, 200L));
        cluster.awaitLeader(WAIT);
        for (EddyNode node : cluster.runningNodes()) {
            servers.put(node.name(), ApiServer.start(node).block(WAIT));
        }
    }

    @AfterEach
    void stop() {
        subscriptions.forEach(Disposable::dispose);
        clients.forEach(EddyClient::close);
        servers.values().forEach(server -> server.close().block(WAIT));
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * @param killLeader kill the leader (writes through the other members then wait for an
     *                   election and are retried with their request ids) or a follower
     */
    @ParameterizedTest(name = "kill the leader: {0}")
    @ValueSource(booleans = {false, true})
    void guaranteesHoldUnderConcurrentWritesWhileTheServingMemberIsKilled(boolean killLeader) {
        String leader = cluster.awaitLeader(WAIT).name();
        String victim = killLeader ? leader
                : servers.keySet().stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
        List<String> survivors = servers.keySet().stream().filter(name -> !name.equals(victim)).map(this::endpoint)
                .toList();
        List<String> victimFirst = new ArrayList<>();
        victimFirst.add(endpoint(victim));
        victimFirst.addAll(survivors);
        EddyClient writer = client(survivors, WAIT);
        EddyClient watcher = client(victimFirst, EddyClient.Builder.DEFAULT_REQUEST_TIMEOUT);
        long base = writer.kv().put(bs("h/init"), bs("x")).block(WAIT).header().revision();

        Predicate<String> all = key -> key.startsWith("g/");
        Predicate<String> one = key -> key.equals(key(0));
        List<WatchBatch> allSeen = new CopyOnWriteArrayList<>();
        List<WatchBatch> oneSeen = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> watchFailure = new AtomicReference<>();
        subscriptions.add(watcher.watch().watch(bs("g/"), WatchOptions.prefix(bs("g/")).withStartRevision(base + 1)
                .withProgressNotify(true)).subscribe(allSeen::add, watchFailure::set));
        subscriptions.add(watcher.watch().watch(bs(key(0)), WatchOptions.DEFAULTS.withStartRevision(base + 1)
                .withProgressNotify(true)).subscribe(oneSeen::add, watchFailure::set));
        EddyNode victimNode = cluster.node(victim);
        MiniCluster.awaitTrue(WAIT, "both watches registered on the member to be killed",
                () -> victimNode.watchHub().stats().join().watchers() == 2);

        WatchHistory history = new WatchHistory();
        AtomicInteger done = new AtomicInteger();
        List<Throwable> writeFailures = new CopyOnWriteArrayList<>();
        Mono<Void> writes = Flux.range(0, WRITES)
                .flatMap(i -> write(writer, i, history)
                        .doOnError(writeFailures::add)
                        .onErrorResume(e -> Mono.empty())
                        .doFinally(signal -> done.incrementAndGet()), CONCURRENCY)
                .then().cache();
        writes.subscribe();
        MiniCluster.awaitTrue(WAIT, WRITES_BEFORE_KILL + " writes done", () -> done.get() >= WRITES_BEFORE_KILL);
        int seenBeforeKill = allSeen.size();
        servers.remove(victim).close().block(WAIT);
        cluster.kill(victim);
        writes.block(WAIT.multipliedBy(2));
        assertThat(writeFailures).as("writes through the surviving members all succeed (retried through an "
                + "election with their request ids when the leader was killed)").isEmpty();
        assertThat(seenBeforeKill).as("the killed member had delivered part of the history").isPositive();
        MiniCluster.awaitTrue(WAIT, "both watches resumed on a surviving member", () -> cluster.runningNodes()
                .stream().mapToInt(node -> node.watchHub().stats().join().watchers()).sum() == 2);

        long end = history.lastRevision();
        MiniCluster.awaitTrue(WAIT, "both watches reported progress through the last write " + end,
                () -> watchFailure.get() != null || (reached(allSeen, end) && reached(oneSeen, end)));
        assertThat(watchFailure.get()).as("the watches did not fail").isNull();
        int allProgress = history.validate("prefix watch", List.copyOf(allSeen), all, base + 1, end);
        int oneProgress = history.validate("key watch", List.copyOf(oneSeen), one, base + 1, end);
        org.slf4j.LoggerFactory.getLogger(WatchGuaranteeTest.class).info(
                "killed {} ({}): {} writes to revision {}; prefix watch: {} revisions ({} before the kill), {} progress; key watch: {}"
                        + " revisions, {} progress", victim, killLeader ? "leader" : "follower", WRITES, end, allSeen.size() - allProgress, seenBeforeKill,
                allProgress, oneSeen.size() - oneProgress, oneProgress);
        assertThat(history.expected(all, base + 1, end)).as("the prefix watch had txns of several keys to check")
                .anySatisfy((revision, changes) -> assertThat(changes).hasSizeGreaterThan(1));

        // Resumable from any revision: each start sees exactly the suffix, then progress.
        EddyClient reader = client(survivors, EddyClient.Builder.DEFAULT_REQUEST_TIMEOUT);
        List<Long> revisions = history.revisions();
        for (long start : List.of(base + 1, revisions.get(revisions.size() / 4), revisions.get(revisions.size() / 2),
                revisions.get(revisions.size() * 9 / 10), end, end + 1)) {
            List<WatchBatch> suffix = reader.watch().watch(bs("g/"), WatchOptions.prefix(bs("g/"))
                            .withStartRevision(start).withProgressNotify(true))
                    .takeUntil(batch -> batch.revision() >= end)
                    .collectList().block(WAIT);
            history.validate("watch from " + start, suffix, all, start, end);
        }
    }

    /** Write {@code i}: a put, a delete, a txn of several keys, a put and a delete, or a put outside the range. */
    private static Mono<Void> write(EddyClient client, int i, WatchHistory history) {
        Random random = new Random(i);
        String a = key(random.nextInt(KEYS));
        String b = key((Integer.parseInt(a.substring(3)) + 1 + random.nextInt(KEYS - 1)) % KEYS);
        String value = "v" + i;
        return switch (i % 5) {
            case 0 -> client.kv().put(bs(a), bs(value)).doOnNext(put -> history.record(put.header().revision(),
                    List.of(put(a, value)))).then();
            case 1 -> client.kv().delete(bs(a)).doOnNext(delete -> {
                if (delete.deleted() > 0) {
                    history.record(delete.header().revision(), List.of(deleted(a)));
                }
            }).then();
            case 2 -> client.kv().txn().then(TxnOp.put(bs(a), bs(value)), TxnOp.put(bs("h/" + i), bs(value)),
                    TxnOp.put(bs(b), bs(value))).commit().doOnNext(txn -> history.record(txn.header().revision(),
                    List.of(put(a, value), put(b, value)))).then();
            case 3 -> client.kv().txn().then(TxnOp.put(bs(a), bs(value)), TxnOp.delete(bs(b), DeleteOptions.DEFAULTS))
                    .commit().doOnNext(txn -> {
                        boolean removed = ((DeleteResult) txn.results().get(1)).deleted() > 0;
                        history.record(txn.header().revision(), removed ? List.of(put(a, value), deleted(b))
                                : List.of(put(a, value)));
                    }).then();
            default -> client.kv().put(bs("h/" + i), bs(value)).doOnNext(put -> history.record(
                    put.header().revision(), List.of(put("h/" + i, value)))).then();
        };
    }

    private static boolean reached(List<WatchBatch> seen, long revision) {
        return seen.stream().anyMatch(batch -> batch.isProgressNotify() && batch.revision() >= revision);
    }

    private static WatchHistory.Change put(String key, String value) {
        return new WatchHistory.Change(WatchEvent.Type.PUT, key, value);
    }

    private static WatchHistory.Change deleted(String key) {
        return new WatchHistory.Change(WatchEvent.Type.DELETE, key, "");
    }

    private static String key(int index) {
        return String.format("g/k%02d", index);
    }

    private String endpoint(String name) {
        ApiServer server = servers.get(name);
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    private EddyClient client(List<String> endpoints, Duration requestTimeout) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new))
                .requestTimeout(requestTimeout).build();
        clients.add(client);
        return client;
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
