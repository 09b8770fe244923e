package io.eddy.server.node;

import static io.eddy.server.node.Requests.get;
import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.read;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.protocol.CommandResult;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real members: a write through any member is readable, linearizably, on every member. */
class ReplicationSmokeTest {
    @TempDir
    Path dir;

    @Test
    void writesReplicateAndReadsAreLinearizableOnFollowers() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            EddyNode follower = cluster.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();

            CommandResult viaFollower = write(follower, put("k", "v1"));
            assertThat(viaFollower.getPut().getHeader().getRevision()).isEqualTo(2);
            assertThat(viaFollower.getPut().getHeader().getRaftTerm()).isPositive();
            CommandResult viaLeader = write(leader, put("k", "v2"));
            assertThat(viaLeader.getPut().getHeader().getRevision()).isEqualTo(3);

            // A write retried with its request id (here through another member) applies once.
            io.eddy.protocol.Command once = put("once", "x").toBuilder().setRequestId(
                    io.eddy.protocol.RequestId.newBuilder().setClientId(42).setSequence(1)).build();
            CommandResult original = write(leader, once);
            CommandResult retried = write(follower, once);
            assertThat(retried.getPut().getHeader().getRevision()).isEqualTo(original.getPut().getHeader().getRevision());
            assertThat(read(follower, get("once", false)).getKvs(0).getVersion()).isEqualTo(1);

            for (EddyNode node : cluster.runningNodes()) {
                RangeResponse response = read(node, get("k", false));
                assertThat(response.getKvs(0).getValue().toStringUtf8()).as(node.name()).isEqualTo("v2");
                assertThat(response.getHeader().getMaybeStale()).isFalse();
            }

            // Compaction is replicated; every member removes the history in the background.
            long current = viaLeader.getPut().getHeader().getRevision();
            CommandResult compacted = write(leader, io.eddy.protocol.Command.newBuilder().setCompaction(
                    io.eddy.protocol.CompactionRequest.newBuilder().setRevision(current)).build());
            assertThat(compacted.hasCompaction()).as("compaction accepted: %s", compacted).isTrue();
            for (EddyNode node : cluster.runningNodes()) {
                MiniCluster.awaitTrue(Duration.ofSeconds(20), node.name() + " to finish compacting",
                        () -> !node.compactionPending());
                assertThatThrownBy(() -> read(node, get("k", false).toBuilder().setRevision(2).build()))
                        .hasRootCauseMessage("COMPACTED: required revision 2 has been compacted; compact revision is "
                                + current);
            }
        }
    }
}
