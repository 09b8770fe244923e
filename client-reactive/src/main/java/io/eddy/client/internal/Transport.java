package io.eddy.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.RequestTimeoutException;
import io.eddy.client.ServerException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Routes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.ByteBufPayload;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends requests to the members: picks the current endpoint, builds the payload (composite
 * metadata with the route and, for writes, the request id; protobuf data), maps failures, retries
 * retryable ones (moving to the next endpoint when the connection failed or an attempt got no
 * answer) and bounds the whole call, retries included, by the request timeout. Each attempt is
 * bounded by a share of it ({@link #MAX_ATTEMPTS}), so an endpoint that accepts requests but
 * never answers (a member stopping behind an open connection) does not eat the whole budget.
 *
 * <p>Every publisher is cold: the payload is built per attempt inside the subscription, so
 * nothing is sent before subscribing and every subscription sends again. A write's request id
 * is drawn once per subscription and kept by its retries.
 */
public final class Transport {
    /** Attempts of one call (the first and its retries). */
    static final int MAX_ATTEMPTS = 3;
    /** First pause between attempts (then doubled, with jitter). */
    static final Duration BACKOFF = Duration.ofMillis(50);

    private final List<Endpoint> endpoints;
    private final Duration requestTimeout;
    private final Duration attemptTimeout;
    private final AtomicInteger current = new AtomicInteger();
    private final long clientId = new SecureRandom().nextLong();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * A transport over {@code endpoints} (each {@code host:port} or {@code ws://host:port[/path]},
     * see {@link EndpointAddress#parse}); opens nothing yet.
     */
    public Transport(List<String> endpoints, Duration requestTimeout) {
        this.endpoints = endpoints.stream().map(text -> Endpoint.of(EndpointAddress.parse(text))).toList();
        this.requestTimeout = requestTimeout;
        this.attemptTimeout = requestTimeout.dividedBy(MAX_ATTEMPTS);
        Deadlines.init();
    }

    /** A read: retried when retryable, without a request id. */
    public <R> Mono<R> read(String route, Message request, Parser<R> parser) {
        return call(route, request, parser, false);
    }

    /** A write: carries a fresh request id per subscription, kept by its retries. */
    public <R> Mono<R> write(String route, Message request, Parser<R> parser) {
        return call(route, request, parser, true);
    }

    /**
     * A request-stream read. Until its first element arrives the stream is retried like a
     * read (same attempts, endpoint moves and first-element bound per attempt); once an element
     * has been delivered a failure ends the stream, because only the caller knows where to
     * resume (see {@code DefaultKvClient#rangeStream}). There is no bound on the stream's
     * length: a subscriber may take as long as it likes between requests.
     */
    public <R> Flux<R> stream(String route, Message request, Parser<R> parser) {
        return stream(route, request, parser, endpoint -> { });
    }

    /** As {@link #stream}, telling {@code onEndpoint} which endpoint each attempt goes to, as it starts. */
    <R> Flux<R> stream(String route, Message request, Parser<R> parser, Consumer<Endpoint> onEndpoint) {
        byte[] data = request.toByteArray();
        return Flux.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return Flux.defer(() -> streamAttempt(route, data, parser, attemptTimeout, onEndpoint))
                    .doOnNext(element -> started.set(true))
                    .retryWhen(retries(t -> !started.get() && isRetryable(t)));
        });
    }

    /**
     * One request-stream attempt on the current endpoint, with no retry, for a stream that
     * resumes by itself (a watch): its first element must arrive within {@code firstElement}
     * (request it at once), later ones have no time bound. Failures are mapped to client
     * exceptions; one that is the endpoint's fault (a lost connection, no first element in
     * time) moves the next attempt to the next endpoint.
     */
    public <R> Flux<R> streamOnce(String route, Message request, Parser<R> parser, Duration firstElement) {
        return streamOnce(route, request, parser, firstElement, endpoint -> { });
    }

    /** As {@link #streamOnce}, telling {@code onEndpoint} which endpoint the attempt goes to, as it starts. */
    <R> Flux<R> streamOnce(String route, Message request, Parser<R> parser, Duration firstElement,
            Consumer<Endpoint> onEndpoint) {
        byte[] data = request.toByteArray();
        return Flux.defer(() -> streamAttempt(route, data, parser, firstElement, onEndpoint));
    }

    private <R> Flux<R> streamAttempt(String route, byte[] data, Parser<R> parser, Duration firstElement,
            Consumer<Endpoint> onEndpoint) {
        int index = currentIndex();
        onEndpoint.accept(endpoints.get(index));
        return endpoints.get(index).requestStream(() -> payload(route, data, null))
                .map(payload -> parse(payload, parser))
                .timeout(Deadlines.after(firstElement), element -> Mono.never())
                .onErrorMap(WireErrors::map)
                .doOnError(EddyClientException.class, e -> moveOnIf(movesOn(e), index));
    }

    private <R> Mono<R> call(String route, Message request, Parser<R> parser, boolean withRequestId) {
        byte[] data = request.toByteArray();
        return bounded(route + " got no answer within ", requestTimeout, "", Mono.defer(() -> {
            byte[] requestId = withRequestId ? requestId(clientId, sequence.incrementAndGet()) : null;
            AtomicBoolean maybeApplied = new AtomicBoolean();
            return Mono.defer(() -> {
                int index = currentIndex();
                return Deadlines.within(requestResponse(endpoints.get(index), route, data, requestId, parser),
                                attemptTimeout)
                        .onErrorMap(WireErrors::map)
                        .doOnError(EddyClientException.class, e -> moveOnIf(movesOn(e), index));
            })
                    .doOnError(EddyClientException.class, e -> {
                        if (withRequestId && e.isMaybeCommitted()) {
                            maybeApplied.set(true);
                        }
                    })
                    .retryWhen(retries(Transport::isRetryable))
                    .onErrorMap(EddyClientException.class,
                            e -> maybeApplied.get() ? Errors.afterMaybeApplied(e) : e);
        }));
    }

    /**
     * A write the server does not deduplicate (a membership change): retried, on the next
     * endpoint, only when the failure proves nothing was done (the connection could not be
     * opened, or the member refused with a retryable code that is not maybe-committed). One
     * attempt may take the whole {@code timeout}.
     */
    public <R> Mono<R> writeUnlessMaybeCommitted(String route, Message request, Parser<R> parser, Duration timeout) {
        byte[] data = request.toByteArray();
        return bounded(route + " got no answer within ", timeout, "; the change may have been made", Mono.defer(() -> {
            int index = currentIndex();
            return requestResponse(endpoints.get(index), route, data, null, parser)
                    .onErrorMap(WireErrors::map)
                    .doOnError(failure -> moveOnIf(neverSent(failure), index));
        }).retryWhen(retries(t -> isRetryable(t) && (!((EddyClientException) t).isMaybeCommitted() || neverSent(t)))));
    }

    /** A read sent only to {@code hostPort}, one of this transport's endpoints; retried there. */
    public <R> Mono<R> readFrom(String hostPort, String route, Message request, Parser<R> parser) {
        String name = Endpoint.nameOf(EndpointAddress.parse(hostPort));
        Endpoint endpoint = endpoints.stream()
                .filter(e -> e.toString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(hostPort + " is not one of the client's endpoints "
                        + endpoints));
        return readFrom(endpoint, route, request, parser);
    }

    /** A read sent only to {@code endpoint}, one of this transport's endpoints; retried there. */
    <R> Mono<R> readFrom(Endpoint endpoint, String route, Message request, Parser<R> parser) {
        byte[] data = request.toByteArray();
        return bounded(route + " got no answer from " + endpoint + " within ", requestTimeout, "",
                Mono.defer(() -> Deadlines.within(requestResponse(endpoint, route, data, null, parser), attemptTimeout)
                                .onErrorMap(WireErrors::map))
                        .retryWhen(retries(Transport::isRetryable)));
    }

    /** One request-response to {@code endpoint}, its answer parsed (failures not yet mapped). */
    private <R> Mono<R> requestResponse(Endpoint endpoint, String route, byte[] data, byte[] requestId,
            Parser<R> parser) {
        return endpoint.requestResponse(() -> payload(route, data, requestId)).map(payload -> parse(payload, parser));
    }

    /**
     * {@code call} bounded by {@code timeout} in all, failing past it with a
     * {@link RequestTimeoutException} saying {@code before + timeout + after}.
     */
    private static <R> Mono<R> bounded(String before, Duration timeout, String after, Mono<R> call) {
        return Deadlines.within(call, timeout)
                .onErrorMap(TimeoutException.class, e -> new RequestTimeoutException(before + timeout + after, e));
    }

    /** Up to {@link #MAX_ATTEMPTS} attempts in all, with backoff, while {@code retryable} holds. */
    private static Retry retries(java.util.function.Predicate<Throwable> retryable) {
        return Retry.backoff(MAX_ATTEMPTS - 1, BACKOFF)
                .filter(retryable)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof EddyClientException e && e.isRetryable();
    }

    private int currentIndex() {
        return Math.floorMod(current.get(), endpoints.size());
    }

    /** Moves later attempts to the endpoint after {@code index} when {@code move} (unless another failure already did). */
    private void moveOnIf(boolean move, int index) {
        if (move) {
            current.compareAndSet(index, (index + 1) % endpoints.size());
        }
    }

    /** The bound of each call, retries included. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Whether a failure happened before the request could leave: the connection was refused. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure is the endpoint's rather than the cluster's, so the next endpoint may do better. */
    private static boolean movesOn(EddyClientException e) {
        boolean attemptTimedOut = e instanceof RequestTimeoutException && e.getCause() instanceof TimeoutException;
        return attemptTimedOut || (e instanceof UnavailableException
                && (e.code() == ErrorCode.CONNECTION_LOST || e.code() == ErrorCode.UNAVAILABLE));
    }

    private static <R> R parse(Payload payload, Parser<R> parser) {
        try {
            return parser.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new ServerException(ErrorCode.INTERNAL, "cannot parse the response: " + e.getMessage());
        } finally {
            payload.release();
        }
    }

    private static Payload payload(String route, byte[] data, byte[] requestId) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf metadata = alloc.compositeBuffer();
        RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route));
        CompositeMetadataCodec.encodeAndAddMetadata(metadata, alloc, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING,
                routing.getContent());
        if (requestId != null) {
            CompositeMetadataCodec.encodeAndAddMetadata(metadata, alloc, Routes.REQUEST_ID_MIME_TYPE,
                    Unpooled.wrappedBuffer(requestId));
        }
        ByteBuf body = Unpooled.wrappedBuffer(data);
        return ByteBufPayload.create(body, metadata);
    }

    /** The 16 bytes of a request id: client id then sequence, big-endian. */
    static byte[] requestId(long clientId, long sequence) {
        return java.nio.ByteBuffer.allocate(16).putLong(clientId).putLong(sequence).array();
    }

    /** Closes every endpoint's connection. */
    public void close() {
        endpoints.forEach(Endpoint::close);
    }
}
