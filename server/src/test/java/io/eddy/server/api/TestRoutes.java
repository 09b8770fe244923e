package io.eddy.server.api;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Test-only routes added to a member's real ones, to hold interactions open on purpose. */
final class TestRoutes {
    /** Request-response that never answers (until cancelled). */
    static final String HANG = "test.hang";
    /** Stream of {@code RangeResponse{count = 0, 1, ...}}, {@code RangeRequest.limit} long, honouring demand. */
    static final String COUNT = "test.count";
    /** Stream of one element, then UNAVAILABLE. */
    static final String FAIL = "test.fail";

    private TestRoutes() {
    }

    /** {@code routes} plus the test routes. */
    static ApiRoutes with(ApiRoutes routes) {
        Map<String, Route<?>> responses = new HashMap<>(routes.responses());
        Map<String, StreamRoute<?>> streams = new HashMap<>(routes.streams());
        responses.put(HANG, Route.of(RangeRequest.getDefaultInstance(), request -> Mono.never()));
        streams.put(COUNT, StreamRoute.of(RangeRequest.getDefaultInstance(), request -> Flux.<RangeResponse, Long>generate(
                () -> 0L, (next, sink) -> {
                    sink.next(RangeResponse.newBuilder().setCount(next).build());
                    return next + 1;
                }).take(request.getLimit())));
        streams.put(FAIL, StreamRoute.of(RangeRequest.getDefaultInstance(), request -> Flux.concat(
                Flux.just(RangeResponse.newBuilder().setCount(0).build()),
                Flux.error(ApiErrors.toRSocket(ErrorCode.UNAVAILABLE, "test stream fails")))));
        return new ApiRoutes(responses, streams);
    }

    /** A request for {@link #COUNT} of {@code count} elements. */
    static RangeRequest count(long count) {
        return RangeRequest.newBuilder().setLimit(count).build();
    }
}
