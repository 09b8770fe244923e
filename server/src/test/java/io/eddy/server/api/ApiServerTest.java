package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Compare;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
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
import io.eddy.server.testing.BlockHoundExtension;
import io.eddy.server.testing.MiniCluster;
import io.rsocket.exceptions.CustomRSocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The KV routes over a real RSocket connection to members of a real 3-member cluster. */
@ExtendWith(BlockHoundExtension.class)
class ApiServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static MiniCluster cluster;
    private static final List<ApiServer> SERVERS = new ArrayList<>();

    private ApiClient client;

    @BeforeAll
    static void startCluster() {
        cluster = MiniCluster.start(3, dir, s -> s);
        cluster.awaitLeader(WAIT);
        for (EddyNode node : cluster.runningNodes()) {
            SERVERS.add(ApiServer.start(node).block(WAIT));
        }
    }

    @AfterAll
    static void stopCluster() {
        SERVERS.forEach(server -> server.close().block(WAIT));
        SERVERS.clear();
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Each test talks to a follower, so writes and reads also go through forwarding. */
    @BeforeEach
    void connect() {
        EddyNode follower = cluster.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        ApiServer server = SERVERS.stream()
                .filter(s -> s.address().getPort() == follower.config().clientAddress().port())
                .findFirst().orElseThrow();
        client = ApiClient.connect(server.address());
    }

    @AfterEach
    void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void putThenRange() {
        PutResponse put = client.call(Routes.KV_PUT, put("a/k", "v1"), PutResponse.parser()).block(WAIT);
        long revision = put.getHeader().getRevision();
        assertThat(revision).isPositive();
        assertThat(put.getHeader().getMemberId()).isNotZero();

        StepVerifier.create(client.call(Routes.KV_RANGE, get("a/k"), RangeResponse.parser()))
                .assertNext(range -> {
                    assertThat(range.getHeader().getRevision()).isGreaterThanOrEqualTo(revision);
                    assertThat(range.getKvsList()).singleElement().satisfies(kv -> {
                        assertThat(kv.getValue()).isEqualTo(bytes("v1"));
                        assertThat(kv.getModRevision()).isEqualTo(revision);
                    });
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void txnCompareAndSwapSucceedsThenFails() {
        client.call(Routes.KV_PUT, put("cas", "old"), PutResponse.parser()).block(WAIT);
        TxnRequest swap = TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(bytes("cas")).setTarget(Compare.CompareTarget.VALUE)
                        .setResult(Compare.CompareResult.EQUAL).setValue(bytes("old")))
                .addSuccess(RequestOp.newBuilder().setRequestPut(put("cas", "new")))
                .addFailure(RequestOp.newBuilder().setRequestRange(get("cas")))
                .build();

        StepVerifier.create(client.call(Routes.KV_TXN, swap, TxnResponse.parser()))
                .assertNext(txn -> {
                    assertThat(txn.getSucceeded()).isTrue();
                    assertThat(txn.getResponses(0).hasResponsePut()).isTrue();
                })
                .expectComplete().verify(WAIT);
        StepVerifier.create(client.call(Routes.KV_TXN, swap, TxnResponse.parser()))
                .assertNext(txn -> {
                    assertThat(txn.getSucceeded()).isFalse();
                    assertThat(txn.getResponses(0).getResponseRange().getKvs(0).getValue()).isEqualTo(bytes("new"));
                })
                .expectComplete().verify(WAIT);
    }

    @Test
    void deleteReturnsThePreviousValue() {
        client.call(Routes.KV_PUT, put("del", "gone"), PutResponse.parser()).block(WAIT);
        DeleteRangeRequest delete = DeleteRangeRequest.newBuilder().setKey(bytes("del")).setPrevKv(true).build();

        StepVerifier.create(client.call(Routes.KV_DELETE, delete, DeleteRangeResponse.parser()))
                .assertNext(deleted -> {
                    assertThat(deleted.getDeleted()).isEqualTo(1);
                    assertThat(deleted.getPrevKvs(0).getValue()).isEqualTo(bytes("gone"));
                })
                .expectComplete().verify(WAIT);
        assertThat(client.call(Routes.KV_RANGE, get("del"), RangeResponse.parser()).block(WAIT).getKvsCount())
                .isZero();
    }

    @Test
    void aRangeBelowTheCompactRevisionFailsWithCompacted() {
        long first = client.call(Routes.KV_PUT, put("cmp", "1"), PutResponse.parser()).block(WAIT)
                .getHeader().getRevision();
        long second = client.call(Routes.KV_PUT, put("cmp", "2"), PutResponse.parser()).block(WAIT)
                .getHeader().getRevision();
        CompactionRequest compact = CompactionRequest.newBuilder().setRevision(second).setPhysical(true).build();
        assertThat(client.call(Routes.KV_COMPACT, compact, CompactionResponse.parser()).block(WAIT)
                .getHeader().getRevision()).isGreaterThanOrEqualTo(second);

        RangeRequest old = get("cmp").toBuilder().setRevision(first).build();
        StepVerifier.create(client.call(Routes.KV_RANGE, old, RangeResponse.parser()))
                .expectErrorSatisfies(apiError(ErrorCode.COMPACTED, error -> {
                    assertThat(error.getCompactRevision()).isEqualTo(second);
                    assertThat(error.getMessage()).contains("compact");
                }))
                .verify(WAIT);
    }

    @Test
    void aBadPayloadFailsOnlyItsOwnStream() {
        byte[] notProtobuf = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        StepVerifier.create(client.raw(Routes.KV_PUT, notProtobuf))
                .expectErrorSatisfies(apiError(ErrorCode.BAD_PAYLOAD,
                        error -> assertThat(error.getMessage()).contains("eddy.PutRequest")))
                .verify(WAIT);
        assertServesAfterwards();
    }

    @Test
    void anUnknownRouteFails() {
        StepVerifier.create(client.call("kv.nope", get("x"), RangeResponse.parser()))
                .expectErrorSatisfies(apiError(ErrorCode.UNKNOWN_ROUTE,
                        error -> assertThat(error.getMessage()).contains("kv.nope")))
                .verify(WAIT);
        assertServesAfterwards();
    }

    @Test
    void aRequestWithoutRoutingMetadataFails() {
        StepVerifier.create(client.raw(null, get("x").toByteArray()))
                .expectErrorSatisfies(apiError(ErrorCode.INVALID_ARGUMENT, error -> { }))
                .verify(WAIT);
        assertServesAfterwards();
    }

    @Test
    void concurrentStreamsAreIndependent() {
        byte[] notProtobuf = {(byte) 0xFF};
        Mono<String> bad = client.raw(Routes.KV_RANGE, notProtobuf).map(p -> "ok")
                .onErrorResume(CustomRSocketException.class, e -> Mono.just("error " + e.errorCode()));
        Mono<String> good = client.call(Routes.KV_RANGE, get("x"), RangeResponse.parser()).map(r -> "ok");
        StepVerifier.create(Mono.zip(bad, good, bad))
                .assertNext(t -> {
                    assertThat(t.getT1()).isEqualTo("error " + ErrorCode.BAD_PAYLOAD_VALUE);
                    assertThat(t.getT2()).isEqualTo("ok");
                    assertThat(t.getT3()).isEqualTo("error " + ErrorCode.BAD_PAYLOAD_VALUE);
                })
                .expectComplete().verify(WAIT);
    }

    private void assertServesAfterwards() {
        assertThat(client.rsocket().isDisposed()).isFalse();
        StepVerifier.create(client.call(Routes.KV_RANGE, get("still"), RangeResponse.parser()))
                .assertNext(range -> assertThat(range.getHeader().getRevision()).isPositive())
                .expectComplete().verify(WAIT);
    }

    /** Checks an RSocket error carries {@code code} and a decodable {@link Error}. */
    /** Closing a server closes its accepted connections, so clients fail over instead of waiting. */
    @Test
    void closingTheServerClosesItsConnections() {
        EddyNode node = cluster.runningNodes().get(0);
        ApiServer extra = ApiServer.start(node, new io.eddy.server.node.HostPort("127.0.0.1", 0)).block(WAIT);
        try (ApiClient connected = ApiClient.connect(extra.address())) {
            connected.call(Routes.KV_PUT, put("closing", "v"), PutResponse.parser()).block(WAIT);
            extra.close().block(WAIT);
            // The connection ends (the server's close reaches the client as an error or completion).
            StepVerifier.create(connected.rsocket().onClose().onErrorResume(e -> Mono.empty()))
                    .expectComplete().verify(WAIT);
        }
    }

    /** Exactly-once through the wire: a write resent with its request id gets its first result. */
    @Test
    void aWriteResentWithItsRequestIdAppliesOnce() {
        byte[] id = ApiClient.requestId(4242, 1);
        PutResponse first = client.callWithRequestId(Routes.KV_PUT, put("once", "v"), PutResponse.parser(), id)
                .block(WAIT);
        PutResponse again = client.callWithRequestId(Routes.KV_PUT, put("once", "v"), PutResponse.parser(), id)
                .block(WAIT);
        assertThat(again.getHeader().getRevision()).isEqualTo(first.getHeader().getRevision());
        RangeResponse range = client.call(Routes.KV_RANGE, get("once"), RangeResponse.parser()).block(WAIT);
        assertThat(range.getKvs(0).getVersion()).as("applied once").isEqualTo(1);
    }

    @Test
    void aRequestIdOfTheWrongLengthIsRefused() {
        StepVerifier.create(client.callWithRequestId(Routes.KV_PUT, put("bad-id", "v"), PutResponse.parser(),
                        new byte[] {1, 2, 3}))
                .expectErrorSatisfies(apiError(ErrorCode.INVALID_ARGUMENT, error -> { }))
                .verify(WAIT);
    }

    private static Consumer<Throwable> apiError(ErrorCode code, Consumer<Error> more) {
        return failure -> {
            assertThat(failure).isInstanceOf(CustomRSocketException.class);
            CustomRSocketException e = (CustomRSocketException) failure;
            assertThat(e.errorCode()).isEqualTo(code.getNumber());
            assertThat(e.getMessage()).startsWith(code.name() + ": ");
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

    private static RangeRequest get(String key) {
        return RangeRequest.newBuilder().setKey(bytes(key)).build();
    }
}
