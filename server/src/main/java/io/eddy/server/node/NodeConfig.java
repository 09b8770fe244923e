package io.eddy.server.node;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A member's configuration, checked: everything the node needs to start, derived from
 * {@link Settings}. Construction fails with an {@link IllegalArgumentException} whose
 * message is one line naming the bad setting.
 *
 * @param initialCluster founding members, name to peer address, in the order given
 * @param joinExisting   {@code initial-cluster-state=existing}: this member was added to a
 *                       running cluster and starts empty, waiting for the leader
 */
public record NodeConfig(String name, Path dataDir, HostPort clientAddress, HostPort peerAddress,
                         Map<String, HostPort> initialCluster, boolean joinExisting, String clusterToken,
                         Settings settings) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public NodeConfig {
        initialCluster = Collections.unmodifiableMap(new LinkedHashMap<>(initialCluster));
    }

    public static NodeConfig from(Settings settings) {
        String name = settings.get(EddySettings.NAME);
        checkName(name, EddySettings.NAME.name());
        String dataDir = settings.get(EddySettings.DATA_DIR);
        HostPort client = HostPort.parse(EddySettings.LISTEN_CLIENT.name(), settings.get(EddySettings.LISTEN_CLIENT));
        HostPort peer = HostPort.parse(EddySettings.LISTEN_PEER.name(), settings.get(EddySettings.LISTEN_PEER));
        Map<String, HostPort> cluster = parseCluster(settings.get(EddySettings.INITIAL_CLUSTER), name, peer);
        String state = settings.get(EddySettings.INITIAL_CLUSTER_STATE);
        if (!state.equals("new") && !state.equals("existing")) {
            throw new IllegalArgumentException(EddySettings.INITIAL_CLUSTER_STATE.name() + ": '" + state
                    + "' must be new or existing");
        }
        if (!cluster.containsKey(name) && state.equals("new")) {
            throw new IllegalArgumentException(EddySettings.INITIAL_CLUSTER.name() + ": does not name this member '"
                    + name + "'");
        }
        long min = settings.get(EddySettings.ELECTION_TIMEOUT_MIN);
        long max = settings.get(EddySettings.ELECTION_TIMEOUT_MAX);
        if (min < 50 || max <= min) {
            throw new IllegalArgumentException("raft.election-timeout-min/max: need 50 <= min < max, got " + min
                    + " and " + max);
        }
        websocketAddress(settings);
        positive(settings, EddySettings.API_MAX_IN_FLIGHT_PER_CONNECTION);
        positive(settings, EddySettings.API_MAX_IN_FLIGHT);
        String token = settings.get(EddySettings.INITIAL_CLUSTER_TOKEN);
        if (token.isBlank()) {
            throw new IllegalArgumentException(EddySettings.INITIAL_CLUSTER_TOKEN.name() + ": must not be empty");
        }
        return new NodeConfig(name, Path.of(dataDir.isEmpty() ? name + ".eddy" : dataDir), client, peer, cluster,
                state.equals("existing"), token, settings);
    }

    /** Where the client API also listens over WebSocket ({@code listen-client-websocket}); empty when off. */
    public Optional<HostPort> websocketAddress() {
        return websocketAddress(settings);
    }

    private static Optional<HostPort> websocketAddress(Settings settings) {
        String text = settings.get(EddySettings.LISTEN_CLIENT_WEBSOCKET);
        return text.isBlank() ? Optional.empty()
                : Optional.of(HostPort.parse(EddySettings.LISTEN_CLIENT_WEBSOCKET.name(), text));
    }

    private static void positive(Settings settings, io.eddy.server.config.Setting<Integer> setting) {
        if (settings.get(setting) < 1) {
            throw new IllegalArgumentException(setting.name() + ": must be at least 1, got " + settings.get(setting));
        }
    }

    /** Where the member's Raft storage (log, state machine, store) lives: {@code <data-dir>/raft}. */
    public Path raftDir() {
        return dataDir.resolve("raft");
    }

    /** The Raft group of the cluster: derived from the token, so members agree without talking. */
    public UUID groupUuid() {
        return UUID.nameUUIDFromBytes(("eddy-cluster:" + clusterToken).getBytes(StandardCharsets.UTF_8));
    }

    /** The cluster id reported in response headers. */
    public long clusterId() {
        UUID uuid = groupUuid();
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    /** A member id reported in response headers: stable for a name within a cluster. */
    public static long memberId(String name, UUID group) {
        UUID uuid = UUID.nameUUIDFromBytes((group + "/" + name).getBytes(StandardCharsets.UTF_8));
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    private static Map<String, HostPort> parseCluster(String text, String self, HostPort selfPeer) {
        Map<String, HostPort> cluster = new LinkedHashMap<>();
        if (text.isBlank()) {
            cluster.put(self, selfPeer);
            return cluster;
        }
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(EddySettings.INITIAL_CLUSTER.name() + ": '" + trimmed
                        + "' is not name=host:port");
            }
            String name = trimmed.substring(0, eq);
            checkName(name, EddySettings.INITIAL_CLUSTER.name());
            HostPort address = HostPort.parse(EddySettings.INITIAL_CLUSTER.name(), trimmed.substring(eq + 1));
            if (cluster.put(name, address) != null) {
                throw new IllegalArgumentException(EddySettings.INITIAL_CLUSTER.name() + ": '" + name
                        + "' is named twice");
            }
        }
        return cluster;
    }

    static void checkName(String name, String setting) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(setting + ": '" + name
                    + "' is not a member name (letters, digits, '.', '_', '-'; at most 64)");
        }
    }
}
