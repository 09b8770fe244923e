package io.eddy.server.api;

import io.eddy.protocol.ErrorCode;
import io.eddy.server.config.EddySettings;
import io.eddy.server.watch.Outbound;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The responder of one connection: checks a request's size before anything parses it, then
 * admits it against the connection's and the member's in-flight limits, and hands it to the
 * shared {@link ApiResponder}. An admitted interaction holds one slot of each until it ends:
 * a request-response until it is answered, fails or is cancelled, a stream until it
 * completes, fails or is cancelled (RSocket cancels every open interaction when the connection
 * closes). The slots are given back exactly once, whichever way it ends.
 *
 * <p>Watches (routes built with {@link StreamRoute#watch}) are long-lived and cost the member a bounded watcher, not
 * a request's work: they take no request slot but one slot of the member's watch count
 * ({@code api.max-watches}) for their whole life, so many watches never starve requests and
 * requests never starve watches.
 */
final class ConnectionResponder implements RSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionResponder.class);
    /** Largest metadata accepted: a route, a request id and (later) an auth token fit easily. */
    static final int MAX_METADATA_BYTES = 16 * 1024;


    private final ApiResponder responder;
    private final Admission member;
    private final Admission watches;
    private final Admission connection;
    private final int maxRequestBytes;
    /** This connection's outbound, learned from its first stream request (see {@link ConnectionOutbounds}). */
    private volatile Outbound outbound;

    /**
     * @param member  the member's request count, shared by its connections
     * @param watches the member's watch count, shared by its connections
     */
    ConnectionResponder(ApiResponder responder, Admission member, Admission watches, int maxPerConnection,
            int maxRequestBytes) {
        this.responder = responder;
        this.member = member;
        this.watches = watches;
        this.connection = new Admission(maxPerConnection);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Interactions in flight on this connection now. */
    int inFlight() {
        return connection.inFlight();
    }

    @Override
    public Mono<Payload> requestResponse(Payload payload) {
        Permit permit;
        try {
            checkSize(payload);
            permit = admit();
        } catch (RuntimeException refused) {
            payload.release();
            return Mono.error(refused);
        }
        try {
            return responder.requestResponse(payload).doFinally(signal -> permit.release());
        } catch (RuntimeException | Error e) {
            permit.release();
            throw e;
        }
    }

    @Override
    public Flux<Payload> requestStream(Payload payload) {
        RouteMetadata metadata;
        Permit permit;
        try {
            checkSize(payload);
            // Parsed once, here: the route decides which count admits the stream.
            metadata = RouteMetadata.parse(payload);
            permit = responder.isWatch(metadata.route()) ? admitWatch() : admit();
        } catch (RuntimeException refused) {
            payload.release();
            return Flux.error(ApiErrors.toRSocket(refused));
        }
        try {
            Flux<Payload> stream = responder.requestStream(payload, metadata).doFinally(signal -> permit.release());
            return responder.isWatch(metadata.route()) ? stream.contextWrite(Context.of(Outbound.class, outbound()))
                    : stream;
        } catch (RuntimeException | Error e) {
            permit.release();
            throw e;
        }
    }

    /**
     * The connection's outbound for a watch: the one the frame being processed came through.
     * It must stay the same for a connection; if it ever differed (RSocket calling the
     * responder off the frame's event loop), flow control is dropped for this connection,
     * loudly, rather than applied to another connection.
     */
    private Outbound outbound() {
        Outbound now = ConnectionOutbounds.current();
        Outbound known = outbound;
        if (known == null) {
            outbound = now;
            return now;
        }
        if (known != now && known != Outbound.UNLIMITED) {
            LOG.warn("a stream request of one connection came through {} after {}; this connection's watches"
                    + " go without outbound flow control", now, known);
            outbound = Outbound.UNLIMITED;
        }
        return outbound;
    }

    @Override
    public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
        return responder.requestChannel(payloads);
    }

    @Override
    public Mono<Void> fireAndForget(Payload payload) {
        return responder.fireAndForget(payload);
    }

    @Override
    public Mono<Void> metadataPush(Payload payload) {
        return responder.metadataPush(payload);
    }

    /**
     * Takes a slot of the member's watch count.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException TOO_MANY_REQUESTS
     */
    private Permit admitWatch() {
        if (!watches.tryAcquire()) {
            throw ApiErrors.toRSocket(ErrorCode.TOO_MANY_REQUESTS, "this member has " + watches.limit()
                    + " watches (" + EddySettings.API_MAX_WATCHES.name() + "); retry later or on another member");
        }
        return new Permit(watches);
    }

    /**
     * Takes a connection slot and a member slot.
     *
     * @throws io.rsocket.exceptions.CustomRSocketException TOO_MANY_REQUESTS
     */
    private Permit admit() {
        if (!connection.tryAcquire()) {
            throw ApiErrors.toRSocket(ErrorCode.TOO_MANY_REQUESTS, "this connection has " + connection.limit()
                    + " requests in flight (" + EddySettings.API_MAX_IN_FLIGHT_PER_CONNECTION.name()
                    + "); retry after some complete");
        }
        if (!member.tryAcquire()) {
            connection.release();
            throw ApiErrors.toRSocket(ErrorCode.TOO_MANY_REQUESTS, "this member has " + member.limit()
                    + " requests in flight (" + EddySettings.API_MAX_IN_FLIGHT.name() + "); retry later");
        }
        return new Permit(connection, member);
    }

    private void checkSize(Payload payload) {
        int data = payload.data().readableBytes();
        if (data > maxRequestBytes) {
            throw ApiErrors.toRSocket(ErrorCode.REQUEST_TOO_LARGE, "request is " + data + " bytes; the limit is "
                    + maxRequestBytes + " (" + EddySettings.MAX_REQUEST_BYTES.name() + ")");
        }
        int metadata = payload.hasMetadata() ? payload.metadata().readableBytes() : 0;
        if (metadata > MAX_METADATA_BYTES) {
            throw ApiErrors.toRSocket(ErrorCode.REQUEST_TOO_LARGE, "request metadata is " + metadata
                    + " bytes; the limit is " + MAX_METADATA_BYTES);
        }
    }

    /** One admitted interaction's slots, given back at most once. */
    private static final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();
        private final Admission[] slots;

        Permit(Admission... slots) {
            this.slots = slots;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                for (Admission slot : slots) {
                    slot.release();
                }
            }
        }
    }
}
