package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.Routes;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.RangeStreams;
import io.eddy.server.testing.ApiCluster;
import io.rsocket.exceptions.CustomRSocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@code kv.rangeStream} over a real RSocket connection to a follower of a real 3-member
 * cluster: chunking, demand (REQUEST_N reaches the pages read), limit, refusals, cancellation
 * and compaction of the pinned revision.
 */
class RangeStreamRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 600 keys: pages of 256, 256 and 88. */
    private static final int KEYS = 600;

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyNode follower;

    private ApiClient client;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
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
    void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void eachRequestedChunkCostsOnePageAndNothingIsReadAhead() {
        load("d/", KEYS);
        long before = pagesRead();
        List<RangeResponse> chunks = new ArrayList<>();

        StepVerifier.create(stream(prefix("d/").build()), 1)
                .assertNext(chunks::add)
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(pagesRead() - before).as("pages read for one requested chunk").isEqualTo(1))
                .thenRequest(1)
                .assertNext(chunks::add)
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> assertThat(pagesRead() - before).as("pages read for two requested chunks").isEqualTo(2))
                .thenRequest(10)
                .assertNext(chunks::add)
                .expectComplete()
                .verify(WAIT);

        assertThat(chunks).extracting(RangeResponse::getKvsCount).containsExactly(256, 256, 88);
        assertThat(chunks).extracting(RangeResponse::getMore).containsExactly(true, true, false);
        long revision = chunks.get(0).getHeader().getRevision();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getHeader().getRevision()).isEqualTo(revision);
            assertThat(chunk.getHeader().getMemberId()).isNotZero();
        });
        assertThat(keys(chunks)).isEqualTo(expectedKeys("d/", 0, KEYS));
        assertThat(chunks.get(0).getKvs(0).getValue()).isEqualTo(bytes("value-d/00000"));
    }

    @Test
    void limitSpansChunksAndKeysOnlyDropsValues() {
        load("l/", KEYS);
        List<RangeResponse> chunks = stream(prefix("l/").setLimit(300).setKeysOnly(true).build())
                .collectList().block(WAIT);

        assertThat(chunks).extracting(RangeResponse::getKvsCount).containsExactly(256, 44);
        assertThat(chunks.get(1).getMore()).as("the limit cut keys off").isTrue();
        assertThat(keys(chunks)).isEqualTo(expectedKeys("l/", 0, 300));
        assertThat(chunks).flatExtracting(RangeResponse::getKvsList)
                .allSatisfy(kv -> assertThat(kv.getValue().isEmpty()).isTrue());
    }

    @Test
    void singleKeyAndEmptyRange() {
        load("one/", 3);
        List<RangeResponse> single = stream(RangeRequest.newBuilder().setKey(bytes("one/00001")).build())
                .collectList().block(WAIT);
        assertThat(keys(single)).containsExactly("one/00001");

        List<RangeResponse> empty = stream(prefix("nothing/").build()).collectList().block(WAIT);
        assertThat(empty).singleElement().satisfies(chunk -> {
            assertThat(chunk.getKvsCount()).isZero();
            assertThat(chunk.getMore()).isFalse();
            assertThat(chunk.getHeader().getRevision()).isPositive();
        });
    }

    @Test
    void unstreamableRequestsAreRefusedWithInvalidArgument() {
        StepVerifier.create(stream(prefix("x/").setSortOrder(RangeRequest.SortOrder.DESCEND).build()))
                .expectErrorSatisfies(apiError(ErrorCode.INVALID_ARGUMENT,
                        error -> assertThat(error.getMessage()).contains("ascending key order")))
                .verify(WAIT);
        StepVerifier.create(stream(prefix("x/").setSortTarget(RangeRequest.SortTarget.MOD).build()))
                .expectErrorSatisfies(apiError(ErrorCode.INVALID_ARGUMENT, error -> { }))
                .verify(WAIT);
        StepVerifier.create(stream(prefix("x/").setCountOnly(true).build()))
                .expectErrorSatisfies(apiError(ErrorCode.INVALID_ARGUMENT,
                        error -> assertThat(error.getMessage()).contains("count_only")))
                .verify(WAIT);
        // The connection still serves other streams.
        assertThat(stream(prefix("x/").build()).collectList().block(WAIT)).hasSize(1);
    }

    /**
     * Which pages a cancelled stream reads is RangeChunksTest's (it cancels at a chosen point);
     * counted here, on a member shared by the class's tests, the count around a cancel is a race
     * (CI saw 5 pages against a bound of 3, then 6 against a bound of 5). What is checked here:
     * a stream cancelled after its one requested chunk, or with demand for every remaining page,
     * leaves the connection serving the same range in full.
     */
    @Test
    void cancelledStreamsLeaveTheConnectionServing() throws InterruptedException {
        load("c/", 2 * KEYS); // 5 pages
        BlockingQueue<RangeResponse> received = new ArrayBlockingQueue<>(8);
        BaseSubscriber<RangeResponse> idle = chunkCollector(received);
        stream(prefix("c/").build()).subscribe(idle);
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("first chunk").isNotNull();
        idle.cancel();

        BaseSubscriber<RangeResponse> busy = chunkCollector(received);
        stream(prefix("c/").build()).subscribe(busy);
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("first chunk").isNotNull();
        busy.request(10);
        busy.cancel();

        List<RangeResponse> later = stream(prefix("c/").build()).collectList().block(WAIT);
        assertThat(keys(later)).as("a later stream of the range").isEqualTo(expectedKeys("c/", 0, 2 * KEYS));
    }

    private static BaseSubscriber<RangeResponse> chunkCollector(BlockingQueue<RangeResponse> received) {
        return new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(RangeResponse chunk) {
                received.add(chunk);
            }
        };
    }

    @Test
    void compactionPastThePinnedRevisionEndsTheStreamWithCompacted() {
        load("k/", KEYS);
        StepVerifier.create(stream(prefix("k/").build()), 1)
                .assertNext(chunk -> assertThat(chunk.getKvsCount()).isEqualTo(RangeStreams.MAX_PAGE_KEYS))
                .then(() -> {
                    long later = client.call(Routes.KV_PUT, put("k-after", "x"), PutResponse.parser()).block(WAIT)
                            .getHeader().getRevision();
                    client.call(Routes.KV_COMPACT, CompactionRequest.newBuilder().setRevision(later).build(),
                            CompactionResponse.parser()).block(WAIT);
                    // A linearizable read through the follower: it has applied the compaction.
                    client.call(Routes.KV_RANGE, RangeRequest.newBuilder().setKey(bytes("k-after")).build(),
                            RangeResponse.parser()).block(WAIT);
                })
                .thenRequest(1)
                .expectErrorSatisfies(apiError(ErrorCode.COMPACTED,
                        error -> assertThat(error.getCompactRevision()).isPositive()))
                .verify(WAIT);
    }

    private Flux<RangeResponse> stream(RangeRequest request) {
        return client.stream(Routes.KV_RANGE_STREAM, request, RangeResponse.parser());
    }

    private static long pagesRead() {
        return follower.rangeStreams().pagesRead();
    }

    /** Writes {@code count} keys {@code prefix + %05d}, 100 per txn. */
    private void load(String prefix, int count) {
        for (int start = 0; start < count; start += 100) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int i = start; i < Math.min(count, start + 100); i++) {
                String key = String.format("%s%05d", prefix, i);
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(put(key, "value-" + key)));
            }
            assertThat(client.call(Routes.KV_TXN, txn.build(), TxnResponse.parser()).block(WAIT).getSucceeded())
                    .isTrue();
        }
    }

    private static RangeRequest.Builder prefix(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return RangeRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(ByteString.copyFrom(end));
    }

    private static List<String> keys(List<RangeResponse> chunks) {
        return chunks.stream().flatMap(chunk -> chunk.getKvsList().stream())
                .map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    private static List<String> expectedKeys(String prefix, int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(String.format("%s%05d", prefix, i));
        }
        return keys;
    }

    private static Consumer<Throwable> apiError(ErrorCode code, Consumer<Error> more) {
        return failure -> {
            assertThat(failure).isInstanceOf(CustomRSocketException.class);
            CustomRSocketException e = (CustomRSocketException) failure;
            assertThat(e.errorCode()).isEqualTo(code.getNumber());
            Error error = ErrorCodec.decode(e.errorCode(), e.getMessage());
            assertThat(error.getCode()).isEqualTo(code);
            more.accept(error);
        };
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    private static PutRequest put(String key, String value) {
        return PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build();
    }
}
