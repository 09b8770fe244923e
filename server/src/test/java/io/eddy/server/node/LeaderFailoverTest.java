package io.eddy.server.node;

import static io.eddy.server.node.Requests.get;
import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.read;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.CommandResult;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader is killed while a writer runs: a new leader is elected and writes resume within
 * a few seconds, every acknowledged write is still there, and the old leader, restarted,
 * catches up to the same state.
 */
class LeaderFailoverTest {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderFailoverTest.class);

    @TempDir
    Path dir;

    @Test
    void killedLeaderIsReplacedAndNoAcknowledgedWriteIsLost() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            EddyNode writerNode = cluster.runningNodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            Future<?> writer = executor.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "key/" + i;
                    try {
                        CommandResult result = writerNode.write(put(key, "v" + i)).get(20, TimeUnit.SECONDS);
                        acknowledged.put(key, result.getPut().getHeader().getRevision());
                    } catch (Exception e) {
                        // not acknowledged: allowed to be lost or applied
                    }
                }
                return null;
            });
            MiniCluster.awaitTrue(Duration.ofSeconds(20), "100 writes before the kill", () -> acknowledged.size() >= 100);

            String killed = leader.name();
            long killedAt = System.nanoTime();
            int before = acknowledged.size();
            cluster.kill(killed);
            EddyNode newLeader = cluster.awaitLeader(Duration.ofSeconds(15));
            MiniCluster.awaitTrue(Duration.ofSeconds(15), "writes to resume after the leader died",
                    () -> acknowledged.size() >= before + 50);
            long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            LOG.info("leader {} killed; {} elected; 50 more writes acknowledged {} ms after the kill",
                    killed, newLeader.name(), resumedMillis);
            assertThat(newLeader.name()).isNotEqualTo(killed);
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            executor.shutdown();

            for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
                var kv = read(newLeader, get(entry.getKey(), false)).getKvsList();
                assertThat(kv).as("acknowledged write %s", entry.getKey()).hasSize(1);
                assertThat(kv.get(0).getModRevision()).isEqualTo(entry.getValue());
            }

            EddyNode restarted = cluster.restart(killed);
            long target = newLeader.appliedIndex();
            MiniCluster.awaitTrue(Duration.ofSeconds(30), "the restarted member to catch up",
                    () -> restarted.appliedIndex() >= target);
            assertSameState(cluster.runningNodes(), newLeader.localRevision());
        }
    }

    /** Every member holds the same state at {@code revision} once it has applied it. */
    static void assertSameState(List<EddyNode> nodes, long revision) {
        for (EddyNode node : nodes) {
            MiniCluster.awaitTrue(Duration.ofSeconds(30), node.name() + " to reach revision " + revision,
                    () -> node.localRevision() >= revision);
        }
        var expected = nodes.get(0).hash(revision);
        for (EddyNode node : nodes) {
            assertThat(node.hash(revision)).as("hash on %s", node.name()).isEqualTo(expected);
        }
    }
}
