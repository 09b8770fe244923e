package io.eddy.server.node;

import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.config.EddySettings;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower is down while more entries are written than the leader's log retains: on
 * restart it cannot be fed from the log and is brought up to date by a snapshot (an engine
 * backup streamed from the leader); afterwards every member has the same hash.
 */
class SnapshotCatchUpTest {
    @TempDir
    Path dir;

    @Test
    void followerBehindThePurgedLogIsCaughtUpBySnapshot() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir,
                s -> s.with(EddySettings.SNAPSHOT_EVERY_ENTRIES, 40L)
                        .with(EddySettings.MAX_REQUEST_BYTES, 8 * 1024)
                        .with(EddySettings.BATCH_MAX_BYTES, 8 * 1024)
                        .with(EddySettings.LOG_SEGMENT_BYTES, 32L * 1024))) {
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            String lagging = cluster.names().stream().filter(n -> !n.equals(leader.name())).findFirst().orElseThrow();
            write(leader, put("early", "1"));
            long laggingApplied = cluster.node(lagging).appliedIndex();
            cluster.kill(lagging);

            String padding = "x".repeat(200);
            for (int i = 0; i < 600; i++) {
                write(leader, put("key/" + (i % 50), padding + i));
            }
            long logStart = leader.division().getRaftLog().getStartIndex();
            assertThat(logStart).as("the leader purged the entries the lagging member lacks")
                    .isGreaterThan(laggingApplied + 1);

            EddyNode restarted = cluster.restart(lagging);
            long target = leader.appliedIndex();
            MiniCluster.awaitTrue(Duration.ofSeconds(60), lagging + " to catch up by snapshot",
                    () -> restarted.appliedIndex() >= target);
            assertThat(restarted.division().getRaftLog().getStartIndex())
                    .as("its log restarts after the snapshot, not from the beginning").isGreaterThan(laggingApplied + 1);

            long revision = write(leader, put("after", "1")).getPut().getHeader().getRevision();
            LeaderFailoverTest.assertSameState(cluster.runningNodes(), revision);
        }
    }
}
