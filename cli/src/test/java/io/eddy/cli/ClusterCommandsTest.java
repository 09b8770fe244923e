package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** member, endpoint, move-leader and snapshot against a real 3-member cluster. */
class ClusterCommandsTest {
    @TempDir
    static Path dir;

    private static ApiCluster api;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir.resolve("cluster"), s -> s);
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void memberListPrintsOneRowPerMember() {
        Ctl.Result simple = Ctl.run(api.endpoints(), "member", "list");
        assertThat(simple.exitCode()).as(simple.err()).isZero();
        assertThat(simple.out().lines().toList()).hasSize(3)
                .allMatch(line -> line.matches("[0-9a-f]+, started, n[123], 127\\.0\\.0\\.1:\\d+, .*, false"));

        Ctl.Result table = Ctl.run(api.endpoints(), "member", "list", "-w", "table");
        List<String> rows = table.out().lines().toList();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(1)).startsWith("|        ID        | STATUS  | NAME |");

        Ctl.Result json = Ctl.run(api.endpoints(), "member", "list", "-w", "json");
        assertThat(json.out()).startsWith("{\"header\":{\"cluster_id\":").contains("\"members\":[{\"ID\":")
                .contains("\"name\":\"n1\"").endsWith("]}\n");
    }

    @Test
    void endpointStatusAndHealthAskEveryMemberWithCluster() throws InterruptedException {
        awaitClientAddresses();
        Ctl.Result status = Ctl.run(List.of(api.endpoints().get(0)), "endpoint", "status", "--cluster", "-w", "table");
        assertThat(status.exitCode()).as(status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1).split("\\s*\\|\\s*")).containsExactly("", "ENDPOINT", "ID", "VERSION", "DB SIZE",
                "IS LEADER", "IS LEARNER", "RAFT TERM", "RAFT INDEX", "RAFT APPLIED INDEX", "ERRORS");
        assertThat(lines.subList(3, 6)).filteredOn(line -> line.contains("|      true |")).hasSize(1);

        Ctl.Result health = Ctl.run(api.endpoints(), "endpoint", "health");
        assertThat(health.exitCode()).as(health.err()).isZero();
        assertThat(health.out().lines().toList()).hasSize(3)
                .allMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ is healthy: successfully committed proposal: took = .+"));
    }

    /**
     * Waits (bounded) until the member list names every member's client address: a member learns
     * another's once it has reached it since it started.
     */
    private static void awaitClientAddresses() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        String list = "";
        while (System.nanoTime() < deadline) {
            list = Ctl.run(List.of(api.endpoints().get(0)), "member", "list").out();
            if (list.lines().count() == 3 && list.lines().noneMatch(line -> line.endsWith(", , false"))) {
                return;
            }
            Thread.sleep(100); // polling the member list, bounded by the deadline
        }
        throw new AssertionError("the member list does not name every client address within 30 s:\n" + list);
    }

    @Test
    void moveLeaderHandsTheLeadershipToTheNamedMember() {
        String follower = api.follower().name();
        Ctl.Result moved = Ctl.run(api.endpoints(), "move-leader", follower);
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(moved.out()).matches("Leadership transferred from [0-9a-f]+ to [0-9a-f]+\n");
        assertThat(api.cluster().node(follower).isLeader()).isTrue();

        Ctl.Result unknown = Ctl.run(api.endpoints(), "member", "remove", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).startsWith("Error: no member named or with id \"nosuch\"");
    }

    @Test
    void snapshotSaveWritesAFile() throws Exception {
        Path file = dir.resolve("backup.snap");
        Ctl.Result saved = Ctl.run(api.endpoints(), "snapshot", "save", file.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        assertThat(saved.out()).startsWith("Snapshot saved at " + file);
        assertThat(Files.size(file)).isPositive();
    }
}
