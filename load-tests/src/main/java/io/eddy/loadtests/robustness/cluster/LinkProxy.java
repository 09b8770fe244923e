package io.eddy.loadtests.robustness.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP proxies in front of each member's Raft port, so the harness can partition members that
 * run in other processes: the cluster's peer addresses point at the proxies, which forward to
 * the real ports. A link is one direction (the side that opened the connection to the member it
 * reached): cutting n1→n2 closes n1's connections to n2 and refuses new ones; n2's requests to n1
 * travel on n2's own connections.
 *
 * <p>Every connection comes from 127.0.0.1, so the proxy learns which member opened it from its
 * first request, as the in-process {@code PeerBridge} of the server's tests does: a Ratis request
 * begins with {@code requestorId} (protobuf field 1) then {@code replyId} (field 2), the opener's
 * name (or the id of its Raft client, {@link #alias}) then the target's name. The HTTP/2 preface
 * and control frames pass at once (a gRPC client waits for the server's SETTINGS); the request
 * bytes wait until the requestor is known. A member's Raft client id is random per start and
 * learnt from its log after the member starts, possibly after its first connection: a
 * connection whose requestor is not known yet waits (re-checking every {@link #RECHECK_MILLIS}
 * ms, at most {@link #IDENTIFY_MILLIS} ms) instead of being refused.
 */
final class LinkProxy implements AutoCloseable {
    private static final int SNIFF_LIMIT = 64 * 1024;
    private static final int PREFACE = 24; // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    private static final int RECHECK_MILLIS = 100;
    private static final long IDENTIFY_MILLIS = 120_000;

    private final Map<String, Integer> realPorts = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, String> requestors = new ConcurrentHashMap<>();
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Opens a proxy for member {@code name} whose Raft server listens on {@code realPort}; returns the proxy's port. */
    int expose(String name, int realPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            realPorts.put(name, realPort);
            alias(name, name.getBytes(StandardCharsets.UTF_8));
            listeners.put(name, listener);
            Thread acceptor = new Thread(() -> accept(name, listener), "proxy-accept-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            return listener.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests whose requestor id is {@code requestorId} come from member {@code name} (e.g. its Raft client). */
    void alias(String name, byte[] requestorId) {
        requestors.put(ByteBuffer.wrap(requestorId.clone()), name);
    }

    /** Cuts the link from {@code from} to {@code to}. */
    void cut(String from, String to) {
        cut.add(link(from, to));
        connections.stream().filter(c -> c.is(from, to)).forEach(Connection::close);
    }

    /** Cuts every link into and out of {@code name}. */
    void isolate(String name) {
        for (String other : realPorts.keySet()) {
            if (!other.equals(name)) {
                cut(name, other);
                cut(other, name);
            }
        }
    }

    /** The links cut now, as {@code "from->to"}. */
    Set<String> cutLinks() {
        return Set.copyOf(cut);
    }

    /** Restores every link. */
    void healAll() {
        cut.clear();
    }

    @Override
    public void close() {
        closed = true;
        listeners.values().forEach(LinkProxy::closeQuietly);
        connections.forEach(Connection::close);
    }

    private void accept(String to, ServerSocket listener) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread thread = new Thread(() -> handle(to, client), "proxy-" + to);
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
            client.setSoTimeout(RECHECK_MILLIS);
            String from = identify(to, in, out);
            client.setSoTimeout(0);
            if (from == null || cut.contains(link(from, to)) || closed) {
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
     * Passes the HTTP/2 preface and control frames to the server, then holds bytes from the first
     * HEADERS or DATA frame until a known requestor shows; writes the held bytes only if the link
     * is open. Returns the requestor, or null if none showed in time.
     */
    private String identify(String to, InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream unsent = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int forwarded = 0; // bytes of `unsent` already written to the server
        boolean holding = false;
        long deadline = System.nanoTime() + IDENTIFY_MILLIS * 1_000_000;
        while (unsent.size() < SNIFF_LIMIT && !closed && System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return null;
                }
                unsent.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // nothing new: check the requestors again (an alias may have been learnt meanwhile)
            }
            byte[] seen = unsent.toByteArray();
            while (!holding) {
                int next;
                if (forwarded == 0) {
                    if (seen.length < PREFACE) {
                        break;
                    }
                    next = PREFACE;
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
                for (Map.Entry<ByteBuffer, String> requestor : requestors.entrySet()) {
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
    private static byte[] pattern(ByteBuffer fromId, String to) {
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
            // closing a proxied connection: nothing to do
        }
    }

    /** One proxied connection: a pump per direction, closed together. */
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
            Thread thread = new Thread(() -> pumpHere(in, out), "proxy-to-" + to);
            thread.setDaemon(true);
            thread.start();
        }

        void pumpHere(InputStream in, OutputStream out) {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    String source = from;
                    if (source != null && cut.contains(link(source, to))) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
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
