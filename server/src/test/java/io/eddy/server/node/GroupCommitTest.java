package io.eddy.server.node;

import static io.eddy.server.node.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.CommandResult;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many concurrent writes through one member all complete, each with its own revision, and
 * share log entries (group commit). Writers are closed loops: each completion submits the
 * next write from the thread that completed it, as a server handler would. (The deadlock
 * between the batcher's old lock and Ratis' reply callbacks did not show here; the load-tests
 * WritePathBenchmark reproduced it and shows it gone.)
 */
class GroupCommitTest {
    private static final int WRITES = 6000;
    private static final int IN_FLIGHT = 128;

    @TempDir
    Path dir;

    @Test
    void concurrentWritesAllCompleteAndShareEntries() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            EddyNode follower = cluster.runningNodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            long indexBefore = leader.appliedIndex();
            Set<Long> revisions = ConcurrentHashMap.newKeySet();
            AtomicInteger issued = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(IN_FLIGHT);
            for (int chain = 0; chain < IN_FLIGHT; chain++) {
                writeNext(follower, issued, revisions, failure, done);
            }
            assertThat(done.await(90, TimeUnit.SECONDS))
                    .as("all %d writes complete (completed %d)", WRITES, revisions.size()).isTrue();
            assertThat(failure.get()).isNull();
            assertThat(revisions).as("one revision per write").hasSize(WRITES);
            long entries = leader.appliedIndex() - indexBefore;
            assertThat(entries).as("log entries for %d writes", WRITES).isLessThan(WRITES / 2);
        }
    }

    /** Issues the next write of a chain when the previous one completes, on its completing thread. */
    private static void writeNext(EddyNode node, AtomicInteger issued, Set<Long> revisions,
                                  AtomicReference<Throwable> failure, CountDownLatch done) {
        int i = issued.getAndIncrement();
        if (i >= WRITES) {
            done.countDown();
            return;
        }
        CompletableFuture<CommandResult> result = node.write(put("key/" + (i % 500), "v" + i));
        result.whenComplete((r, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
                done.countDown();
                return;
            }
            revisions.add(r.getPut().getHeader().getRevision());
            writeNext(node, issued, revisions, failure, done);
        });
    }
}
