package io.eddy.server.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.ByteBufPayload;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** A raw RSocket test client of the API: one connection, composite metadata with a route. */
final class ApiClient implements AutoCloseable {
    private final RSocket rsocket;

    private ApiClient(RSocket rsocket) {
        this.rsocket = rsocket;
    }

    static ApiClient connect(InetSocketAddress address) {
        RSocket rsocket = RSocketConnector.create()
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .connect(TcpClientTransport.create(address.getHostString(), address.getPort()))
                .block(Duration.ofSeconds(10));
        return new ApiClient(rsocket);
    }

    RSocket rsocket() {
        return rsocket;
    }

    /** Sends {@code request} on {@code route} and parses the response with {@code parser}. */
    <R extends Message> Mono<R> call(String route, Message request, Parser<R> parser) {
        return raw(route, request.toByteArray()).map(payload -> {
            try {
                return parser.parseFrom(payload.getData());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            } finally {
                payload.release();
            }
        });
    }

    /** Sends {@code request} on request-stream {@code route} and parses each element with {@code parser}. */
    <R extends Message> reactor.core.publisher.Flux<R> stream(String route, Message request, Parser<R> parser) {
        return reactor.core.publisher.Flux.defer(() -> rsocket.requestStream(
                ByteBufPayload.create(Unpooled.wrappedBuffer(request.toByteArray()), routing(route))))
                .map(payload -> {
                    try {
                        return parser.parseFrom(payload.getData());
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        payload.release();
                    }
                });
    }

    /** Sends {@code data} on {@code route}; {@code route == null} sends no metadata at all. */
    Mono<Payload> raw(String route, byte[] data) {
        return Mono.defer(() -> rsocket.requestResponse(route == null
                ? ByteBufPayload.create(Unpooled.wrappedBuffer(data))
                : ByteBufPayload.create(Unpooled.wrappedBuffer(data), routing(route))));
    }

    /** As {@link #call}, with a request-id metadata entry holding {@code requestId} (any length, for bad input too). */
    <R extends Message> Mono<R> callWithRequestId(String route, Message request, Parser<R> parser, byte[] requestId) {
        return Mono.defer(() -> {
            ByteBuf metadata = routing(route);
            CompositeMetadataCodec.encodeAndAddMetadata((CompositeByteBuf) metadata, ByteBufAllocator.DEFAULT,
                    io.eddy.protocol.Routes.REQUEST_ID_MIME_TYPE, Unpooled.wrappedBuffer(requestId));
            return rsocket.requestResponse(ByteBufPayload.create(Unpooled.wrappedBuffer(request.toByteArray()), metadata));
        }).map(payload -> {
            try {
                return parser.parseFrom(payload.getData());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            } finally {
                payload.release();
            }
        });
    }

    /** The 16 bytes of a request id: client id then sequence, big-endian. */
    static byte[] requestId(long clientId, long sequence) {
        return java.nio.ByteBuffer.allocate(16).putLong(clientId).putLong(sequence).array();
    }

    /** Composite metadata holding one routing entry with tag {@code route}. */
    static ByteBuf routing(String route) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf metadata = alloc.compositeBuffer();
        RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route));
        CompositeMetadataCodec.encodeAndAddMetadata(metadata, alloc, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING,
                routing.getContent());
        return metadata;
    }

    @Override
    public void close() {
        rsocket.dispose();
        rsocket.onClose().onErrorComplete().block(Duration.ofSeconds(10));
    }
}
