package io.eddy.server.node;

import static io.eddy.server.node.Requests.get;
import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.read;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.protocol.CommandResult;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader is cut off from both followers: the majority elects a new leader and goes on;
 * the old leader commits nothing, serves no linearizable read, and marks serializable reads
 * as possibly stale; after the partition heals every member converges.
 */
class MinorityPartitionTest {
    @TempDir
    Path dir;

    @Test
    void minoritySideCommitsNothingAndServesNoLinearizableRead() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode oldLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            write(oldLeader, put("before", "1"));
            cluster.bridge().isolate(oldLeader.name());

            EddyNode majority = cluster.runningNodes().stream().filter(n -> n != oldLeader).findFirst().orElseThrow();
            MiniCluster.awaitTrue(Duration.ofSeconds(20), "a new leader in the majority", () -> {
                String leader = majority.leaderName();
                return leader != null && !leader.equals(oldLeader.name())
                        && cluster.node(leader).isLeader();
            });
            CommandResult majorityWrite = write(majority, put("majority", "yes"));
            assertThat(majorityWrite.hasPut()).isTrue();

            CompletableFuture<CommandResult> minorityWrite = oldLeader.write(put("minority", "lost"));
            assertThatThrownBy(() -> minorityWrite.get(30, TimeUnit.SECONDS))
                    .as("a write on the cut-off side must not succeed").hasRootCauseInstanceOf(
                            io.eddy.server.errors.EddyException.class);
            assertThatThrownBy(() -> read(oldLeader, get("before", false)))
                    .as("no linearizable read on the cut-off side").isNotNull();
            MiniCluster.awaitTrue(Duration.ofSeconds(10), "serializable reads there to be marked stale",
                    () -> readQuietly(oldLeader).getHeader().getMaybeStale());
            assertThat(read(majority, get("before", true)).getHeader().getMaybeStale()).isFalse();

            cluster.bridge().healAll();
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            CommandResult after = write(leader, put("after", "1"));
            LeaderFailoverTest.assertSameState(cluster.runningNodes(), after.getPut().getHeader().getRevision());
            for (EddyNode node : cluster.runningNodes()) {
                assertThat(read(node, get("minority", false)).getKvsList()).as("minority write on %s", node.name())
                        .isEmpty();
                assertThat(read(node, get("majority", false)).getKvsList()).hasSize(1);
            }
        }
    }

    private static io.eddy.protocol.RangeResponse readQuietly(EddyNode node) {
        try {
            return read(node, get("before", true));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
