package io.eddy.server.testing;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An in-process cluster for tests: N real members (Ratis over gRPC on loopback, Xodus on
 * disk) in temporary directories, with free ports. Members can be killed and restarted on
 * the same ports and data. Every peer address goes through a {@link PeerBridge} so tests can
 * cut, delay or drop the link between two members in either direction.
 */
public final class MiniCluster implements AutoCloseable {
    /** Timeouts short enough for tests, long enough for a loaded 2-core machine. */
    public static final UnaryOperator<Settings> TEST_TIMEOUTS = settings -> settings
            .with(EddySettings.ELECTION_TIMEOUT_MIN, 600L)
            .with(EddySettings.ELECTION_TIMEOUT_MAX, 1200L)
            .with(EddySettings.REQUEST_TIMEOUT, 5000L)
            .with(EddySettings.XODUS_CACHE_BYTES, 32L * 1024 * 1024);

    private final Path baseDir;
    private final Map<String, Settings> settings = new LinkedHashMap<>();
    private final Map<String, EddyNode> running = new LinkedHashMap<>();
    private final PeerBridge bridge;

    private MiniCluster(Path baseDir, PeerBridge bridge) {
        this.baseDir = baseDir;
        this.bridge = bridge;
    }

    /** Starts {@code size} members named n1..nN under {@code baseDir}. */
    public static MiniCluster start(int size, Path baseDir, UnaryOperator<Settings> tweak) {
        return start(size, baseDir, tweak, config -> { });
    }

    /**
     * As {@link #start(int, Path, UnaryOperator)}, calling {@code beforeStart} with each member's
     * configuration (name, data directory, initial cluster, token) before any member starts:
     * e.g. to restore its data directory from a snapshot.
     */
    public static MiniCluster start(int size, Path baseDir, UnaryOperator<Settings> tweak,
                                    java.util.function.Consumer<NodeConfig> beforeStart) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add("n" + i);
        }
        PeerBridge bridge = new PeerBridge();
        MiniCluster cluster = new MiniCluster(baseDir, bridge);
        try {
            Map<String, Integer> peerPorts = new LinkedHashMap<>();
            for (String name : names) {
                int realPort = freePort();
                peerPorts.put(name, bridge.expose(name, realPort));
            }
            String initialCluster = peerPorts.entrySet().stream()
                    .map(e -> e.getKey() + "=127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
            for (String name : names) {
                Settings s = TEST_TIMEOUTS.apply(Settings.defaults())
                        .with(EddySettings.NAME, name)
                        .with(EddySettings.DATA_DIR, baseDir.resolve(name).toString())
                        .with(EddySettings.LISTEN_PEER, "127.0.0.1:" + bridge.realPort(name))
                        .with(EddySettings.LISTEN_CLIENT, "127.0.0.1:" + freePort())
                        .with(EddySettings.INITIAL_CLUSTER, initialCluster)
                        .with(EddySettings.INITIAL_CLUSTER_TOKEN, "mini-" + baseDir.getFileName());
                cluster.settings.put(name, tweak.apply(s));
            }
            for (String name : names) {
                beforeStart.accept(NodeConfig.from(cluster.settings.get(name)));
            }
            for (String name : names) {
                cluster.restart(name);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<String> names() {
        return List.copyOf(settings.keySet());
    }

    public PeerBridge bridge() {
        return bridge;
    }

    /** The running member {@code name}. */
    public EddyNode node(String name) {
        EddyNode node = running.get(name);
        if (node == null) {
            throw new IllegalStateException("member " + name + " is not running");
        }
        return node;
    }

    public List<EddyNode> runningNodes() {
        return List.copyOf(running.values());
    }

    /**
     * Starts a new member {@code name} that joins the running cluster
     * ({@code initial-cluster-state=existing}); returns the peer address to add it with.
     */
    public String startJoining(String name) {
        int bridgePort = bridge.expose(name, freePort());
        Settings first = settings.values().iterator().next();
        Settings s = first
                .with(EddySettings.NAME, name)
                .with(EddySettings.DATA_DIR, baseDir.resolve(name).toString())
                .with(EddySettings.LISTEN_PEER, "127.0.0.1:" + bridge.realPort(name))
                .with(EddySettings.LISTEN_CLIENT, "127.0.0.1:" + freePort())
                .with(EddySettings.INITIAL_CLUSTER, first.get(EddySettings.INITIAL_CLUSTER) + "," + name
                        + "=127.0.0.1:" + bridgePort)
                .with(EddySettings.INITIAL_CLUSTER_STATE, "existing");
        settings.put(name, s);
        restart(name);
        return "127.0.0.1:" + bridgePort;
    }

    /** Waits until one running member is leader and every running member agrees on it. */
    public EddyNode awaitLeader(Duration timeout) {
        awaitTrue(timeout, "a leader known to every running member", () -> {
            String leader = null;
            for (EddyNode node : running.values()) {
                String seen = node.leaderName();
                if (seen == null || (leader != null && !leader.equals(seen))) {
                    return false;
                }
                leader = seen;
            }
            return leader != null && running.containsKey(leader) && running.get(leader).isLeader();
        });
        return running.values().stream().filter(EddyNode::isLeader).findFirst().orElseThrow();
    }

    /** Stops member {@code name} abruptly (its server closes; data stays). */
    public void kill(String name) {
        EddyNode node = running.remove(name);
        if (node != null) {
            try {
                node.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts (or restarts) member {@code name} on its ports and data directory. */
    public EddyNode restart(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("member " + name + " is running");
        }
        try {
            EddyNode node = EddyNode.start(NodeConfig.from(settings.get(name)));
            bridge.alias(name, node.raftClientId());
            running.put(name, node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        RuntimeException failure = null;
        for (String name : names) {
            try {
                kill(name);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        bridge.close();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A port free on 127.0.0.1 now, from 20000-32767: below Linux's ephemeral range
     * (32768-60999), so the outgoing connections of this JVM (Ratis, gRPC, RSocket clients)
     * cannot take it between now and the moment a member binds it, as they could a port
     * from {@code new ServerSocket(0)}. Ports are handed out in turn from a random start, so
     * two test JVMs on one machine rarely try the same one.
     */
    static int freePort() {
        for (int tries = 0; tries < PORT_RANGE; tries++) {
            int port = LOW_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORT_RANGE);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free port in " + LOW_PORT + "-" + (LOW_PORT + PORT_RANGE - 1));
    }

    private static final int LOW_PORT = 20000;
    private static final int PORT_RANGE = 32768 - LOW_PORT;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(java.util.concurrent.ThreadLocalRandom.current().nextInt(PORT_RANGE));
}
