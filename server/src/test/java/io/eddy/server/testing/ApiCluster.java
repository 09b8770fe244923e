package io.eddy.server.testing;

import io.eddy.server.api.ApiServer;
import io.eddy.server.config.Settings;
import io.eddy.server.node.EddyNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A {@link MiniCluster} with an {@link ApiServer} (RSocket over TCP, free port) in front of
 * every member: what the client and API tests connect to. Closing it closes the servers, then
 * the cluster.
 */
public final class ApiCluster implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MiniCluster cluster;
    private final Map<String, ApiServer> servers = new LinkedHashMap<>();

    private ApiCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts {@code size} members under {@code dir}, waits for a leader, then starts a server per member. */
    public static ApiCluster start(int size, Path dir, UnaryOperator<Settings> tweak) {
        ApiCluster api = new ApiCluster(MiniCluster.start(size, dir, tweak));
        try {
            api.cluster.awaitLeader(WAIT);
            for (EddyNode node : api.cluster.runningNodes()) {
                api.servers.put(node.name(), ApiServer.start(node).block(WAIT));
            }
            return api;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** The members. */
    public MiniCluster cluster() {
        return cluster;
    }

    /** The running servers by member name, in member order. */
    public Map<String, ApiServer> servers() {
        return servers;
    }

    /** A running member that is not the leader now. */
    public EddyNode follower() {
        return cluster.runningNodes().stream().filter(node -> !node.isLeader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running follower"));
    }

    /** The address member {@code name}'s server listens on. */
    public java.net.InetSocketAddress address(String name) {
        ApiServer server = servers.get(name);
        if (server == null) {
            throw new IllegalArgumentException("no server for member " + name + " (stopped?)");
        }
        return server.address();
    }

    /** {@code host:port} of member {@code name}'s server. */
    public String endpoint(String name) {
        java.net.InetSocketAddress address = address(name);
        return address.getHostString() + ":" + address.getPort();
    }

    /** Every running server's {@code host:port}, in member order. */
    public List<String> endpoints() {
        return servers.keySet().stream().map(this::endpoint).toList();
    }

    /** {@code first}'s endpoint, then every other running server's: a client connects to {@code first}. */
    public List<String> endpointsStartingWith(String first) {
        List<String> endpoints = new ArrayList<>();
        endpoints.add(endpoint(first));
        servers.keySet().stream().filter(name -> !name.equals(first)).map(this::endpoint).forEach(endpoints::add);
        return endpoints;
    }

    /** Closes member {@code name}'s server (its clients' connections drop); the member keeps running. */
    public void stopServer(String name) {
        ApiServer server = servers.remove(name);
        if (server != null) {
            server.close().block(WAIT);
        }
    }

    /** Closes member {@code name}'s server, then kills the member: what a client sees of a crash. */
    public void kill(String name) {
        stopServer(name);
        cluster.kill(name);
    }

    @Override
    public void close() {
        try {
            servers.values().forEach(server -> server.close().block(WAIT));
            servers.clear();
        } finally {
            cluster.close();
        }
    }
}
