package io.eddy.loadtests.node;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.WatchOptions;
import io.eddy.server.api.ApiServer;
import io.eddy.server.node.EddyNode;
import io.eddy.server.watch.WatchStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stalled watch subscribers: what {@code --watchers} watches whose subscribers request nothing
 * cost the members while {@code --events} events are written, and whether every watcher gets
 * every event once demand returns. Three members in this JVM ({@link LocalCluster}) with an
 * {@link ApiServer} each; writes go straight to the leader's write path ({@link EventWriter}:
 * txns of {@code --ops-per-txn} puts of {@code --value-bytes}-byte values, {@code --in-flight}
 * outstanding, keys {@code w/%08d}). First {@code --warmup-events} events (keys {@code warmup/...})
 * warm the JIT and the members up, unmeasured.
 * <ol>
 *   <li>Phase A: no watcher; write the events; write throughput.</li>
 *   <li>Phase B: register the watchers (prefix {@code w/}, from now) on the {@code --watch-member}
 *       member through {@code --clients} clients (connections), subscribers requesting nothing;
 *       write the same events again; throughput, heap used after forced GCs (sampled every
 *       {@code --sample-ms}, the same in phase A) against the heap before the phase, and the
 *       member's {@link WatchStats} (held events must stay 0: no per-watcher buffer).</li>
 *   <li>Phase C: every subscriber requests everything; each checks as batches arrive (storing
 *       none) that it gets exactly phase B's revisions, in order, each with all its events.
 *       Prints the catch-up time and the result.</li>
 * </ol>
 * The heap is the whole JVM's: three members and the clients. A stalled client holds at most
 * one stream element per watch (the client asks the member for one element ahead).
 * Exit status 0 only if every watcher validated.
 *
 * <pre>
 * java -Xmx2g --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp load-tests/target/benchmarks.jar \
 *     io.eddy.loadtests.node.WatchStallBenchmark --events 1000000 --watchers 1000
 * </pre>
 */
public final class WatchStallBenchmark {
    private static final Map<String, String> DEFAULTS = Map.of("events", "1000000", "watchers", "1000",
            "clients", "10", "ops-per-txn", "100", "in-flight", "32", "value-bytes", "16",
            "sample-ms", "2000", "watch-member", "leader", "catch-up-timeout", "10800", "warmup-events", "200000");
    private static final String PREFIX = "w/";

    private WatchStallBenchmark() {
    }

    /** Runs the three phases; {@code --help} lists the options. */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("WatchStallBenchmark", args, new TreeMap<>(DEFAULTS));
        System.out.printf("# WatchStallBenchmark %s, max heap %d MiB, load %s%n", cli.describe(),
                Runtime.getRuntime().maxMemory() >> 20, Cli.load());
        LocalCluster.runAndExit(3, Duration.ofSeconds(1800 + cli.intValue("events") / 200 + cli.intValue("catch-up-timeout")),
                cluster -> run(cli, cluster));
    }

    private static boolean run(Cli cli, LocalCluster cluster) throws IOException, InterruptedException {
        int events = cli.intValue("events");
        int watchers = cli.intValue("watchers");
        int sampleMs = cli.intValue("sample-ms");
        cluster.startAll();
        EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(60));
        EddyNode member = switch (cli.get("watch-member")) {
            case "leader" -> leader;
            case "follower" -> cluster.follower();
            default -> throw new IllegalArgumentException("--watch-member is leader or follower");
        };
        ApiServer server = ApiServer.start(member).block(Duration.ofSeconds(30));
        String endpoint = server.address().getHostString() + ":" + server.address().getPort();
        List<EddyClient> clients = new ArrayList<>();
        for (int c = 0; c < cli.intValue("clients"); c++) {
            clients.add(EddyClient.builder().endpoints(endpoint).build());
        }
        try {
            long w0 = System.nanoTime();
            EventWriter.write(leader, "warmup/", cli.intValue("warmup-events"), cli.intValue("ops-per-txn"),
                    cli.intValue("in-flight"), cli.intValue("value-bytes"));
            System.out.printf("warm-up: %,d events (not watched, not measured) in %.1f s%n",
                    cli.intValue("warmup-events"), Cli.seconds(System.nanoTime() - w0));
            Phase a = writePhase(cli, leader, member, sampleMs);
            print("A (no watchers)", events, a);

            CountDownLatch finished = new CountDownLatch(watchers);
            AtomicLong lastFinish = new AtomicLong();
            List<StalledWatcher> subscribers = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                StalledWatcher subscriber = new StalledWatcher(finished, lastFinish);
                subscribers.add(subscriber);
                clients.get(w % clients.size()).watch()
                        .watch(ByteSequence.fromUtf8(PREFIX), WatchOptions.prefix(ByteSequence.fromUtf8(PREFIX)))
                        .subscribe(subscriber);
            }
            WatchStats registered = awaitWatchers(member, watchers, Duration.ofSeconds(60 + watchers / 50));
            System.out.printf("registered %,d watchers on %s over %d connections: %s%n", watchers,
                    cli.get("watch-member"), clients.size(), registered);

            Phase b = writePhase(cli, leader, member, sampleMs);
            long[] revisions = b.written.revisions();
            print("B (stalled watchers)", events, b);
            System.out.printf("throughput B/A: %.3f (%.1f%% %s)%n", b.eventsPerSecond(events) / a.eventsPerSecond(events),
                    100 * Math.abs(1 - b.eventsPerSecond(events) / a.eventsPerSecond(events)),
                    b.eventsPerSecond(events) < a.eventsPerSecond(events) ? "slower" : "faster");
            System.out.printf("watch hub during B: max held events %d, max synced %d, end %s%n",
                    b.maxHeld.get(), b.maxSynced.get(), stats(member));

            long beforeRelease = subscribers.stream().mapToLong(StalledWatcher::beforeRelease).sum();
            long c0 = System.nanoTime();
            HeapSampler sampler = new HeapSampler(sampleMs, () -> { }).start();
            subscribers.forEach(s -> s.release(revisions, b.written.events()));
            boolean inTime = finished.await(cli.intValue("catch-up-timeout"), TimeUnit.SECONDS);
            sampler.stop();
            long took = (inTime ? lastFinish.get() : System.nanoTime()) - c0;
            long ok = subscribers.stream().filter(s -> s.problem() == null && s.received() == revisions.length)
                    .count();
            System.out.printf("C (demand returns): %,d of %,d watchers received all %,d revisions (%,d events) in order"
                    + " in %.1f s (%,.0f events/s delivered); heap used after GC max %.1f MiB; batches delivered"
                    + " before demand: %d; load %s%n", ok, watchers, revisions.length, b.written.total(),
                    Cli.seconds(took), ok * b.written.total() / Cli.seconds(took), HeapSampler.mib(sampler.max()),
                    beforeRelease, Cli.load());
            if (!inTime) {
                System.out.printf("catch-up TIMED OUT after %s s%n", cli.get("catch-up-timeout"));
            }
            subscribers.stream().filter(s -> s.problem() != null).limit(5)
                    .forEach(s -> System.out.println("  problem: " + s.problem()));
            System.out.printf("validation: %s%n", ok == watchers && beforeRelease == 0 ? "PASSED" : "FAILED");
            subscribers.forEach(StalledWatcher::dispose);
            return ok == watchers && beforeRelease == 0;
        } finally {
            clients.forEach(EddyClient::close);
            server.close().block(Duration.ofSeconds(30));
        }
    }

    /** One write phase: what was written, the heap before it and the max during it, the hub's max counters. */
    private record Phase(EventWriter.Written written, long heapBefore, long heapMax, AtomicLong maxHeld,
            AtomicLong maxSynced) {
        double eventsPerSecond(int events) {
            return events / Cli.seconds(written.nanos());
        }
    }

    private static Phase writePhase(Cli cli, EddyNode leader, EddyNode member, int sampleMs)
            throws InterruptedException {
        long before = HeapSampler.usedAfterGc();
        AtomicLong maxHeld = new AtomicLong();
        AtomicLong maxSynced = new AtomicLong();
        HeapSampler sampler = new HeapSampler(sampleMs, () -> {
            WatchStats s = stats(member);
            maxHeld.accumulateAndGet(s.heldEvents(), Math::max);
            maxSynced.accumulateAndGet(s.synced(), Math::max);
        }).start();
        EventWriter.Written written = EventWriter.write(leader, PREFIX, cli.intValue("events"),
                cli.intValue("ops-per-txn"), cli.intValue("in-flight"), cli.intValue("value-bytes"));
        sampler.stop();
        return new Phase(written, before, sampler.max(), maxHeld, maxSynced);
    }

    private static void print(String phase, int events, Phase p) {
        System.out.printf("%-21s %,d events in %,d revisions in %.1f s = %,.0f events/s; heap used after GC: before"
                + " %.1f MiB, max %.1f MiB (%+.1f MiB); GC %d ms so far; load %s%n", phase, events,
                p.written.revisions().length, Cli.seconds(p.written.nanos()), p.eventsPerSecond(events),
                HeapSampler.mib(p.heapBefore), HeapSampler.mib(p.heapMax), HeapSampler.mib(p.heapMax - p.heapBefore),
                Cli.gcMillis(), Cli.load());
    }

    private static WatchStats stats(EddyNode member) {
        try {
            return member.watchHub().stats().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the watch hub's stats", e);
        }
    }

    private static WatchStats awaitWatchers(EddyNode member, int watchers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            WatchStats s = stats(member);
            if (s.watchers() >= watchers) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + s.watchers() + " of " + watchers + " watchers registered after "
                        + timeout + ": " + s);
            }
            Thread.sleep(50); // polling interval of a bounded wait
        }
    }
}
