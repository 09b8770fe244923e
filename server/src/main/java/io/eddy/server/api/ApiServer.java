package io.eddy.server.api;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.frame.FrameLengthCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import reactor.netty.tcp.TcpServer;
import io.rsocket.transport.netty.server.WebsocketServerTransport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * A member's client API: an RSocket server over TCP, and optionally over WebSocket on a second
 * port, answering the routes of {@link ApiRoutes} with the member's {@link EddyNode} (contracts,
 * limits and admission in the package documentation). Both transports share one responder and
 * one member-wide admission count. Start it after the node and close it before the node.
 */
public final class ApiServer {
    static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();
    /**
     * RSocket's largest frame (its length field has 24 bits); also the transports' frame limit,
     * so no frame can be refused by a transport, which would close the connection.
     */
    static final int MAX_FRAME_BYTES = FrameLengthCodec.FRAME_LENGTH_MASK;
    /** Outbound payloads above this are sent as fragments, so one large response does not hold up other streams. */
    static final int MTU = 64 * 1024;

    private final CloseableChannel tcp;
    private final CloseableChannel websocket;
    private final Admission admission;
    /** The connections accepted so far (their requester side and responder), closed with the server. */
    private final ConcurrentHashMap<RSocket, ConnectionResponder> connections;

    private ApiServer(CloseableChannel tcp, CloseableChannel websocket, Admission admission,
            ConcurrentHashMap<RSocket, ConnectionResponder> connections) {
        this.tcp = tcp;
        this.websocket = websocket;
        this.admission = admission;
        this.connections = connections;
    }

    /**
     * Starts serving {@code node} on its client address ({@code NodeConfig.clientAddress()}) and,
     * when {@code listen-client-websocket} is set, on its WebSocket address too.
     */
    public static Mono<ApiServer> start(EddyNode node) {
        return start(node, node.config().clientAddress(), node.config().websocketAddress(), ApiRoutes.of(node));
    }

    /**
     * Starts serving {@code node} on {@code address} over TCP only (port 0 picks a free port: see
     * {@link #address()}). Completes once the port is bound; errors when it cannot be.
     */
    public static Mono<ApiServer> start(EddyNode node, HostPort address) {
        return start(node, address, Optional.empty(), ApiRoutes.of(node));
    }

    /**
     * Starts serving {@code routes} with {@code node}'s settings on {@code address} over TCP and,
     * when present, on {@code websocketAddress} over WebSocket. Completes once every port is
     * bound; errors (with nothing left bound) when one cannot be.
     */
    static Mono<ApiServer> start(EddyNode node, HostPort address, Optional<HostPort> websocketAddress,
            ApiRoutes routes) {
        Settings settings = node.config().settings();
        ApiResponder responder = new ApiResponder(routes);
        Admission admission = new Admission(settings.get(EddySettings.API_MAX_IN_FLIGHT));
        Admission watches = new Admission(settings.get(EddySettings.API_MAX_WATCHES));
        int perConnection = settings.get(EddySettings.API_MAX_IN_FLIGHT_PER_CONNECTION);
        int maxRequestBytes = settings.get(EddySettings.MAX_REQUEST_BYTES);
        ConcurrentHashMap<RSocket, ConnectionResponder> connections = new ConcurrentHashMap<>();
        ConnectionOutbounds outbounds = new ConnectionOutbounds();
        SocketAcceptor acceptor = (setup, requester) -> {
            if (!COMPOSITE.equals(setup.metadataMimeType())) {
                return Mono.error(new RejectedSetupException("metadata MIME type must be " + COMPOSITE + ", not "
                        + setup.metadataMimeType()));
            }
            ConnectionResponder connection = new ConnectionResponder(responder, admission, watches, perConnection,
                    maxRequestBytes);
            connections.put(requester, connection);
            requester.onClose().onErrorComplete().doFinally(signal -> connections.remove(requester)).subscribe();
            return Mono.just(connection);
        };
        RSocketServer server = RSocketServer.create(acceptor)
                .maxInboundPayloadSize(maxInboundPayloadSize(maxRequestBytes))
                .fragment(MTU)
                .interceptors(registry -> registry.forConnection(outbounds.interceptor()));
        TcpServer tcpServer = TcpServer.create().host(address.host()).port(address.port())
                .doOnConnection(outbounds::register);
        Mono<CloseableChannel> tcp = server.bind(TcpServerTransport.create(tcpServer));
        return tcp.flatMap(tcpChannel -> websocketAddress
                .map(ws -> server.bind(WebsocketServerTransport.create(ws.host(), ws.port()))
                        .doOnError(e -> tcpChannel.dispose())
                        .map(wsChannel -> new ApiServer(tcpChannel, wsChannel, admission, connections)))
                .orElseGet(() -> Mono.just(new ApiServer(tcpChannel, null, admission, connections))));
    }

    /**
     * The largest request RSocket reassembles from fragments: the protocol's frame limit, or
     * the request limit plus room for metadata when that is larger. A request between the
     * request limit and this is answered REQUEST_TOO_LARGE; a fragmented one above it is
     * refused by RSocket itself (CANCELED on its stream; the connection stays up).
     */
    static int maxInboundPayloadSize(int maxRequestBytes) {
        long withMetadata = (long) maxRequestBytes + ConnectionResponder.MAX_METADATA_BYTES + 1024;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MAX_FRAME_BYTES, withMetadata));
    }

    /** The TCP address the server is bound to. */
    public InetSocketAddress address() {
        return tcp.address();
    }

    /** The WebSocket address the server is bound to, when it serves WebSocket. */
    public Optional<InetSocketAddress> websocketAddress() {
        return Optional.ofNullable(websocket).map(CloseableChannel::address);
    }

    /** Interactions in flight on this server now, all connections together. */
    int inFlight() {
        return admission.inFlight();
    }

    /** Interactions in flight on each open connection now. */
    List<Integer> inFlightPerConnection() {
        return connections.values().stream().map(ConnectionResponder::inFlight).toList();
    }

    /** Completes when the server has stopped listening on every transport. */
    public Mono<Void> onClose() {
        return websocket == null ? tcp.onClose() : Mono.when(tcp.onClose(), websocket.onClose());
    }

    /**
     * Stops listening and closes every accepted connection (idempotent), so connected clients
     * learn at once that this member is gone and fail over; completes when the listening
     * channels are closed.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            tcp.dispose();
            if (websocket != null) {
                websocket.dispose();
            }
            Set<RSocket> open = Set.copyOf(connections.keySet());
            open.forEach(RSocket::dispose);
            return onClose();
        });
    }
}
