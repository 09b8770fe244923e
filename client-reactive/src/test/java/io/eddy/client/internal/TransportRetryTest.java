package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.ErrorCode;
import io.eddy.client.InvalidRequestException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Error;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.Routes;
import io.eddy.server.api.ErrorCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Retries and request ids against a scripted RSocket responder that records what it receives. */
class TransportRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Request ids (hex, "-" when absent) of the requests received, in order. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private CloseableChannel server;
    private EddyClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.dispose();
            server.onClose().block(WAIT);
        }
    }

    /** Serves every request with {@code answer.apply(number of the request, from 1)}. */
    private void serve(IntFunction<Mono<Payload>> answer) {
        serve(answer, 0);
        client = EddyClient.builder().endpoints("127.0.0.1:" + server.address().getPort()).build();
    }

    /** Starts the scripted responder on {@code port} (0: any free port); does not touch the client. */
    private void serve(IntFunction<Mono<Payload>> answer, int port) {
        RSocket responder = new RSocket() {
            @Override
            public Mono<Payload> requestResponse(Payload payload) {
                String id = "-";
                for (CompositeMetadata.Entry entry : new CompositeMetadata(payload.metadata(), false)) {
                    if (Routes.REQUEST_ID_MIME_TYPE.equals(entry.getMimeType())) {
                        id = ByteBufUtil.hexDump(entry.getContent());
                    }
                }
                payload.release();
                received.add(id);
                return answer.apply(received.size());
            }
        };
        server = RSocketServer.create((setup, requester) -> Mono.just(responder))
                .bind(TcpServerTransport.create("127.0.0.1", port)).block(WAIT);
    }

    private static Mono<Payload> fail(io.eddy.protocol.ErrorCode code) {
        Error error = Error.newBuilder().setCode(code).setMessage("scripted").build();
        return Mono.error(new CustomRSocketException(ErrorCodec.rsocketCode(error), ErrorCodec.encode(error)));
    }

    private static Mono<Payload> failMaybeApplied(io.eddy.protocol.ErrorCode code) {
        Error error = Error.newBuilder().setCode(code).setMessage("scripted").setMaybeApplied(true).build();
        return Mono.error(new CustomRSocketException(ErrorCodec.rsocketCode(error), ErrorCodec.encode(error)));
    }

    private static Mono<Payload> ok(long revision) {
        PutResponse response = PutResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(revision)).build();
        return Mono.just(DefaultPayload.create(Unpooled.wrappedBuffer(response.toByteArray())));
    }

    @Test
    void retryableWriteFailureIsRetriedWithTheSameRequestId() {
        serve(n -> n < 3 ? fail(io.eddy.protocol.ErrorCode.NO_LEADER) : ok(7));
        StepVerifier.create(client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v")))
                .assertNext(put -> assertThat(put.header().revision()).isEqualTo(7))
                .expectComplete().verify(WAIT);
        assertThat(received).hasSize(3);
        assertThat(received.get(0)).hasSize(32).isNotEqualTo("-");
        assertThat(received).containsOnly(received.get(0));
    }

    @Test
    void writeMarkedMaybeAppliedByTheMemberIsMaybeCommittedWhateverItsCode() {
        serve(n -> failMaybeApplied(io.eddy.protocol.ErrorCode.NO_LEADER));
        StepVerifier.create(client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UnavailableException.class);
                    assertThat(((UnavailableException) error).code()).isEqualTo(ErrorCode.NO_LEADER);
                    assertThat(((UnavailableException) error).isMaybeCommitted()).isTrue();
                })
                .verify(WAIT);
    }

    @Test
    void writeStaysMaybeCommittedWhenOnlyAnEarlierAttemptMayHaveBeenApplied() {
        serve(n -> n == 1 ? failMaybeApplied(io.eddy.protocol.ErrorCode.TIMEOUT)
                : fail(io.eddy.protocol.ErrorCode.NO_LEADER));
        StepVerifier.create(client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UnavailableException.class);
                    UnavailableException e = (UnavailableException) error;
                    assertThat(e.code()).as("the last attempt's code").isEqualTo(ErrorCode.NO_LEADER);
                    assertThat(e.isMaybeCommitted()).as("the first attempt may have been applied").isTrue();
                    assertThat(e.getMessage()).contains("earlier attempt may have been applied");
                })
                .verify(WAIT);
        assertThat(received).hasSize(3);
    }

    @Test
    void writeRefusedBeforeTheLogOnEveryAttemptIsNotMaybeCommitted() {
        serve(n -> fail(io.eddy.protocol.ErrorCode.NO_LEADER));
        StepVerifier.create(client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v")))
                .expectErrorSatisfies(error -> assertThat(((UnavailableException) error).isMaybeCommitted()).isFalse())
                .verify(WAIT);
    }

    @Test
    void eachSubscriptionIsANewWriteWithANewRequestId() {
        serve(n -> ok(n));
        Mono<?> put = client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v"));
        assertThat(received).as("cold: nothing sent before subscribing").isEmpty();
        put.block(WAIT);
        put.block(WAIT);
        assertThat(received).hasSize(2).doesNotHaveDuplicates();
        byte[] first = HexFormat.of().parseHex(received.get(0));
        byte[] second = HexFormat.of().parseHex(received.get(1));
        assertThat(java.util.Arrays.copyOf(first, 8)).as("same client id").isEqualTo(java.util.Arrays.copyOf(second, 8));
    }

    @Test
    void invalidRequestIsNotRetried() {
        serve(n -> fail(io.eddy.protocol.ErrorCode.EMPTY_KEY));
        StepVerifier.create(client.kv().put(ByteSequence.EMPTY, ByteSequence.fromUtf8("v")))
                .expectError(InvalidRequestException.class).verify(WAIT);
        assertThat(received).hasSize(1);
    }

    @Test
    void readsAreRetriedABoundedNumberOfTimesWithoutRequestId() {
        serve(n -> fail(io.eddy.protocol.ErrorCode.UNAVAILABLE));
        StepVerifier.create(client.kv().get(ByteSequence.fromUtf8("k")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UnavailableException.class);
                    assertThat(((UnavailableException) error).code()).isEqualTo(ErrorCode.UNAVAILABLE);
                })
                .verify(WAIT);
        assertThat(received).containsExactly("-", "-", "-");
    }

    @Test
    void unreachableEndpointIsConnectionLost() {
        serve(n -> ok(n));
        int port = server.address().getPort();
        server.dispose();
        server.onClose().block(WAIT);
        server = null;
        client.close();
        client = EddyClient.builder().endpoints("127.0.0.1:" + port).build();
        StepVerifier.create(client.kv().get(ByteSequence.fromUtf8("k")))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(UnavailableException.class);
                    assertThat(((UnavailableException) error).code()).isEqualTo(ErrorCode.CONNECTION_LOST);
                })
                .verify(WAIT);
    }

    /**
     * A member that was down when the client first tried it (connection refused) and then comes
     * back on its address is used again: a failed connection attempt must not end the endpoint's
     * connection for good (found by the robustness suite: a client pinned to a killed member
     * failed every call after the member restarted).
     */
    @Test
    void anEndpointThatWasDownIsUsedAgainWhenItComesBack() {
        serve(n -> ok(n));
        int port = server.address().getPort();
        server.dispose();
        server.onClose().block(WAIT);
        server = null;
        StepVerifier.create(client.kv().get(ByteSequence.fromUtf8("k")))
                .expectErrorSatisfies(error -> assertThat(((UnavailableException) error).code())
                        .isEqualTo(ErrorCode.CONNECTION_LOST))
                .verify(WAIT);
        serve(n -> ok(40 + n), port);
        StepVerifier.create(client.kv().put(ByteSequence.fromUtf8("k"), ByteSequence.fromUtf8("v")))
                .assertNext(put -> assertThat(put.header().revision()).isEqualTo(41))
                .expectComplete().verify(WAIT);
    }
}
