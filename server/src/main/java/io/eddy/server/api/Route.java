package io.eddy.server.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.eddy.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One request-response route: the request message it accepts and the call that answers it.
 *
 * @param <Q> the request message
 */
final class Route<Q extends Message> {
    private final Q prototype;
    private final BiFunction<Q, RouteMetadata, Mono<? extends Message>> call;

    private Route(Q prototype, BiFunction<Q, RouteMetadata, Mono<? extends Message>> call) {
        this.prototype = prototype;
        this.call = call;
    }

    /** A route taking {@code prototype}'s message type and answering with {@code call}. */
    static <Q extends Message> Route<Q> of(Q prototype, Function<Q, Mono<? extends Message>> call) {
        return new Route<>(prototype, (request, metadata) -> call.apply(request));
    }

    /** As {@link #of}, for a call that also reads the request's metadata (the request id of a write). */
    static <Q extends Message> Route<Q> withMetadata(Q prototype,
            BiFunction<Q, RouteMetadata, Mono<? extends Message>> call) {
        return new Route<>(prototype, call);
    }

    /**
     * Parses {@code data} now (on the calling thread, so the caller may release the payload
     * right after) and returns the lazy answer.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException BAD_PAYLOAD when it does not parse
     */
    Mono<? extends Message> handle(ByteBuffer data, RouteMetadata metadata) {
        return call.apply(parse(prototype, data), metadata);
    }

    /**
     * {@code data} parsed as {@code prototype}'s message type.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException BAD_PAYLOAD when it does not parse
     */
    static <Q extends Message> Q parse(Q prototype, ByteBuffer data) {
        try {
            @SuppressWarnings("unchecked")
            Q parsed = (Q) prototype.getParserForType().parseFrom(data);
            return parsed;
        } catch (InvalidProtocolBufferException e) {
            throw ApiErrors.toRSocket(ErrorCode.BAD_PAYLOAD, "payload is not a "
                    + prototype.getDescriptorForType().getFullName() + ": " + e.getMessage());
        }
    }
}
