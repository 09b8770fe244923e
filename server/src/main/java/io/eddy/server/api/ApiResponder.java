package io.eddy.server.api;

import com.google.protobuf.Message;
import io.eddy.protocol.ErrorCode;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.util.DefaultPayload;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The routes shared by all connections: routes request-response and request-stream
 * interactions by the routing metadata and maps every failure to an RSocket error of that
 * stream only; request-channel, fire-and-forget and metadata push are refused. Each
 * connection reaches it through its own {@link ConnectionResponder}, which checks sizes and
 * admission first.
 */
final class ApiResponder implements RSocket {
    private static final int MAX_ROUTE_IN_MESSAGE = 100;

    private final ApiRoutes routes;

    ApiResponder(ApiRoutes routes) {
        this.routes = routes;
    }

    @Override
    public Mono<Payload> requestResponse(Payload payload) {
        try {
            RouteMetadata metadata = RouteMetadata.parse(payload);
            Route<?> route = routes.responses().get(metadata.route());
            if (route == null) {
                return Mono.error(unknown(metadata.route(), routes.streams().containsKey(metadata.route()),
                        "request-stream"));
            }
            return route.handle(payload.getData(), metadata)
                    .map(ApiResponder::toStreamPayload)
                    .onErrorMap(ApiErrors::toRSocket);
        } catch (RuntimeException e) {
            return Mono.error(ApiErrors.toRSocket(e));
        } finally {
            // A no-op with the default (copying) decoder; required with ZERO_COPY (STACK.md trap 11).
            payload.release();
        }
    }

    @Override
    public Flux<Payload> requestStream(Payload payload) {
        RouteMetadata metadata;
        try {
            metadata = RouteMetadata.parse(payload);
        } catch (RuntimeException e) {
            payload.release();
            return Flux.error(ApiErrors.toRSocket(e));
        }
        return requestStream(payload, metadata);
    }

    /** Whether {@code route} is a watch route ({@link StreamRoute#isWatch()}). */
    boolean isWatch(String route) {
        StreamRoute<?> stream = routes.streams().get(route);
        return stream != null && stream.isWatch();
    }

    /**
     * {@link #requestStream(Payload)} for a caller that has already parsed the metadata (the
     * connection's admission); releases the payload.
     */
    Flux<Payload> requestStream(Payload payload, RouteMetadata metadata) {
        try {
            StreamRoute<?> route = routes.streams().get(metadata.route());
            if (route == null) {
                return Flux.error(unknown(metadata.route(), routes.responses().containsKey(metadata.route()),
                        "request-response"));
            }
            return route.handle(payload.getData(), metadata)
                    .map(ApiResponder::toStreamPayload)
                    .onErrorMap(ApiErrors::toRSocket);
        } catch (RuntimeException e) {
            return Flux.error(ApiErrors.toRSocket(e));
        } finally {
            payload.release();
        }
    }

    /** No route takes a channel yet: the stream fails with UNKNOWN_ROUTE. */
    @Override
    public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
        return Flux.error(ApiErrors.toRSocket(ErrorCode.UNKNOWN_ROUTE,
                "no route takes a request-channel; use request-response or request-stream"));
    }

    /**
     * No route takes fire-and-forget (a write must report its outcome): the payload is dropped
     * and RSocket, which has no way to answer a fire-and-forget, logs the error at debug level.
     */
    @Override
    public Mono<Void> fireAndForget(Payload payload) {
        payload.release();
        return Mono.error(ApiErrors.toRSocket(ErrorCode.UNKNOWN_ROUTE,
                "no route takes fire-and-forget; use request-response"));
    }

    /** Metadata push is not used by the API: dropped as {@link #fireAndForget} is. */
    @Override
    public Mono<Void> metadataPush(Payload payload) {
        payload.release();
        return Mono.error(ApiErrors.toRSocket(ErrorCode.UNKNOWN_ROUTE, "metadata push is not used by this API"));
    }

    private static RuntimeException unknown(String route, boolean otherKind, String kind) {
        return ApiErrors.toRSocket(ErrorCode.UNKNOWN_ROUTE, otherKind
                ? "route '" + route + "' is a " + kind + " route"
                : "unknown route '" + shorten(route) + "'");
    }

    private static Payload toPayload(Message message) {
        return DefaultPayload.create(message.toByteArray());
    }

    /** A stream element's payload (elements are at most about 1 MiB, see {@link LastEncoded}). */
    private static Payload toStreamPayload(Message message) {
        return DefaultPayload.create(LastEncoded.bytesOf(message));
    }

    /**
     * A one-entry cache of the last message encoded on this thread, by identity. The watch hub
     * sends one element instance to every watcher of a cohort in a row, on its own thread, so
     * this encodes it once for all of them; the payloads share the (never written) byte array.
     * Holds at most one stream element (about 1 MiB at most) per thread that encodes them.
     */
    private static final class LastEncoded {
        private static final ThreadLocal<LastEncoded> LAST = ThreadLocal.withInitial(LastEncoded::new);
        private Message message;
        private byte[] bytes;

        static byte[] bytesOf(Message message) {
            LastEncoded last = LAST.get();
            if (last.message != message) {
                last.bytes = message.toByteArray();
                last.message = message;
            }
            return last.bytes;
        }
    }

    private static String shorten(String route) {
        return route.length() <= MAX_ROUTE_IN_MESSAGE ? route : route.substring(0, MAX_ROUTE_IN_MESSAGE) + "...";
    }
}
