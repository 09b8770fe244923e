package io.eddy.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.PutRequest;
import io.eddy.server.config.EddySettings;
import io.eddy.server.errors.EddyException;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.MiniCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction that applies while a member's watch hub lags behind the head (revisions applied
 * that its synced feed has not read yet): the synced watchers that kept up get every revision,
 * because the hub reads retained history and the background compactor waits for it; after
 * {@code watch.compaction-wait} the compactor proceeds and they end with COMPACTED. A real
 * 3-member cluster (Ratis, Xodus); the hub of a follower is made to lag with its test hook,
 * which holds the hub thread (never the apply thread) at the start of a feed.
 */
class CompactionWhileHubLagsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A write the test made: what a watcher of its key must see. */
    private record Write(long revision, String key, Event.EventType type, String value) {
    }

    @Test
    void syncedWatchersThatKeptUpGetEveryRevisionOfACompactionInsideTheHubsLag() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir,
                s -> s.with(EddySettings.WATCH_COMPACTION_WAIT, WAIT.multipliedBy(4).toMillis()))) {
            EddyNode leader = cluster.awaitLeader(WAIT);
            EddyNode member = follower(cluster);
            WatchHub hub = member.watchHub();
            HubProbe all = HubProbe.watch(hub, prefix("w/", false), Long.MAX_VALUE);
            HubProbe one = HubProbe.watch(hub, new WatchSpec(bytes("w/1"), bytes("w/1\0"), 0, false, false, false,
                    false), Long.MAX_VALUE);
            HubProbe withPrev = HubProbe.watch(hub, prefix("w/", true), Long.MAX_VALUE);
            HubProbe stalled = HubProbe.watch(hub, prefix("w/", false), 1);
            long warm = warmUp(leader, hub, List.of(all, one, withPrev), stalled);

            List<Write> writes = new ArrayList<>();
            long compactAt = lagAndCompact(leader, member, hub, writes, () -> {
                MiniCluster.awaitTrue(WAIT, member.name() + "'s compactor holding the pass back for its hub",
                        member::compactionWaiting);
                assertThat(member.compactionPending()).as("nothing removed while the hub lags").isTrue();
            });
            long last = writes.get(writes.size() - 1).revision();

            // Every synced watcher gets every event of its keys, in order, prevKv included, and lives on.
            assertThat(all.eventsUntil(last, WAIT)).extracting(CompactionWhileHubLagsTest::describe)
                    .containsExactlyElementsOf(expected(writes, key -> true));
            assertThat(one.eventsUntil(last, WAIT)).extracting(CompactionWhileHubLagsTest::describe)
                    .containsExactlyElementsOf(expected(writes, key -> key.equals("w/1")));
            List<Event> withPrevEvents = withPrev.eventsUntil(last, WAIT);
            assertThat(withPrevEvents).extracting(CompactionWhileHubLagsTest::describe)
                    .containsExactlyElementsOf(expected(writes, key -> true));
            assertThat(withPrevEvents).extracting(e -> e.hasPrevKv() ? e.getPrevKv().getValue().toStringUtf8() : null)
                    .as("each event's previous value").containsExactlyElementsOf(previousValues(writes));

            // An unsynced watcher whose own next revision is below the compact revision ends as in etcd.
            stalled.request(1);
            assertCompacted(stalled.awaitFailure(WAIT), compactAt);
            assertThat(warm).isLessThan(compactAt);

            // The hub read past compactAt - 1: the compactor removes the history now.
            MiniCluster.awaitTrue(WAIT, member.name() + " to finish compacting", () -> !member.compactionPending());
            assertThat(member.compactionWaiting()).isFalse();
            long after = revision(leader, put("w/1", "after"));
            for (HubProbe probe : List.of(all, one, withPrev)) {
                assertThat(probe.eventsUntil(after, WAIT)).extracting(e -> e.getKv().getModRevision())
                        .containsExactly(after);
                assertThat(probe.failure()).isNull();
                probe.dispose();
            }
        }
    }

    @Test
    void afterTheWaitTheCompactorProceedsAndLaggingSyncedWatchersEndWithCompacted() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir,
                s -> s.with(EddySettings.WATCH_COMPACTION_WAIT, 300L))) {
            EddyNode leader = cluster.awaitLeader(WAIT);
            EddyNode member = follower(cluster);
            WatchHub hub = member.watchHub();
            HubProbe all = HubProbe.watch(hub, prefix("w/", false), Long.MAX_VALUE);
            HubProbe withPrev = HubProbe.watch(hub, prefix("w/", true), Long.MAX_VALUE);
            HubProbe stalled = HubProbe.watch(hub, prefix("w/", false), 1);
            warmUp(leader, hub, List.of(all, withPrev), stalled);

            long compactAt = lagAndCompact(leader, member, hub, new ArrayList<>(), () ->
                    MiniCluster.awaitTrue(WAIT, member.name() + " to remove the history once the wait is over",
                            () -> !member.compactionPending()));

            for (HubProbe probe : List.of(all, withPrev)) {
                assertCompacted(probe.awaitFailure(WAIT), compactAt);
            }
            stalled.request(1);
            assertCompacted(stalled.awaitFailure(WAIT), compactAt);
            // The hub serves on: a new watch from now gets the next write.
            HubProbe fresh = HubProbe.watch(hub, prefix("w/", false), Long.MAX_VALUE);
            assertThat(fresh.next(WAIT).getCreated()).isTrue();
            long after = revision(leader, put("w/1", "after"));
            assertThat(fresh.eventsUntil(after, WAIT)).extracting(e -> e.getKv().getModRevision())
                    .containsExactly(after);
            fresh.dispose();
        }
    }

    /**
     * Takes the created elements, writes {@code w/1} and waits until the synced probes got it;
     * the stalled probe (no demand) is then unsynced at that revision. Returns the revision.
     */
    private static long warmUp(EddyNode leader, WatchHub hub, List<HubProbe> synced, HubProbe stalled)
            throws Exception {
        for (HubProbe probe : synced) {
            assertThat(probe.next(WAIT).getCreated()).isTrue();
        }
        assertThat(stalled.next(WAIT).getCreated()).isTrue();
        long warm = revision(leader, put("w/1", "warm"));
        for (HubProbe probe : synced) {
            assertThat(probe.eventsUntil(warm, WAIT)).extracting(e -> e.getKv().getModRevision())
                    .containsExactly(warm);
        }
        MiniCluster.awaitTrue(WAIT, "the stalled watcher unsynced", () -> hub.stats().join().unsynced() == 1);
        return warm;
    }

    /**
     * Holds {@code member}'s hub at the start of a feed, writes 13 revisions (recorded in
     * {@code writes}), compacts to the last one, waits until the compaction applied on
     * {@code member}, runs {@code whileHeld}, then lets the hub go. Returns the compact revision.
     */
    private static long lagAndCompact(EddyNode leader, EddyNode member, WatchHub hub, List<Write> writes,
            Runnable whileHeld) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        hub.beforeFeed(() -> {
            entered.countDown();
            try {
                release.await(WAIT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            record(writes, leader, "w/1", "v0");
            assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the hub's feed is held").isTrue();
            long processed = hub.processedRevision();
            for (int i = 1; i < 10; i++) {
                record(writes, leader, "w/" + (1 + i % 3), "v" + i);
            }
            long deleted = revision(leader, Command.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder()
                    .setKey(bytes("w/2"))).build());
            writes.add(new Write(deleted, "w/2", Event.EventType.DELETE, null));
            revision(leader, put("x/other", "not watched"));
            record(writes, leader, "w/1", "last");
            long compactAt = writes.get(writes.size() - 1).revision();
            CommandResult compacted = leader.write(Command.newBuilder().setCompaction(CompactionRequest.newBuilder()
                    .setRevision(compactAt)).build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(compacted.hasCompaction()).as("compaction accepted: %s", compacted).isTrue();
            MiniCluster.awaitTrue(WAIT, "the compaction applied on " + member.name(),
                    () -> member.compactRevision() == compactAt);
            assertThat(hub.processedRevision()).as("the hub lags inside the compaction: it has read only to %d",
                    processed).isEqualTo(processed).isLessThan(compactAt - 1);
            whileHeld.run();
            return compactAt;
        } finally {
            hub.beforeFeed(() -> { });
            release.countDown();
        }
    }

    private static void record(List<Write> writes, EddyNode leader, String key, String value) throws Exception {
        writes.add(new Write(revision(leader, put(key, value)), key, Event.EventType.PUT, value));
    }

    private static List<String> expected(List<Write> writes, java.util.function.Predicate<String> watched) {
        return writes.stream().filter(w -> watched.test(w.key()))
                .map(w -> w.revision() + " " + w.type() + " " + w.key()).toList();
    }

    /** Each write's previous value of its key (w/1 was "warm"; the others did not exist before). */
    private static List<String> previousValues(List<Write> writes) {
        Map<String, String> current = new HashMap<>(Map.of("w/1", "warm"));
        List<String> previous = new ArrayList<>();
        for (Write write : writes) {
            previous.add(write.type() == Event.EventType.PUT ? current.put(write.key(), write.value())
                    : current.remove(write.key()));
        }
        return previous;
    }

    private static String describe(Event event) {
        return event.getKv().getModRevision() + " " + event.getType() + " " + event.getKv().getKey().toStringUtf8();
    }

    private static void assertCompacted(Throwable failure, long compactAt) {
        assertThat(failure).isInstanceOfSatisfying(EddyException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.COMPACTED);
            assertThat(e.error().getCompactRevision()).isEqualTo(compactAt);
        });
    }

    private static long revision(EddyNode leader, Command command) throws Exception {
        CommandResult result = leader.write(command).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.hasError()).as("write %s: %s", command, result).isFalse();
        return result.hasPut() ? result.getPut().getHeader().getRevision()
                : result.getDeleteRange().getHeader().getRevision();
    }

    private static Command put(String key, String value) {
        return Command.newBuilder().setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))).build();
    }

    private static EddyNode follower(MiniCluster cluster) {
        return cluster.runningNodes().stream().filter(node -> !node.isLeader()).findFirst().orElseThrow();
    }

    private static WatchSpec prefix(String prefix, boolean prevKv) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return new WatchSpec(bytes(prefix), ByteString.copyFrom(end), 0, prevKv, false, false, false);
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
