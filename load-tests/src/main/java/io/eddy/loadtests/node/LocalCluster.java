package io.eddy.loadtests.node;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster of real members in this JVM for measurements: production-default settings
 * ({@link Settings#defaults()}: election timeouts, request timeout, Xodus cache, batching),
 * free loopback ports with direct peer links (no proxy), and data under a temporary
 * directory that {@link #close()} deletes (as does a shutdown hook if the JVM is stopped).
 * Members can be stopped and started again on the same ports and data. Unlike the test
 * harness it has no fault-injection bridge, so the figures include nothing but the node.
 */
final class LocalCluster implements AutoCloseable {
    private final Path baseDir;
    private final Map<String, Settings> settings = new LinkedHashMap<>();
    private final Map<String, EddyNode> running = new LinkedHashMap<>();

    private LocalCluster(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** A measurement program run on a configured cluster; true when every check passed. */
    interface Program {
        boolean run(LocalCluster cluster) throws IOException, InterruptedException;
    }

    /**
     * What every program's {@code main} does: configures {@code size} members, arms the
     * watchdog ({@link Cli#watchdog}) for {@code limit} with deleting the data as its clean-up,
     * runs {@code program}, closes the cluster, and exits 0 when every check passed, else 1.
     */
    static void runAndExit(int size, Duration limit, Program program) throws IOException {
        LocalCluster cluster = create(size);
        watchdog(cluster, limit);
        int status;
        try (cluster) {
            status = program.run(cluster) ? 0 : 1;
        } catch (RuntimeException | IOException | InterruptedException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Arms the watchdog for {@code limit}; when it fires, {@code cluster}'s data is deleted first. */
    static void watchdog(LocalCluster cluster, Duration limit) {
        Cli.watchdog(limit, () -> {
            try {
                deleteTree(cluster.baseDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Configures (does not start) members n1..n{@code size} in a new temporary directory. */
    static LocalCluster create(int size) throws IOException {
        LocalCluster cluster = new LocalCluster(Files.createTempDirectory("eddy-bench-"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(cluster.baseDir); // after Ctrl-C or kill; normally close() has done it
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot delete " + cluster.baseDir + ": " + e);
            }
        }, "bench-cleanup"));
        Map<String, Integer> peerPorts = new LinkedHashMap<>();
        for (int i = 1; i <= size; i++) {
            peerPorts.put("n" + i, freePort());
        }
        String initialCluster = peerPorts.entrySet().stream()
                .map(e -> e.getKey() + "=127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
        for (Map.Entry<String, Integer> peer : peerPorts.entrySet()) {
            String name = peer.getKey();
            cluster.settings.put(name, Settings.defaults()
                    .with(EddySettings.NAME, name)
                    .with(EddySettings.DATA_DIR, cluster.baseDir.resolve(name).toString())
                    .with(EddySettings.LISTEN_PEER, "127.0.0.1:" + peer.getValue())
                    .with(EddySettings.LISTEN_CLIENT, "127.0.0.1:" + freePort())
                    .with(EddySettings.INITIAL_CLUSTER, initialCluster)
                    .with(EddySettings.INITIAL_CLUSTER_TOKEN, "bench-" + cluster.baseDir.getFileName()));
        }
        return cluster;
    }

    Path baseDir() {
        return baseDir;
    }

    List<String> names() {
        return List.copyOf(settings.keySet());
    }

    List<EddyNode> nodes() {
        return List.copyOf(running.values());
    }

    /**
     * Starts every member that is not running, all at once (one thread each, as separate
     * processes would), and returns each member's {@link EddyNode#start} time in milliseconds.
     */
    Map<String, Long> startAll() throws IOException {
        List<String> names = settings.keySet().stream().filter(n -> !running.containsKey(n)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, names.size()));
        try {
            Map<String, Future<Map.Entry<EddyNode, Long>>> starts = new LinkedHashMap<>();
            for (String name : names) {
                Callable<Map.Entry<EddyNode, Long>> start = () -> {
                    long t0 = System.nanoTime();
                    EddyNode node = EddyNode.start(NodeConfig.from(settings.get(name)));
                    return Map.entry(node, (System.nanoTime() - t0) / 1_000_000);
                };
                starts.put(name, pool.submit(start));
            }
            Map<String, Long> millis = new LinkedHashMap<>();
            IOException failure = null;
            for (Map.Entry<String, Future<Map.Entry<EddyNode, Long>>> start : starts.entrySet()) {
                try {
                    Map.Entry<EddyNode, Long> started = start.getValue().get();
                    running.put(start.getKey(), started.getKey());
                    millis.put(start.getKey(), started.getValue());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IOException("cannot start " + start.getKey(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting members", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return millis;
        } finally {
            pool.shutdown();
        }
    }

    /** Stops every running member (servers close; data stays). */
    void stopAll() throws IOException {
        IOException failure = null;
        for (String name : new ArrayList<>(running.keySet())) {
            try {
                running.remove(name).close();
            } catch (IOException | RuntimeException e) {
                failure = failure != null ? failure : new IOException("cannot stop " + name, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until a running member is leader and every running member names it; returns it. */
    EddyNode awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            EddyNode leader = agreedLeader();
            if (leader != null) {
                return leader;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader agreed by every member after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private EddyNode agreedLeader() {
        String leader = null;
        for (EddyNode node : running.values()) {
            String seen = node.leaderName();
            if (seen == null || (leader != null && !leader.equals(seen))) {
                return null;
            }
            leader = seen;
        }
        EddyNode node = leader == null ? null : running.get(leader);
        return node != null && node.isLeader() ? node : null;
    }

    /** A running member that is not the leader. */
    EddyNode follower() {
        return running.values().stream().filter(n -> !n.isLeader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no follower running"));
    }

    /** Bytes on disk under member {@code name}'s data directory, and under its state-machine (store) directory. */
    long[] diskBytes(String name) throws IOException {
        Path dir = baseDir.resolve(name);
        long total = 0;
        long store = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(file);
                total += size;
                if (dir.relativize(file).toString().contains("/sm/")) {
                    store += size;
                }
            }
        }
        return new long[] {total, store};
    }

    /** Stops every member and deletes the data directory. */
    @Override
    public void close() throws IOException {
        try {
            stopAll();
        } finally {
            deleteTree(baseDir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
