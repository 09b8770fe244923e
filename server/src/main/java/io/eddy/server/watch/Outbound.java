package io.eddy.server.watch;

/**
 * The connection a watch's elements leave through, as far as the hub needs it: whether it
 * takes more now. Demand ({@code REQUEST_N}) says what the client will accept; this says what
 * the network can carry. A watcher whose subscriber has demand but whose connection is not
 * {@link #open()} is treated as having no demand (it keeps only its next revision, nothing
 * else) and is woken through {@link #whenOpen} when the connection has written what it was
 * given, so elements never pile up in a connection's send queue faster than the socket drains
 * it. The hub finds its watch's connection in the subscriber's context under
 * {@code Outbound.class}; without one it is {@link #UNLIMITED}.
 *
 * <p>Implementations are thread-safe: the hub thread calls {@link #open()}, {@link #sent} and
 * {@link #whenOpen}; the connection's own thread opens it again.
 */
public interface Outbound {
    /** No connection to wait for (in-process subscribers, tests). */
    Outbound UNLIMITED = new Outbound() {
        @Override
        public boolean open() {
            return true;
        }

        @Override
        public void sent(long bytes) {
        }

        @Override
        public void whenOpen(Runnable wake) {
            wake.run();
        }
    };

    /** Whether the connection takes another element now. */
    boolean open();

    /** Counts an element of {@code bytes} handed to the connection. */
    void sent(long bytes);

    /** Runs {@code wake} once, as soon as the connection is open (at once if it is now). Must be cheap. */
    void whenOpen(Runnable wake);
}
