package io.eddy.server.api;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Flux;

/**
 * One request-stream route: the request message it accepts and the call that answers it with
 * a stream of messages. The stream must honour demand (RSocket's {@code REQUEST_N} reaches it
 * exactly): it may produce no more messages than requested, so a slow reader costs the
 * server nothing but the stream's own state.
 *
 * <p>A route is either a bounded stream (admitted against the request counts, like a
 * request-response) or a <em>watch</em>: long-lived, costing a bounded watcher rather than a
 * request's work, admitted against the member's watch count ({@code api.max-watches}) instead.
 *
 * @param <Q> the request message
 */
final class StreamRoute<Q extends Message> {
    private final Q prototype;
    private final BiFunction<Q, RouteMetadata, Flux<? extends Message>> call;
    private final boolean watch;

    private StreamRoute(Q prototype, BiFunction<Q, RouteMetadata, Flux<? extends Message>> call, boolean watch) {
        this.prototype = prototype;
        this.call = call;
        this.watch = watch;
    }

    /** A bounded stream route taking {@code prototype}'s message type and answering with {@code call}. */
    static <Q extends Message> StreamRoute<Q> of(Q prototype, Function<Q, Flux<? extends Message>> call) {
        return new StreamRoute<>(prototype, (request, metadata) -> call.apply(request), false);
    }

    /** As {@link #of}, for a call that also reads the request's metadata. */
    static <Q extends Message> StreamRoute<Q> withMetadata(Q prototype,
            BiFunction<Q, RouteMetadata, Flux<? extends Message>> call) {
        return new StreamRoute<>(prototype, call, false);
    }

    /** A watch route (see the class documentation) taking {@code prototype}'s message type. */
    static <Q extends Message> StreamRoute<Q> watch(Q prototype, Function<Q, Flux<? extends Message>> call) {
        return new StreamRoute<>(prototype, (request, metadata) -> call.apply(request), true);
    }

    /** Whether this route is a watch, admitted against the watch count. */
    boolean isWatch() {
        return watch;
    }

    /**
     * Parses {@code data} now (on the calling thread, so the caller may release the payload
     * right after) and returns the lazy stream.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException BAD_PAYLOAD when it does not parse
     */
    Flux<? extends Message> handle(ByteBuffer data, RouteMetadata metadata) {
        return call.apply(Route.parse(prototype, data), metadata);
    }
}
