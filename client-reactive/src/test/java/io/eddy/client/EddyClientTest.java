package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.BlockHoundExtension;
import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The KV client against a real 3-member cluster with an ApiServer per member. */
@ExtendWith(BlockHoundExtension.class)
class EddyClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ApiCluster api;

    private EddyClient client;

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

    @BeforeEach
    void connect() {
        client = EddyClient.builder()
                .endpoints(api.endpoints().toArray(String[]::new))
                .build();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void putThenGetRoundTrip() {
        PutResult first = client.kv().put(bs("rt/k"), bs("v1")).block(WAIT);
        PutResult second = client.kv().put(bs("rt/k"), bs("v2"), PutOptions.DEFAULTS.withPrevKv(true)).block(WAIT);
        assertThat(second.header().revision()).isGreaterThan(first.header().revision());
        assertThat(second.header().memberId()).isNotZero();
        assertThat(second.prevKv()).hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(bs("v1")));

        StepVerifier.create(client.kv().get(bs("rt/k")))
                .assertNext(result -> {
                    assertThat(result.count()).isEqualTo(1);
                    assertThat(result.kvs()).singleElement().satisfies(kv -> {
                        assertThat(kv.key()).isEqualTo(bs("rt/k"));
                        assertThat(kv.value()).isEqualTo(bs("v2"));
                        assertThat(kv.version()).isEqualTo(2);
                        assertThat(kv.createRevision()).isEqualTo(first.header().revision());
                        assertThat(kv.modRevision()).isEqualTo(second.header().revision());
                    });
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void getWithPrefixOptions() {
        for (String key : List.of("pre/a", "pre/b", "pre/c", "prf")) {
            client.kv().put(bs(key), bs("x-" + key)).block(WAIT);
        }
        GetResult all = client.kv().get(bs("pre/"), GetOptions.prefix(bs("pre/"))).block(WAIT);
        assertThat(all.kvs()).extracting(kv -> kv.key().toUtf8()).containsExactly("pre/a", "pre/b", "pre/c");
        assertThat(all.count()).isEqualTo(3);

        GetResult limited = client.kv().get(bs("pre/"), GetOptions.prefix(bs("pre/")).withLimit(2).withKeysOnly(true))
                .block(WAIT);
        assertThat(limited.more()).isTrue();
        assertThat(limited.kvs()).extracting(kv -> kv.key().toUtf8()).containsExactly("pre/a", "pre/b");
        assertThat(limited.kvs()).allSatisfy(kv -> assertThat(kv.value().isEmpty()).isTrue());

        GetResult counted = client.kv().get(bs("pre/"), GetOptions.prefix(bs("pre/")).withCountOnly(true)).block(WAIT);
        assertThat(counted.count()).isEqualTo(3);
        assertThat(counted.kvs()).isEmpty();
    }

    @Test
    void deleteWithPrevKv() {
        client.kv().put(bs("del/a"), bs("1")).block(WAIT);
        client.kv().put(bs("del/b"), bs("2")).block(WAIT);
        DeleteResult deleted = client.kv().delete(bs("del/"), DeleteOptions.prefix(bs("del/")).withPrevKv(true))
                .block(WAIT);
        assertThat(deleted.deleted()).isEqualTo(2);
        assertThat(deleted.prevKvs()).extracting(kv -> kv.value().toUtf8()).containsExactly("1", "2");
        assertThat(client.kv().get(bs("del/a")).block(WAIT).kvs()).isEmpty();
        assertThat(client.kv().delete(bs("del/a")).block(WAIT).deleted()).isZero();
    }

    @Test
    void getBelowTheCompactRevisionFailsWithRevisionException() {
        long old = client.kv().put(bs("cmp/k"), bs("old")).block(WAIT).header().revision();
        long latest = client.kv().put(bs("cmp/k"), bs("new")).block(WAIT).header().revision();
        assertThat(client.kv().compact(latest).block(WAIT)).isGreaterThanOrEqualTo(latest);

        StepVerifier.create(client.kv().get(bs("cmp/k"), GetOptions.DEFAULTS.withRevision(old)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RevisionException.class);
                    RevisionException revision = (RevisionException) error;
                    assertThat(revision.code()).isEqualTo(ErrorCode.COMPACTED);
                    assertThat(revision.compactRevision()).isGreaterThanOrEqualTo(latest);
                    assertThat(revision.isRetryable()).isFalse();
                })
                .verify(WAIT);
    }

    @Test
    void emptyKeyIsAnInvalidRequest() {
        StepVerifier.create(client.kv().put(ByteSequence.EMPTY, bs("v")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InvalidRequestException.class);
                    assertThat(((EddyClientException) error).code()).isEqualTo(ErrorCode.EMPTY_KEY);
                    assertThat(((EddyClientException) error).isRetryable()).isFalse();
                })
                .verify(WAIT);
    }

    @Test
    void publishersAreColdAndResubscriptionSendsAgain() {
        Mono<PutResult> put = client.kv().put(bs("cold/k"), bs("v"));
        StepVerifier.create(client.kv().get(bs("cold/k")))
                .assertNext(result -> assertThat(result.kvs()).isEmpty())
                .expectComplete().verify(WAIT);

        long first = put.block(WAIT).header().revision();
        long second = put.block(WAIT).header().revision();
        assertThat(second).as("a second subscription is a second write").isGreaterThan(first);
        StepVerifier.create(client.kv().get(bs("cold/k")))
                .assertNext(result -> assertThat(result.kvs()).singleElement()
                        .satisfies(kv -> assertThat(kv.version()).isEqualTo(2)))
                .expectComplete().verify(WAIT);
    }

    @Test
    void txnCompareAndSwapSucceedsThenFails() {
        client.kv().put(bs("txn/k"), bs("old")).block(WAIT);
        Txn swap = client.kv().txn()
                .when(Cmp.value(bs("txn/k"), Cmp.Op.EQUAL, bs("old")))
                .then(TxnOp.put(bs("txn/k"), bs("new"), PutOptions.DEFAULTS.withPrevKv(true)))
                .otherwise(TxnOp.get(bs("txn/k"), GetOptions.DEFAULTS));

        TxnResult first = swap.commit().block(WAIT);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.results()).singleElement().isInstanceOfSatisfying(PutResult.class, put -> {
            assertThat(put.header().revision()).isEqualTo(first.header().revision());
            assertThat(put.prevKv()).hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(bs("old")));
        });

        TxnResult second = swap.commit().block(WAIT);
        assertThat(second.succeeded()).isFalse();
        assertThat(second.results()).singleElement().isInstanceOfSatisfying(GetResult.class,
                get -> assertThat(get.kvs()).singleElement()
                        .satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("new"))));
    }

    @Test
    void sortsBeforeTheLimitAndPutsWithIgnoreValue() {
        client.kv().put(bs("sort/a"), bs("3")).block(WAIT);
        client.kv().put(bs("sort/b"), bs("1")).block(WAIT);
        client.kv().put(bs("sort/c"), bs("2")).block(WAIT);
        GetOptions byValue = GetOptions.prefix(bs("sort/")).withLimit(2)
                .withSort(GetOptions.SortTarget.VALUE, GetOptions.SortOrder.DESCEND);
        GetResult sorted = client.kv().get(bs("sort/"), byValue).block(WAIT);
        assertThat(sorted.kvs()).extracting(KeyValue::key).containsExactly(bs("sort/a"), bs("sort/c"));
        assertThat(sorted.more()).isTrue();

        PutResult kept = client.kv().put(bs("sort/b"), ByteSequence.EMPTY,
                PutOptions.DEFAULTS.withIgnoreValue(true).withPrevKv(true)).block(WAIT);
        assertThat(kept.prevKv()).hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(bs("1")));
        assertThat(client.kv().get(bs("sort/b")).block(WAIT).kvs().get(0).value()).isEqualTo(bs("1"));
        StepVerifier.create(client.kv().put(bs("sort/none"), ByteSequence.EMPTY, PutOptions.DEFAULTS.withIgnoreValue(true)))
                .expectErrorSatisfies(e -> assertThat(((EddyClientException) e).code()).isEqualTo(ErrorCode.KEY_NOT_FOUND))
                .verify(WAIT);
    }

    static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
