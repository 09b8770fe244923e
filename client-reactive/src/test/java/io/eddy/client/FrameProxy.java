package io.eddy.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of one member's RSocket port that understands RSocket's TCP framing
 * (each frame prefixed by its 24-bit length) just enough to drop responses: while
 * {@link #dropResponses(int)} has drops left, PAYLOAD frames on request streams going from
 * the member to the client are swallowed, so the member has answered (the write is applied)
 * but the client never hears it. Everything else passes unchanged.
 *
 * <p>Frame layout after the length: stream id (4 bytes), then 16 bits whose top 6 are the
 * frame type (PAYLOAD is 0x0A). Blocking sockets on plain threads: a test fixture, not server code.
 */
final class FrameProxy implements AutoCloseable {
    private static final int PAYLOAD = 0x0A;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    private FrameProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("frame-proxy-accept", this::acceptLoop);
    }

    /** A proxy listening on a free loopback port, forwarding to {@code upstream}. */
    static FrameProxy to(InetSocketAddress upstream) {
        try {
            return new FrameProxy(upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    /** The proxy's {@code host:port}, for the client. */
    String endpoint() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Swallows the next {@code count} responses (PAYLOAD frames) going to the client. */
    void dropResponses(int count) {
        dropsLeft.set(count);
    }

    /** How many responses were swallowed so far. */
    int dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(FrameProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket member = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(member);
                start("frame-proxy-up", () -> pipe(client, member, false));
                start("frame-proxy-down", () -> pipe(member, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean towardsClient) {
        try (DataInputStream in = new DataInputStream(from.getInputStream())) {
            OutputStream out = to.getOutputStream();
            byte[] length = new byte[3];
            while (true) {
                in.readFully(length);
                int size = ((length[0] & 0xFF) << 16) | ((length[1] & 0xFF) << 8) | (length[2] & 0xFF);
                byte[] frame = in.readNBytes(size);
                if (frame.length < size) {
                    break;
                }
                if (towardsClient && isResponse(frame) && takeDrop()) {
                    dropped.incrementAndGet();
                    continue;
                }
                out.write(length);
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            // A side closed: close the other so the peer notices.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static boolean isResponse(byte[] frame) {
        int streamId = ((frame[0] & 0x7F) << 24) | ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
        int type = (frame[4] & 0xFF) >>> 2;
        return streamId != 0 && type == PAYLOAD;
    }

    private boolean takeDrop() {
        return dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private static void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
