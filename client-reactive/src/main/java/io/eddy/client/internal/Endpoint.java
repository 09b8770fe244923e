package io.eddy.client.internal;

import io.rsocket.Payload;
import io.rsocket.core.RSocketClient;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One member's address (TCP or WebSocket) and its lazy RSocket connection: opened on the first request,
 * shared by the following ones, reopened by the next request after it closes or after an attempt
 * to open it failed. (RSocket's {@link RSocketClient} ends for good when its connection source
 * fails, e.g. a refused connection to a member that is down, and would answer every later request
 * with that failure: the endpoint then makes a new one.)
 */
final class Endpoint {
    private static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

    private final String name;
    private final ClientTransport transport;
    private final AtomicReference<RSocketClient> client;
    private volatile boolean closed;

    private Endpoint(String name, ClientTransport transport) {
        this.name = name;
        this.transport = transport;
        this.client = new AtomicReference<>(newClient());
    }

    private RSocketClient newClient() {
        return RSocketClient.from(RSocketConnector.create()
                .metadataMimeType(COMPOSITE)
                .connect(transport));
    }

    /** The current client, replaced by a new (not yet connected) one if a failed connection ended it. */
    private RSocketClient client() {
        RSocketClient current = client.get();
        if (current.isDisposed() && !closed) {
            RSocketClient fresh = newClient();
            if (client.compareAndSet(current, fresh)) {
                current = fresh;
                if (closed) { // close() ran meanwhile and disposed the old one only
                    fresh.dispose();
                }
            } else {
                fresh.dispose();
                current = client.get();
            }
        }
        return current;
    }

    /**
     * The endpoint at {@code address}, as {@link EndpointAddress#parse} returns it:
     * {@code tcp://host:port} (RSocket over TCP) or {@code ws://host:port/path} (RSocket over
     * WebSocket). Opens nothing yet.
     */
    static Endpoint of(URI address) {
        if ("ws".equals(address.getScheme())) {
            return new Endpoint(nameOf(address), WebsocketClientTransport.create(address));
        }
        String host = address.getHost().replace("[", "").replace("]", "");
        return new Endpoint(nameOf(address), TcpClientTransport.create(host, address.getPort()));
    }

    /** The name of the endpoint at {@code address}: {@code host:port} for TCP, the URI for WebSocket. */
    static String nameOf(URI address) {
        return "ws".equals(address.getScheme()) ? address.toString() : address.getHost() + ":" + address.getPort();
    }

    /** Sends the payload {@code payload} makes (only once the connection is ready) as a request-response. */
    Mono<Payload> requestResponse(Supplier<Payload> payload) {
        return Mono.defer(() -> client().requestResponse(Mono.fromSupplier(payload)));
    }

    /** Sends the payload {@code payload} makes (only once the connection is ready) as a request-stream. */
    Flux<Payload> requestStream(Supplier<Payload> payload) {
        return Flux.defer(() -> client().requestStream(Mono.fromSupplier(payload)));
    }

    void close() {
        closed = true;
        client.get().dispose();
    }

    @Override
    public String toString() {
        return name;
    }
}
