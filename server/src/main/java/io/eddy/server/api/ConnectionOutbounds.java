package io.eddy.server.api;

import io.eddy.server.watch.Outbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rsocket.DuplexConnection;
import io.rsocket.RSocketErrorException;
import io.rsocket.plugins.DuplexConnectionInterceptor;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Finds the {@link ChannelOutbound} of the connection a stream request arrived on.
 *
 * <p>RSocket gives a {@link io.rsocket.SocketAcceptor} and the streams it serves no handle on
 * their Netty channel. So: every accepted TCP connection gets a {@link ChannelOutbound}
 * ({@link #register}, from the TCP server's connection hook), found again by the remote
 * address of RSocket's connection ({@link #interceptor()}), whose inbound frames mark, on the
 * event loop that processes them, the outbound they came through ({@link #current()}).
 * RSocket calls a responder's {@code requestStream} while it processes the frame that
 * completes the request, on that event loop, so {@link #current()} there names the request's
 * own connection; {@link ConnectionResponder} checks that it stays the same for a connection.
 */
final class ConnectionOutbounds {
    private static final ThreadLocal<ChannelOutbound> CURRENT = new ThreadLocal<>();

    private final Map<SocketAddress, ChannelOutbound> byRemote = new ConcurrentHashMap<>();

    /** The TCP server's connection hook: gives the connection its outbound. */
    void register(Connection connection) {
        SocketAddress remote = connection.channel().remoteAddress();
        ChannelOutbound outbound = new ChannelOutbound(connection.channel());
        byRemote.put(remote, outbound);
        connection.addHandlerLast("eddy-outbound", outbound.writabilityHandler());
        connection.onDispose(() -> byRemote.remove(remote, outbound));
    }

    /** Wraps each whole RSocket connection of a registered channel so that its frames mark their outbound. */
    DuplexConnectionInterceptor interceptor() {
        return (type, connection) -> {
            if (type != DuplexConnectionInterceptor.Type.SOURCE) {
                return connection;
            }
            ChannelOutbound outbound = byRemote.get(connection.remoteAddress());
            return outbound == null ? connection : new Marking(connection, outbound);
        };
    }

    /** The outbound whose frame this thread is processing now, or {@link Outbound#UNLIMITED}. */
    static Outbound current() {
        ChannelOutbound outbound = CURRENT.get();
        return outbound == null ? Outbound.UNLIMITED : outbound;
    }

    /** An RSocket connection whose inbound frames set {@link #CURRENT}; everything else is delegated. */
    private static final class Marking implements DuplexConnection {
        private final DuplexConnection delegate;
        private final ChannelOutbound outbound;

        Marking(DuplexConnection delegate, ChannelOutbound outbound) {
            this.delegate = delegate;
            this.outbound = outbound;
        }

        @Override
        public Flux<ByteBuf> receive() {
            return delegate.receive().doOnNext(frame -> CURRENT.set(outbound));
        }

        @Override
        public void sendFrame(int streamId, ByteBuf frame) {
            delegate.sendFrame(streamId, frame);
        }

        @Override
        public void sendErrorAndClose(RSocketErrorException error) {
            delegate.sendErrorAndClose(error);
        }

        @Override
        public ByteBufAllocator alloc() {
            return delegate.alloc();
        }

        @Override
        public SocketAddress remoteAddress() {
            return delegate.remoteAddress();
        }

        @Override
        public double availability() {
            return delegate.availability();
        }

        @Override
        public Mono<Void> onClose() {
            return delegate.onClose();
        }

        @Override
        public void dispose() {
            delegate.dispose();
        }

        @Override
        public boolean isDisposed() {
            return delegate.isDisposed();
        }
    }
}
