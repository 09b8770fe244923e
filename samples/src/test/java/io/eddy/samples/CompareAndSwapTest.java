package io.eddy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.TxnOp;
import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** {@link CompareAndSwap} against a real 3-member cluster. */
class CompareAndSwapTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyClient client;

    @BeforeAll
    static void start() {
        api = ApiCluster.start(3, dir, s -> s);
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
    void concurrentIncrementersEndWithTheExactTotalAndEachIncrementCountsOnce() {
        int writers = 4;
        int increments = 20;
        List<Long> values = Flux.range(1, writers)
                .flatMap(w -> Flux.range(0, increments)
                        .concatMap(i -> CompareAndSwap.increment(client.kv(), "cas/counter", "writer-" + w)), writers)
                .collectList()
                .block(WAIT);

        assertThat(values).as("the value after each increment: 1..N*M, each once")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, writers * increments).boxed().toList());
        assertThat(value("cas/counter")).isEqualTo(writers * increments);
    }

    @Test
    void runAddsWritersTimesIncrementsToAnExistingCounter() {
        client.kv().put(bs("cas/run"), bs("100")).block(WAIT);
        assertThat(CompareAndSwap.run(client.kv(), "cas/run", 3, 5).block(WAIT)).isEqualTo(115);
        assertThat(value("cas/run")).isEqualTo(115);
    }

    @Test
    void anIncrementWhoseReceiptIsStoredIsNotAppliedAgain() {
        // What a maybe-committed failure leaves behind: the txn was applied, the caller did not learn it.
        client.kv().txn()
                .then(TxnOp.put(bs("cas/r"), bs("7")),
                        TxnOp.put(CompareAndSwap.receiptKey("cas/r", "w1"), bs("id-1 7")))
                .commit().block(WAIT);

        assertThat(CompareAndSwap.increment(client.kv(), "cas/r", "w1", "id-1").block(WAIT))
                .as("the earlier result, from the receipt").isEqualTo(7);
        assertThat(value("cas/r")).as("not counted twice").isEqualTo(7);
        assertThat(CompareAndSwap.increment(client.kv(), "cas/r", "w1", "id-2").block(WAIT)).isEqualTo(8);
        assertThat(value("cas/r")).isEqualTo(8);
    }

    private static long value(String key) {
        return Long.parseLong(client.kv().get(bs(key)).block(WAIT).kvs().get(0).value().toUtf8());
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
