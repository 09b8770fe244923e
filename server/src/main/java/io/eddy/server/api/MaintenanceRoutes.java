package io.eddy.server.api;

import io.eddy.protocol.Routes;
import io.eddy.protocol.SnapshotRequest;
import io.eddy.protocol.StatusRequest;
import io.eddy.protocol.StatusResponse;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import reactor.core.publisher.Mono;

/**
 * The maintenance routes of one member: {@code maintenance.status} (this member's status) and
 * {@code maintenance.snapshot} (a stream of its store, see {@link SnapshotStream}). Both read
 * local state only, on the node's admin executor or a blocking-I/O worker, never on the event
 * loop or the apply thread.
 */
final class MaintenanceRoutes {
    /** The member's version, from the build (the launcher's {@code version.properties}); "dev" when unfiltered. */
    static final String VERSION = readVersion();

    private MaintenanceRoutes() {
    }

    /** Request-response route name to route, for {@code node}. */
    static Map<String, Route<?>> of(EddyNode node) {
        return Map.of(Routes.MAINTENANCE_STATUS, Route.of(StatusRequest.getDefaultInstance(),
                request -> Mono.fromFuture(() -> node.admin(() -> status(node)), true)));
    }

    /** Request-stream route name to route, for {@code node}. */
    static Map<String, StreamRoute<?>> streamsOf(EddyNode node) {
        SnapshotStream snapshots = new SnapshotStream(node, node.config().dataDir().resolve("snapshots"));
        return Map.of(Routes.MAINTENANCE_SNAPSHOT, StreamRoute.of(SnapshotRequest.getDefaultInstance(),
                request -> snapshots.stream()));
    }

    static StatusResponse status(EddyNode node) {
        String leader = node.leaderName();
        return StatusResponse.newBuilder()
                .setHeader(node.header())
                .setVersion(VERSION)
                .setDbSize(node.dbSizeBytes())
                .setLeader(leader == null ? 0 : NodeConfig.memberId(leader, node.config().groupUuid()))
                .setLeaderName(leader == null ? "" : leader)
                .setRaftIndex(node.commitIndex())
                .setRaftTerm(node.term())
                .setRaftAppliedIndex(node.appliedIndex())
                .setIsLearner(node.isLearner())
                .setName(node.name())
                .setCompactRevision(node.compactRevision())
                .build();
    }

    private static String readVersion() {
        return io.eddy.server.config.BuildVersion.get();
    }
}
