package io.eddy.server.api;

import io.eddy.server.watch.Outbound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Outbound} of one TCP connection: closes after {@link #LIMIT} bytes of watch
 * elements were handed to it, and opens again once the connection's event loop has passed
 * them to the socket and the channel is writable (Netty's high water mark, 64 KiB by default,
 * is not exceeded); while the socket is backed up it stays closed until Netty reports the
 * channel writable again.
 *
 * <p>Why: RSocket sends an element as soon as the client's demand allows, into an unbounded
 * send queue in front of the socket. Many watchers with demand on a slow connection would
 * fill that queue (direct memory) faster than the socket drains it. With this, the elements
 * of one connection waiting in front of its socket are bounded by about {@code LIMIT} plus one
 * element per watcher that was being fed when it closed, plus Netty's high water mark; a
 * watcher that finds it closed keeps only its next revision.
 *
 * <p>The check runs as a task on the channel's event loop, queued behind the sends that
 * closed it, so it sees them handed to Netty. Thread-safe.
 */
final class ChannelOutbound implements Outbound {
    /** Bytes handed over after which the connection closes until they have left. */
    static final long LIMIT = 256 * 1024;

    private final Channel channel;
    private final AtomicLong unconfirmed = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private volatile boolean open = true;
    /** The bytes counted when it last closed; the check confirms those. */
    private volatile long counted;

    ChannelOutbound(Channel channel) {
        this.channel = channel;
    }

    @Override
    public boolean open() {
        return open;
    }

    @Override
    public void sent(long bytes) {
        long total = unconfirmed.addAndGet(bytes);
        if (open && total >= LIMIT) {
            open = false;
            counted = total;
            channel.eventLoop().execute(this::check);
        }
    }

    @Override
    public void whenOpen(Runnable wake) {
        waiting.add(wake);
        if (open) {
            release();
        }
    }

    /** The channel handler that reopens this outbound when the channel becomes writable again. */
    ChannelInboundHandlerAdapter writabilityHandler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (!open && ctx.channel().isWritable()) {
                    check();
                }
                ctx.fireChannelWritabilityChanged();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                check();
                ctx.fireChannelInactive();
            }
        };
    }

    /** On the event loop: opens when what was counted has been handed to a writable (or closed) channel. */
    private void check() {
        if (open || (channel.isActive() && !channel.isWritable())) {
            return;
        }
        unconfirmed.addAndGet(-counted);
        counted = 0;
        open = true;
        release();
    }

    private void release() {
        Runnable wake;
        while ((wake = waiting.poll()) != null) {
            wake.run();
        }
    }

    @Override
    public String toString() {
        return "outbound of " + channel + (open ? " (open)" : " (full)");
    }
}
