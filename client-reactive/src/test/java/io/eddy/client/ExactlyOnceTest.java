package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once writes through the wire: a proxy in front of the client's first member swallows
 * the response of a write that the cluster applied; the client's retry (same request id, next
 * member) must get the first result back, and the cluster must show a single apply.
 */
class ExactlyOnceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Short, so the lost answer costs one attempt (a third of it) before the retry. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    private ApiCluster api;
    private FrameProxy proxy;
    private EddyClient client;

    @BeforeEach
    void start() {
        api = ApiCluster.start(3, dir, s -> s);
        List<String> endpoints = new ArrayList<>(api.endpoints());
        proxy = FrameProxy.to(api.servers().values().iterator().next().address());
        endpoints.set(0, proxy.endpoint());
        client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).requestTimeout(REQUEST_TIMEOUT)
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void putWhoseResponseIsLostIsAppliedOnceAndTheRetryReturnsTheFirstRevision() {
        long before = client.kv().put(bs("eo/warm"), bs("x")).block(WAIT).header().revision();

        proxy.dropResponses(1);
        PutResult put = client.kv().put(bs("eo/k"), bs("v")).block(WAIT);

        assertThat(proxy.dropped()).as("the first answer was lost, so the result came from a retry").isEqualTo(1);
        assertThat(put.header().revision()).as("the first apply's revision").isEqualTo(before + 1);
        GetResult get = client.kv().get(bs("eo/k")).block(WAIT);
        assertThat(get.header().revision()).as("no second apply made a revision").isEqualTo(before + 1);
        assertThat(get.kvs()).singleElement().satisfies(kv -> {
            assertThat(kv.version()).as("applied once").isEqualTo(1);
            assertThat(kv.createRevision()).isEqualTo(put.header().revision());
            assertThat(kv.modRevision()).isEqualTo(put.header().revision());
        });
    }

    @Test
    void txnWhoseResponseIsLostIsNotRunTwice() {
        long before = client.kv().put(bs("eo/counter"), bs("0")).block(WAIT).header().revision();
        // A compare-and-set: applied twice, the second run would take the else branch.
        Txn txn = client.kv().txn()
                .when(Cmp.value(bs("eo/counter"), Cmp.Op.EQUAL, bs("0")))
                .then(TxnOp.put(bs("eo/counter"), bs("1")))
                .otherwise(TxnOp.put(bs("eo/lost"), bs("second run")));

        proxy.dropResponses(1);
        TxnResult result = txn.commit().block(WAIT);

        assertThat(proxy.dropped()).isEqualTo(1);
        assertThat(result.succeeded()).as("the retry returns the first run's outcome").isTrue();
        assertThat(result.header().revision()).isEqualTo(before + 1);
        assertThat(client.kv().get(bs("eo/lost")).block(WAIT).kvs()).isEmpty();
        assertThat(client.kv().get(bs("eo/counter")).block(WAIT).kvs())
                .singleElement().satisfies(kv -> assertThat(kv.version()).isEqualTo(2));
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
