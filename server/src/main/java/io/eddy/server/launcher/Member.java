package io.eddy.server.launcher;

import io.eddy.server.api.ApiServer;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member the launcher runs: an {@link EddyNode} started after a few checks that turn the
 * common startup failures into a clear one-line {@link StartupFailure}, then its client API
 * ({@link ApiServer}); stopped at most once, the API before the node.
 */
final class Member implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Member.class);

    /** Bound on starting and stopping the client API (the launcher thread may wait). */
    private static final Duration API_WAIT = Duration.ofSeconds(30);

    private final EddyNode node;
    private final ApiServer api;
    private final DataDirLock lock;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Member(EddyNode node, ApiServer api, DataDirLock lock) {
        this.node = node;
        this.api = api;
        this.lock = lock;
    }

    /** The member could not start; the message is one line. */
    static final class StartupFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartupFailure(String message) {
            super(Failures.fold(message), null, false, false);
        }
    }

    /**
     * Checks and locks the data directory, checks both listen addresses, then starts the
     * node; the lock is held until {@link #stop}.
     *
     * @throws StartupFailure when the data directory is unusable or in use, an address cannot
     *                        be listened on, or the node fails to start
     */
    static Member start(NodeConfig config, String version) throws StartupFailure {
        LOG.info("{} {} starting member {} of cluster '{}' ({}, initial cluster {})", Launcher.PROGRAM, version,
                config.name(), config.clusterToken(), config.joinExisting() ? "joining" : "new",
                config.initialCluster().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
        checkDataDir(config.dataDir());
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
            checkClusterData(config);
            checkListen(EddySettings.LISTEN_PEER.name(), config.peerAddress());
            checkListen(EddySettings.LISTEN_CLIENT.name(), config.clientAddress());
            if (config.websocketAddress().isPresent()) {
                checkListen(EddySettings.LISTEN_CLIENT_WEBSOCKET.name(), config.websocketAddress().get());
            }
            EddyNode node = EddyNode.start(config);
            try {
                ApiServer api = ApiServer.start(node).block(API_WAIT);
                LOG.info("member {} serving the client API (RSocket/TCP) on {}", config.name(), api.address());
                api.websocketAddress().ifPresent(ws -> LOG.info("member {} serving the client API (RSocket/WebSocket)"
                        + " on ws://{}:{}/", config.name(), ws.getHostString(), ws.getPort()));
                return new Member(node, api, lock);
            } catch (RuntimeException | LinkageError e) {
                closeQuietly(node);
                throw new StartupFailure(EddySettings.LISTEN_CLIENT.name() + " " + config.clientAddress()
                        + config.websocketAddress().map(ws -> " / " + EddySettings.LISTEN_CLIENT_WEBSOCKET.name() + " "
                                + ws).orElse("")
                        + ": cannot start the client API (" + Failures.oneLine(e) + ")");
            }
        } catch (StartupFailure e) {
            lock.close();
            throw e;
        } catch (Exception | LinkageError e) {
            lock.close();
            throw new StartupFailure("cannot start member " + config.name() + ": " + Failures.oneLine(e));
        }
    }

    EddyNode node() {
        return node;
    }

    /** Stops the node the first time it is called (logging why); later calls do nothing. */
    void stop(String reason) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping member {}: {}", node.name(), reason);
        try {
            api.close().block(API_WAIT);
        } catch (RuntimeException e) {
            LOG.warn("client API of member {} did not stop cleanly: {}", node.name(), Failures.oneLine(e));
        }
        try {
            node.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("member {} did not stop cleanly: {}", node.name(), Failures.oneLine(e));
        } finally {
            lock.close();
        }
    }

    @Override
    public void close() {
        stop("closed");
    }

    private static void closeQuietly(EddyNode node) {
        try {
            node.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("member {} did not stop cleanly: {}", node.name(), Failures.oneLine(e));
        }
    }

    private static void checkDataDir(Path dir) throws StartupFailure {
        String setting = EddySettings.DATA_DIR.name() + " " + dir.toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StartupFailure(setting + ": not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure(setting + ": cannot create it (" + Failures.oneLine(e) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new StartupFailure(setting + ": not writable");
        }
    }

    /**
     * Refuses a data directory that holds another cluster's Raft storage and not this one's:
     * started anyway, the member would found an empty cluster beside the data (the token names
     * the Raft group, hence the directory its storage is in), e.g. after a restore with another
     * token.
     */
    private static void checkClusterData(NodeConfig config) throws StartupFailure {
        Path raftDir = config.raftDir();
        String group = config.groupUuid().toString();
        if (!Files.isDirectory(raftDir) || Files.isDirectory(raftDir.resolve(group))) {
            return;
        }
        List<String> others;
        try (Stream<Path> entries = Files.list(raftDir)) {
            others = entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new StartupFailure(EddySettings.DATA_DIR.name() + " " + config.dataDir().toAbsolutePath()
                    + ": cannot list " + raftDir + " (" + Failures.oneLine(e) + ")");
        }
        if (!others.isEmpty()) {
            throw new StartupFailure(EddySettings.DATA_DIR.name() + " " + config.dataDir().toAbsolutePath()
                    + ": holds another cluster's data (Raft group " + String.join(", ", others) + ", not " + group
                    + " of " + EddySettings.INITIAL_CLUSTER_TOKEN.name() + " '" + config.clusterToken()
                    + "'): start the member with the token its data was created or restored with");
        }
    }

    /** Binds and releases the address, so "in use" is reported before Ratis and Xodus start. */
    private static void checkListen(String setting, HostPort address) throws StartupFailure {
        if (address.port() == 0) {
            return;
        }
        InetSocketAddress socketAddress = new InetSocketAddress(address.host(), address.port());
        if (socketAddress.isUnresolved()) {
            throw new StartupFailure(setting + " " + address + ": unknown host '" + address.host() + "'");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(socketAddress);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StartupFailure(setting + " " + address + ": cannot listen (" + reason + ")");
        }
    }
}
