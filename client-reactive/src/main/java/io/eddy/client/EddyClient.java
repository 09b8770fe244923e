package io.eddy.client;

import io.eddy.client.internal.DefaultClusterClient;
import io.eddy.client.internal.DefaultKvClient;
import io.eddy.client.internal.DefaultMaintenanceClient;
import io.eddy.client.internal.DefaultWatchClient;
import io.eddy.client.internal.EndpointAddress;
import io.eddy.client.internal.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client of an Eddy cluster: one lazy connection per endpoint, created by {@link #builder()}.
 * Building does no I/O; a connection opens on the first request that needs it and reopens
 * after it is lost. Requests go to one endpoint at a time and move to the next when the
 * connection fails. Thread-safe; close it to release the connections.
 */
public final class EddyClient implements AutoCloseable {
    private final Transport transport;
    private final KvClient kv;
    private final ClusterClient cluster;
    private final MaintenanceClient maintenance;
    private final WatchClient watch;

    private EddyClient(Transport transport) {
        this.transport = transport;
        this.kv = new DefaultKvClient(transport);
        this.cluster = new DefaultClusterClient(transport);
        this.maintenance = new DefaultMaintenanceClient(transport);
        this.watch = new DefaultWatchClient(transport);
    }

    /** A builder with no endpoints and the default request timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** The key-value service. */
    public KvClient kv() {
        return kv;
    }

    /** The watch service: change streams of keys, prefixes and ranges that resume by themselves. */
    public WatchClient watch() {
        return watch;
    }

    /** The cluster membership service: members, add, remove, promote, move the leadership. */
    public ClusterClient cluster() {
        return cluster;
    }

    /** The maintenance service: a member's status and snapshots of its store. */
    public MaintenanceClient maintenance() {
        return maintenance;
    }

    /** Closes every connection (idempotent); requests made afterwards fail. */
    @Override
    public void close() {
        transport.close();
    }

    /** Configures an {@link EddyClient}; not thread-safe. */
    public static final class Builder {
        /** The default bound of each call, retries included. */
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

        private List<String> endpoints = List.of();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /**
         * The members' client addresses (required, at least one): {@code host:port} for RSocket
         * over TCP, or {@code ws://host:port[/path]} for RSocket over WebSocket (a member's
         * {@code listen-client-websocket}).
         */
        public Builder endpoints(String... hostPorts) {
            List<String> list = List.of(hostPorts);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is required");
            }
            list.forEach(EndpointAddress::parse);
            this.endpoints = list;
            return this;
        }

        /**
         * The bound of each call, retries included (default 10 s); each attempt gets a third of
         * it, after which the next attempt goes to the next endpoint.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** The client (no connection is opened here). */
        public EddyClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("endpoints(...) is required");
            }
            return new EddyClient(new Transport(endpoints, requestTimeout));
        }
    }
}
