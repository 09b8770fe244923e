package io.eddy.server.api;

import com.google.protobuf.Message;
import io.eddy.protocol.ErrorCode;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.util.DefaultPayload;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The responder shared by all connections: routes request-response by the routing metadata
 * and maps every failure to an RSocket error of that stream only.
 */
final class ApiResponder implements RSocket {
    private static final int MAX_ROUTE_IN_MESSAGE = 100;

    private final Map<String, Route<?>> routes;

    ApiResponder(Map<String, Route<?>> routes) {
        this.routes = Map.copyOf(routes);
    }

    @Override
    public Mono<Payload> requestResponse(Payload payload) {
        try {
            RouteMetadata metadata = RouteMetadata.parse(payload);
            Route<?> route = routes.get(metadata.route());
            if (route == null) {
                return Mono.error(ApiErrors.toRSocket(ErrorCode.UNKNOWN_ROUTE,
                        "unknown route '" + shorten(metadata.route()) + "'"));
            }
            return route.handle(payload.getData(), metadata)
                    .map(ApiResponder::toPayload)
                    .onErrorMap(ApiErrors::toRSocket);
        } catch (RuntimeException e) {
            return Mono.error(ApiErrors.toRSocket(e));
        } finally {
            // A no-op with the default (copying) decoder; required with ZERO_COPY (STACK.md trap 11).
            payload.release();
        }
    }

    private static Payload toPayload(Message message) {
        return DefaultPayload.create(message.toByteArray());
    }

    private static String shorten(String route) {
        return route.length() <= MAX_ROUTE_IN_MESSAGE ? route : route.substring(0, MAX_ROUTE_IN_MESSAGE) + "...";
    }
}
