package io.eddy.server.api;

import static io.eddy.server.api.OneMemberApi.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.Routes;
import io.eddy.server.testing.BlockHoundExtension;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.exceptions.CanceledException;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.frame.FrameType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.ByteBufPayload;
import io.rsocket.util.DefaultPayload;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Bad input over a real RSocket/TCP connection to a real member: each case gets a clear error
 * on its own stream, while the same connection keeps a long-lived stream open across all cases
 * and answers a request made after each one (checked after every test).
 */
@ExtendWith(BlockHoundExtension.class)
class ApiBadInputTest {
    @TempDir
    static Path dir;

    private static OneMemberApi api;

    @BeforeAll
    static void start() {
        api = OneMemberApi.start(dir);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** After each case: the connection is up, answers a new request, and its stream still flows. */
    @AfterEach
    void theConnectionKeepsServing() {
        assertThat(api.shared.rsocket().isDisposed()).isFalse();
        StepVerifier.create(api.shared.call(Routes.KV_RANGE, get("k"), RangeResponse.parser()))
                .assertNext(range -> assertThat(range.getHeader().getRevision()).isPositive())
                .expectComplete().verify(WAIT);
        api.assertLiveStreamContinues();
        api.awaitInFlight(1);
    }

    @Test
    void bytesThatAreNotProtobufAreBadPayload() {
        expectError(api.shared.raw(Routes.KV_PUT, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                ErrorCode.BAD_PAYLOAD, "eddy.PutRequest");
    }

    @Test
    void anUnknownRouteIsUnknownRoute() {
        expectError(api.shared.raw("kv.nope", get("k").toByteArray()), ErrorCode.UNKNOWN_ROUTE, "kv.nope");
        expectError(OneMemberApi.stream(api.shared, Routes.KV_PUT, get("k").toByteArray()).then(),
                ErrorCode.UNKNOWN_ROUTE, "request-response route");
    }

    @Test
    void noRoutingMetadataIsInvalidArgument() {
        expectError(api.shared.raw(null, get("k").toByteArray()), ErrorCode.INVALID_ARGUMENT, "no route");
    }

    @Test
    void metadataThatIsNotCompositeIsInvalidArgument() {
        for (byte[] metadata : new byte[][] {{(byte) 0x7F}, {0x01, 0x02}, "kv.range".getBytes()}) {
            Mono<Payload> call = Mono.defer(() -> api.shared.rsocket().requestResponse(ByteBufPayload.create(
                    Unpooled.wrappedBuffer(get("k").toByteArray()), Unpooled.wrappedBuffer(metadata))));
            expectError(call, ErrorCode.INVALID_ARGUMENT, "");
        }
    }

    @Test
    void aRequestOverTheRequestLimitIsRequestTooLarge() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        expectError(api.shared.raw(Routes.KV_PUT, twoMiB), ErrorCode.REQUEST_TOO_LARGE, "limits.max-request-bytes");
        byte[] tenMiB = new byte[10 * 1024 * 1024];
        expectError(api.shared.raw(Routes.KV_RANGE, tenMiB), ErrorCode.REQUEST_TOO_LARGE, "10485760 bytes");
    }

    @Test
    void oversizeMetadataIsRequestTooLarge() {
        Mono<Payload> call = Mono.defer(() -> {
            io.netty.buffer.CompositeByteBuf metadata = (io.netty.buffer.CompositeByteBuf) ApiClient.routing(Routes.KV_RANGE);
            io.rsocket.metadata.CompositeMetadataCodec.encodeAndAddMetadata(metadata,
                    io.netty.buffer.ByteBufAllocator.DEFAULT, "application/x-padding",
                    Unpooled.wrappedBuffer(new byte[ConnectionResponder.MAX_METADATA_BYTES]));
            return api.shared.rsocket().requestResponse(ByteBufPayload.create(
                    Unpooled.wrappedBuffer(get("k").toByteArray()), metadata));
        });
        expectError(call, ErrorCode.REQUEST_TOO_LARGE, "metadata");
    }

    /**
     * Past RSocket's 16 MiB frame: an unfragmented request cannot be sent at all (the client's
     * RSocket refuses it locally); a fragmented one is reassembled by the server only up to
     * {@link ApiServer#maxInboundPayloadSize}, above which RSocket cancels that stream with
     * CANCELED. A fragmented request under the cap reaches the size check like any other.
     */
    @Test
    void aRequestAboveTheHardCapIsRefusedOnItsOwnStream() {
        byte[] huge = new byte[ApiServer.MAX_FRAME_BYTES + 1024 * 1024];
        StepVerifier.create(api.shared.raw(Routes.KV_PUT, huge))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class))
                .verify(WAIT);
        RSocket fragmenting = RSocketConnector.create().metadataMimeType(ApiServer.COMPOSITE).fragment(64 * 1024)
                .connect(TcpClientTransport.create(api.server.address().getHostString(), api.server.address().getPort()))
                .block(WAIT);
        try {
            StepVerifier.create(Mono.defer(() -> fragmenting.requestResponse(DefaultPayload.create(huge,
                            io.netty.buffer.ByteBufUtil.getBytes(ApiClient.routing(Routes.KV_PUT))))))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CanceledException.class)
                            .hasMessageContaining("reassemble"))
                    .verify(WAIT);
            expectError(Mono.defer(() -> fragmenting.requestResponse(DefaultPayload.create(new byte[2 * 1024 * 1024],
                    io.netty.buffer.ByteBufUtil.getBytes(ApiClient.routing(Routes.KV_PUT))))),
                    ErrorCode.REQUEST_TOO_LARGE, "limits.max-request-bytes");
            StepVerifier.create(Mono.defer(() -> fragmenting.requestResponse(DefaultPayload.create(
                            get("k").toByteArray(), io.netty.buffer.ByteBufUtil.getBytes(ApiClient.routing(Routes.KV_RANGE))))))
                    .assertNext(Payload::release)
                    .expectComplete().verify(WAIT);
        } finally {
            fragmenting.dispose();
        }
    }

    /**
     * REQUEST_N of zero or less (initial or later) is not a protocol error in RSocket 1.1.5: it
     * reaches the route's publisher, and Reactor ignores a non-positive request. So the stream
     * just gets no demand from it; the connection and the stream carry on.
     */
    @Test
    void nonPositiveRequestNIsIgnored() throws Exception {
        try (RawConnection raw = RawConnection.open(api.server.address())) {
            raw.requestStream(1, TestRoutes.COUNT, TestRoutes.count(5).toByteArray(), 0);
            raw.requestN(1, -3);
            raw.requestN(1, 0);
            raw.requestN(99, 5); // no such stream: ignored
            raw.requestResponse(3, Routes.KV_RANGE, get("k").toByteArray());
            RawConnection.Frame answer = raw.next();
            assertThat(answer.streamId()).as("nothing on stream 1 before stream 3's answer").isEqualTo(3);
            assertThat(answer.type()).isEqualTo(FrameType.NEXT_COMPLETE);
            raw.requestN(1, 2);
            assertThat(raw.next()).isEqualTo(new RawConnection.Frame(1, FrameType.NEXT, 0, ""));
            assertThat(raw.next()).isEqualTo(new RawConnection.Frame(1, FrameType.NEXT, 0, ""));
            raw.requestN(1, Integer.MAX_VALUE); // unbounded: the rest of the (finite) stream
            for (int i = 0; i < 3; i++) {
                assertThat(raw.next()).isEqualTo(new RawConnection.Frame(1, FrameType.NEXT, 0, ""));
            }
            assertThat(raw.next()).isEqualTo(new RawConnection.Frame(1, FrameType.COMPLETE, 0, ""));
        }
    }

    @Test
    void requestChannelIsUnknownRoute() {
        Flux<Payload> channel = api.shared.rsocket().requestChannel(Flux.just(
                ByteBufPayload.create(Unpooled.wrappedBuffer(get("k").toByteArray()), ApiClient.routing(Routes.KV_RANGE))));
        expectError(channel.then(), ErrorCode.UNKNOWN_ROUTE, "request-channel");
    }

    /** Fire-and-forget and metadata push have no answer: they are dropped, and nothing else changes. */
    @Test
    void fireAndForgetAndMetadataPushAreDropped() {
        StepVerifier.create(api.shared.rsocket().fireAndForget(ByteBufPayload.create(
                        Unpooled.wrappedBuffer(put("fnf", "v").toByteArray()), ApiClient.routing(Routes.KV_PUT))))
                .expectComplete().verify(WAIT);
        StepVerifier.create(api.shared.rsocket().metadataPush(ByteBufPayload.create(Unpooled.EMPTY_BUFFER,
                        ApiClient.routing(Routes.KV_PUT))))
                .expectComplete().verify(WAIT);
        StepVerifier.create(api.shared.call(Routes.KV_RANGE, get("fnf"), RangeResponse.parser()))
                .assertNext(range -> assertThat(range.getKvsCount()).as("the fire-and-forget put was not applied")
                        .isZero())
                .expectComplete().verify(WAIT);
    }

    private static void expectError(Mono<?> call, ErrorCode code, String messagePart) {
        StepVerifier.create(call)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CustomRSocketException.class);
                    assertThat(((CustomRSocketException) e).errorCode()).isEqualTo(code.getNumber());
                    assertThat(e.getMessage()).startsWith(code.name() + ": ").contains(messagePart);
                })
                .verify(WAIT);
    }

    private static RangeRequest get(String key) {
        return RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).build();
    }

    private static io.eddy.protocol.PutRequest put(String key, String value) {
        return io.eddy.protocol.PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                .setValue(ByteString.copyFromUtf8(value)).build();
    }
}
