package io.eddy.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP bridges in front of each member's Raft port: the cluster's peer addresses point at the
 * bridges, which forward to the real ports. A test can cut the link from one member to
 * another (every connection the first opens to the second is closed and new ones are
 * refused), delay it, or heal it.
 *
 * <p>Every connection comes from 127.0.0.1, so a bridge learns which member opened it from
 * the first request: Ratis requests begin with {@code requestorId} (protobuf field 1) then
 * {@code replyId} (field 2): a member name, or a member's Raft client id registered with
 * {@link #alias}, then the target's name. The bridge passes the HTTP/2 preface and control
 * frames, holds the request bytes until it has seen that pattern (at most
 * {@link #SNIFF_LIMIT} bytes), then decides. A link is the direction of the connection: cutting n1→n2 stops n1's requests
 * to n2 and their replies; n2's requests to n1 travel on n2's own connections.
 */
public final class PeerBridge implements AutoCloseable {
    private static final int SNIFF_LIMIT = 64 * 1024;
    private static final int PREFACE = 24; // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

    private final Map<String, Integer> realPorts = new ConcurrentHashMap<>();
    /** Requestor ids (member names, and the ids of members' Raft clients) to member names. */
    private final Map<java.nio.ByteBuffer, String> requestors = new ConcurrentHashMap<>();
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> delayMillis = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Opens a bridge for member {@code name} whose server listens on {@code realPort}; returns the bridge's port. */
    public int expose(String name, int realPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            realPorts.put(name, realPort);
            alias(name, name.getBytes(StandardCharsets.UTF_8));
            listeners.put(name, listener);
            Thread acceptor = new Thread(() -> accept(name, listener), "bridge-accept-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            return listener.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections whose requestor id is {@code requestorId} belong to member {@code name} (e.g. its Raft client). */
    public void alias(String name, byte[] requestorId) {
        requestors.put(java.nio.ByteBuffer.wrap(requestorId.clone()), name);
    }

    public int realPort(String name) {
        return realPorts.get(name);
    }

    /** Cuts the link from {@code from} to {@code to}. */
    public void cut(String from, String to) {
        cut.add(link(from, to));
        connections.stream().filter(c -> c.is(from, to)).forEach(Connection::close);
    }

    /** Cuts both directions between {@code a} and {@code b}. */
    public void cutBoth(String a, String b) {
        cut(a, b);
        cut(b, a);
    }

    /** Cuts every link into and out of {@code name}. */
    public void isolate(String name) {
        for (String other : realPorts.keySet()) {
            if (!other.equals(name)) {
                cutBoth(name, other);
            }
        }
    }

    /** Delays every chunk of bytes on the link from {@code from} to {@code to} (both ways on its connections). */
    public void delay(String from, String to, Duration delay) {
        delayMillis.put(link(from, to), delay.toMillis());
    }

    /** Restores every link to normal. */
    public void healAll() {
        cut.clear();
        delayMillis.clear();
    }

    @Override
    public void close() {
        closed = true;
        listeners.values().forEach(listener -> closeQuietly(listener));
        connections.forEach(Connection::close);
    }

    private void accept(String to, ServerSocket listener) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread thread = new Thread(() -> handle(to, client), "bridge-" + to);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(String to, Socket client) {
        Socket server = null;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), realPorts.get(to));
            Connection connection = new Connection(to, client, server);
            connections.add(connection);
            connection.pump(server.getInputStream(), client.getOutputStream());
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            String from = identify(to, in, out);
            if (from == null || cut.contains(link(from, to))) {
                connection.close();
                return;
            }
            connection.identified(from);
            connection.pumpHere(in, out);
        } catch (IOException e) {
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    /**
     * Passes the HTTP/2 preface and control frames to the server (a gRPC client waits for the
     * server's SETTINGS before it sends a request), then holds bytes from the first HEADERS or
     * DATA frame until the requestor shows; writes the held bytes only if the link is open.
     * Returns the requestor, or null if it never showed.
     */
    private String identify(String to, InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream unsent = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int forwarded = 0; // bytes of `unsent` already written to the server
        boolean holding = false;
        while (unsent.size() < SNIFF_LIMIT) {
            int n = in.read(buffer);
            if (n < 0) {
                return null;
            }
            unsent.write(buffer, 0, n);
            byte[] seen = unsent.toByteArray();
            while (!holding) {
                int next = forwarded == 0 ? PREFACE : forwarded;
                if (forwarded == 0) {
                    if (seen.length < PREFACE) {
                        break;
                    }
                } else {
                    if (seen.length < forwarded + 9) {
                        break;
                    }
                    int length = ((seen[forwarded] & 0xFF) << 16) | ((seen[forwarded + 1] & 0xFF) << 8)
                            | (seen[forwarded + 2] & 0xFF);
                    int type = seen[forwarded + 3] & 0xFF;
                    if (type == 0 || type == 1 || type == 9) { // DATA, HEADERS, CONTINUATION
                        holding = true;
                        break;
                    }
                    if (seen.length < forwarded + 9 + length) {
                        break;
                    }
                    next = forwarded + 9 + length;
                }
                out.write(seen, forwarded, next - forwarded);
                out.flush();
                forwarded = next;
            }
            if (holding) {
                for (Map.Entry<java.nio.ByteBuffer, String> requestor : requestors.entrySet()) {
                    String from = requestor.getValue();
                    if (contains(seen, pattern(requestor.getKey(), to))) { // a member's client may call itself
                        if (!cut.contains(link(from, to))) {
                            out.write(seen, forwarded, seen.length - forwarded);
                            out.flush();
                        }
                        return from;
                    }
                }
            }
        }
        return null;
    }

    /** {@code 0A len(from) from 12 len(to) to}: requestorId then replyId of a Ratis request. */
    private static byte[] pattern(java.nio.ByteBuffer fromId, String to) {
        byte[] f = new byte[fromId.remaining()];
        fromId.duplicate().get(f);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[4 + f.length + t.length];
        p[0] = 0x0A;
        p[1] = (byte) f.length;
        System.arraycopy(f, 0, p, 2, f.length);
        p[2 + f.length] = 0x12;
        p[3 + f.length] = (byte) t.length;
        System.arraycopy(t, 0, p, 4 + f.length, t.length);
        return p;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String link(String from, String to) {
        return from + "->" + to;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a bridge connection: nothing to do
        }
    }

    /** One bridged connection: a pump per direction, closed together. */
    private final class Connection {
        private final String to;
        private final Socket client;
        private final Socket server;
        private volatile String from;

        Connection(String to, Socket client, Socket server) {
            this.to = to;
            this.client = client;
            this.server = server;
        }

        void identified(String from) {
            this.from = from;
            if (cut.contains(link(from, to))) {
                close();
            }
        }

        boolean is(String from, String to) {
            return from.equals(this.from) && this.to.equals(to);
        }

        void pump(InputStream in, OutputStream out) {
            Thread thread = new Thread(() -> pumpHere(in, out), "bridge-to-" + to);
            thread.setDaemon(true);
            thread.start();
        }

        void pumpHere(InputStream in, OutputStream out) {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    String source = from;
                    if (source != null) {
                        Long delay = delayMillis.get(link(source, to));
                        if (delay != null && delay > 0) {
                            Thread.sleep(delay); // the injected latency itself
                        }
                        if (cut.contains(link(source, to))) {
                            break;
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection ended
            } finally {
                close();
            }
        }

        void close() {
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
