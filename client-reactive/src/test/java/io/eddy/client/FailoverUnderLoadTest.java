package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The leader the client is connected to dies while reads and writes are in flight. Reads must
 * carry on through the other members; every write must have either succeeded exactly once
 * (its key holds its revision, version 1) or failed with an exception whose
 * {@code isMaybeCommitted()} is true whenever the write is in fact in the store.
 */
class FailoverUnderLoadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WRITES = 600;
    private static final int WRITES_BEFORE_KILL = 150;
    private static final int IN_FLIGHT = 16;

    @TempDir
    Path dir;

    private ApiCluster api;
    private final List<EddyClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        api = ApiCluster.start(3, dir, MiniCluster.TEST_TIMEOUTS);
    }

    @AfterEach
    void stop() {
        clients.forEach(EddyClient::close);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void readsContinueAndEveryWriteIsExactlyOnceOrAccuratelyReported() throws Exception {
        String victim = api.cluster().awaitLeader(WAIT).name();
        List<String> endpoints = api.endpointsStartingWith(victim);
        EddyClient client = client(endpoints);
        client.kv().put(bs("fl/read"), bs("r")).block(WAIT);

        Map<Integer, Long> succeeded = new ConcurrentHashMap<>();
        Map<Integer, Throwable> failed = new ConcurrentHashMap<>();
        CountDownLatch enoughWrites = new CountDownLatch(WRITES_BEFORE_KILL);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readsAfterKill = new AtomicInteger();
        List<Throwable> readFailuresAfterKill = new java.util.concurrent.CopyOnWriteArrayList<>();

        Mono<Void> writes = Flux.range(0, WRITES)
                .flatMap(i -> client.kv().put(key(i), bs("v" + i))
                        .doOnNext(put -> succeeded.put(i, put.header().revision()))
                        .doOnError(e -> failed.put(i, e))
                        .onErrorResume(e -> Mono.empty())
                        .doFinally(signal -> enoughWrites.countDown()), IN_FLIGHT)
                .then()
                .doFinally(signal -> writing.set(false));
        Mono<Void> reads = Flux.range(0, 4)
                .flatMap(reader -> Mono.defer(() -> {
                    boolean afterKill = killed.get();
                    return client.kv().get(bs("fl/read"))
                            .doOnNext(get -> {
                                if (afterKill) {
                                    readsAfterKill.incrementAndGet();
                                }
                            })
                            .doOnError(e -> {
                                if (afterKill) {
                                    readFailuresAfterKill.add(e);
                                }
                            })
                            .onErrorResume(e -> Mono.empty());
                }).repeat(writing::get))
                .then();

        Mono<Void> load = Mono.when(writes, reads).subscribeOn(Schedulers.boundedElastic()).cache();
        load.subscribe();
        assertThat(enoughWrites.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("writes under way").isTrue();
        api.kill(victim);
        killed.set(true);
        load.block(Duration.ofSeconds(120));

        org.slf4j.LoggerFactory.getLogger(FailoverUnderLoadTest.class).info(
                "writes: {} succeeded, {} failed ({} maybe committed); reads after the kill: {} ok, {} failed",
                succeeded.size(), failed.size(),
                failed.values().stream().filter(e -> e instanceof EddyClientException c && c.isMaybeCommitted()).count(),
                readsAfterKill.get(), readFailuresAfterKill.size());
        assertThat(succeeded.size() + failed.size()).isEqualTo(WRITES);
        assertThat(succeeded.size()).as("most writes survive the failover (retried with their request id)")
                .isGreaterThan(WRITES_BEFORE_KILL);
        assertThat(readsAfterKill.get()).as("reads carried on through the other members").isGreaterThan(0);
        assertThat(readFailuresAfterKill).as("reads after the kill fail only with retryable errors")
                .allSatisfy(e -> assertThat(((EddyClientException) e).isRetryable()).isTrue());

        EddyClient checker = client(endpoints.subList(1, endpoints.size()));
        GetResult stored = checker.kv().get(bs("fl/w/"), GetOptions.prefix(bs("fl/w/"))).block(WAIT);
        Map<ByteSequence, KeyValue> byKey = new java.util.HashMap<>();
        stored.kvs().forEach(kv -> byKey.put(kv.key(), kv));
        succeeded.forEach((i, revision) -> assertThat(byKey.get(key(i)))
                .as("write %d succeeded at %d", i, revision).isNotNull()
                .satisfies(kv -> {
                    assertThat(kv.version()).as("applied once").isEqualTo(1);
                    assertThat(kv.modRevision()).isEqualTo(revision);
                }));
        failed.forEach((i, error) -> {
            assertThat(error).isInstanceOf(EddyClientException.class);
            KeyValue kv = byKey.get(key(i));
            if (kv != null) {
                assertThat(kv.version()).as("write %d applied once", i).isEqualTo(1);
                assertThat(((EddyClientException) error).isMaybeCommitted())
                        .as("write %d is in the store, so its failure (%s) must say maybe committed", i, error)
                        .isTrue();
            }
        });
        assertThat(byKey.size()).as("no write appeared from nowhere").isLessThanOrEqualTo(WRITES);
    }

    private static ByteSequence key(int i) {
        return bs(String.format("fl/w/%04d", i));
    }

    private EddyClient client(List<String> endpoints) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
        clients.add(client);
        return client;
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
