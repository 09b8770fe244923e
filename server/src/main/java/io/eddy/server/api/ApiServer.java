package io.eddy.server.api;

import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * A member's client API: an RSocket server over TCP answering the routes of
 * {@link KvRoutes} with the member's {@link EddyNode} (contracts in the package documentation).
 * Start it after the node and close it before the node.
 */
public final class ApiServer {
    static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

    private final CloseableChannel channel;
    /** The connections accepted so far (their requester side), closed with the server. */
    private final Set<RSocket> connections;

    private ApiServer(CloseableChannel channel, Set<RSocket> connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /** Starts serving {@code node} on its client address ({@code NodeConfig.clientAddress()}). */
    public static Mono<ApiServer> start(EddyNode node) {
        return start(node, node.config().clientAddress());
    }

    /**
     * Starts serving {@code node} on {@code address} (port 0 picks a free port: see
     * {@link #address()}). Completes once the port is bound; errors when it cannot be.
     */
    public static Mono<ApiServer> start(EddyNode node, HostPort address) {
        ApiResponder responder = new ApiResponder(ApiRoutes.of(node));
        Set<RSocket> connections = ConcurrentHashMap.newKeySet();
        SocketAcceptor acceptor = (setup, requester) -> {
            if (!COMPOSITE.equals(setup.metadataMimeType())) {
                return Mono.error(new RejectedSetupException("metadata MIME type must be " + COMPOSITE + ", not "
                        + setup.metadataMimeType()));
            }
            connections.add(requester);
            requester.onClose().doFinally(signal -> connections.remove(requester)).subscribe();
            return Mono.just(responder);
        };
        return RSocketServer.create(acceptor)
                .bind(TcpServerTransport.create(address.host(), address.port()))
                .map(channel -> new ApiServer(channel, connections));
    }

    /** The address the server is bound to. */
    public InetSocketAddress address() {
        return channel.address();
    }

    /** Completes when the server has stopped listening. */
    public Mono<Void> onClose() {
        return channel.onClose();
    }

    /**
     * Stops listening and closes every accepted connection (idempotent), so connected clients
     * learn at once that this member is gone and fail over; completes when the listening
     * channel is closed.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            channel.dispose();
            connections.forEach(RSocket::dispose);
            return channel.onClose();
        });
    }
}
