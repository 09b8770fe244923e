package io.eddy.loadtests.robustness.cluster;

import io.eddy.client.EddyClient;
import io.eddy.client.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cluster of 3 real {@code eddy-server} processes on loopback for the robustness suite,
 * started as {@code ./eddy node} starts a member: each with its own data directory
 * ({@code <dir>/<name>}) and log file ({@code <dir>/logs/<name>.log}) under the run directory,
 * and free ports. Every member's peer address (in {@code --initial-cluster}, so in the Raft
 * configuration) is a {@link LinkProxy} port that forwards to the member's real Raft port, so
 * links can be cut; the client endpoints are the members' own client ports. Members can be
 * killed (SIGKILL), restarted on the same data and ports (recovery), paused (SIGSTOP) and
 * resumed (SIGCONT): see {@link ProcessFaults}.
 *
 * <p>{@link #close} stops every process (SIGCONT, SIGTERM, then SIGKILL after a grace period);
 * a JVM shutdown hook kills them if the JVM exits first (Ctrl-C, a failed test). Data and logs
 * stay: the caller keeps or deletes the run directory.
 */
public final class ProcessCluster implements AutoCloseable {
    /** Member names. */
    public static final List<String> NAMES = List.of("n1", "n2", "n3");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * How to run the members.
     *
     * @param serverJar  {@code server/target/eddy-server.jar}
     * @param dir        the run directory (created; data and logs go under it)
     * @param jvmOptions options of each member's JVM (e.g. {@code -Xmx512m})
     * @param flags      extra {@code --setting=value} flags of every member
     */
    public record Options(Path serverJar, Path dir, List<String> jvmOptions, List<String> flags) {
        /** Copies the lists. */
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
            flags = List.copyOf(flags);
        }
    }

    private final Path dir;
    private final LinkProxy proxy = new LinkProxy();
    private final Map<String, MemberProcess> members = new LinkedHashMap<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private boolean closed;

    private ProcessCluster(Path dir) {
        this.dir = dir;
        this.shutdownHook = new Thread(this::killAll, "robustness-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the 3 members and waits (bounded) until each has started and one is leader. */
    public static ProcessCluster start(Options options) {
        if (!Files.isRegularFile(options.serverJar())) {
            throw new IllegalArgumentException(options.serverJar().toAbsolutePath() + " does not exist: build it with "
                    + "./mvnw -B -q -DskipTests package -pl server -am (or ./eddy build)");
        }
        ProcessCluster cluster = new ProcessCluster(options.dir());
        try {
            Files.createDirectories(options.dir().resolve("logs"));
            Map<String, Integer> realPeerPorts = new LinkedHashMap<>();
            Map<String, Integer> proxyPorts = new LinkedHashMap<>();
            for (String name : NAMES) {
                realPeerPorts.put(name, freePort());
                proxyPorts.put(name, cluster.proxy.expose(name, realPeerPorts.get(name)));
            }
            String initialCluster = proxyPorts.entrySet().stream().map(e -> e.getKey() + "=127.0.0.1:" + e.getValue())
                    .collect(Collectors.joining(","));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (String name : NAMES) {
                String endpoint = "127.0.0.1:" + freePort();
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(options.jvmOptions());
                command.addAll(List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-jar",
                        options.serverJar().toAbsolutePath().toString(), "--name=" + name,
                        "--data-dir=" + options.dir().resolve(name).toAbsolutePath(), "--listen-client=" + endpoint,
                        "--listen-peer=127.0.0.1:" + realPeerPorts.get(name), "--initial-cluster=" + initialCluster,
                        "--initial-cluster-state=new", "--initial-cluster-token=robustness-" + options.dir().getFileName()));
                command.addAll(options.flags());
                cluster.members.put(name, new MemberProcess(name, command,
                        options.dir().resolve("logs").resolve(name + ".log")));
                cluster.endpoints.put(name, endpoint);
            }
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (String name : NAMES) { // all at once, as ./eddy up does
                offsets.put(name, cluster.members.get(name).launch());
            }
            for (String name : NAMES) {
                cluster.proxy.alias(name, cluster.members.get(name).awaitStarted(offsets.get(name), START_TIMEOUT));
            }
            cluster.awaitAllAnswer(START_TIMEOUT);
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The run directory. */
    public Path dir() {
        return dir;
    }

    /** The client endpoint ({@code host:port}) of member {@code name}. */
    public String endpoint(String name) {
        return endpoints.get(name);
    }

    /** Every member's client endpoint. */
    public List<String> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /** Each member's data directory. */
    public List<Path> dataDirs() {
        return NAMES.stream().map(dir::resolve).toList();
    }

    /** Each member's log file. */
    public List<Path> logs() {
        return members.values().stream().map(MemberProcess::log).toList();
    }

    /**
     * The status of member {@code name}, or empty if it does not answer within {@code timeout}
     * (killed, paused, starting) — never hangs.
     */
    public Optional<Status> status(String name, Duration timeout) {
        MemberProcess member = members.get(name);
        if (!member.alive() || member.paused()) {
            return Optional.empty();
        }
        // A client of its own each time: a status poll of a killed or paused member must not leave
        // state behind that the next poll (after a restart) trips on.
        try (EddyClient client = EddyClient.builder().endpoints(endpoints.get(name)).requestTimeout(timeout).build()) {
            return Optional.ofNullable(client.maintenance().status().timeout(timeout)
                    .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(timeout.plusSeconds(1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The leader: a running, unpaused member that says it is the leader (the highest term wins if
     * an isolated old leader still thinks it is), or empty if none answers so within {@code timeout}.
     */
    public Optional<String> leader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Status best = null;
            for (String name : NAMES) {
                Optional<Status> s = status(name, Duration.ofSeconds(1));
                if (s.isPresent() && s.get().name().equals(s.get().leaderName())
                        && (best == null || s.get().raftTerm() > best.raftTerm())) {
                    best = s.get();
                }
            }
            if (best != null) {
                return Optional.of(best.name());
            }
            pauseBriefly();
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** Waits until every member answers its status and they agree on a leader; throws after {@code timeout}. */
    public void awaitAllAnswer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            List<String> missing = new ArrayList<>();
            java.util.Set<String> leaders = new java.util.HashSet<>();
            for (String name : NAMES) {
                Optional<Status> s = status(name, Duration.ofSeconds(2));
                if (s.isEmpty()) {
                    missing.add(name);
                } else {
                    leaders.add(s.get().leaderName());
                }
            }
            if (missing.isEmpty() && leaders.size() == 1 && !leaders.iterator().next().isEmpty()) {
                return;
            }
            last = missing.isEmpty() ? "leaders seen " + leaders : "no answer from " + missing;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not recover within " + timeout + ": " + last
                        + " (logs under " + dir.resolve("logs") + ")");
            }
            pauseBriefly();
        }
    }

    MemberProcess member(String name) {
        return members.get(name);
    }

    LinkProxy proxy() {
        return proxy;
    }

    /** Starts (or restarts) member {@code name} and tells the proxy its Raft client id. */
    void start(String name) {
        proxy.alias(name, members.get(name).start(START_TIMEOUT));
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(200); // between polls of the members' status
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void killAll() {
        members.values().forEach(m -> {
            try {
                m.kill();
            } catch (RuntimeException e) {
                System.err.println("cannot kill " + m.name() + ": " + e);
            }
        });
    }

    /** Stops every member (SIGTERM, SIGKILL after 10 s) and the proxies. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MemberProcess m : members.values()) {
            try {
                m.stop(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                System.err.println("cannot stop " + m.name() + ": " + e);
                m.kill();
            }
        }
        proxy.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
