package io.eddy.server.api;

import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/**
 * A member's client API: an RSocket server over TCP answering the routes of
 * {@link KvRoutes} with the member's {@link EddyNode} (contracts in the package documentation).
 * Start it after the node and close it before the node.
 */
public final class ApiServer {
    static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

    private final CloseableChannel channel;

    private ApiServer(CloseableChannel channel) {
        this.channel = channel;
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
        ApiResponder responder = new ApiResponder(KvRoutes.of(node));
        SocketAcceptor acceptor = (setup, requester) -> COMPOSITE.equals(setup.metadataMimeType())
                ? Mono.just(responder)
                : Mono.error(new RejectedSetupException("metadata MIME type must be " + COMPOSITE + ", not "
                        + setup.metadataMimeType()));
        return RSocketServer.create(acceptor)
                .bind(TcpServerTransport.create(address.host(), address.port()))
                .map(ApiServer::new);
    }

    /** The address the server is bound to. */
    public InetSocketAddress address() {
        return channel.address();
    }

    /** Completes when the server has stopped listening. */
    public Mono<Void> onClose() {
        return channel.onClose();
    }

    /** Stops listening (idempotent); completes when the listening channel is closed. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            channel.dispose();
            return channel.onClose();
        });
    }
}
