package io.eddy.loadtests.node;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.GetOptions;
import io.eddy.client.KeyValue;
import io.eddy.client.RangeStreamOptions;
import io.eddy.server.api.ApiServer;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.RangeStreams;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Memory of a streamed range: loads {@code --keys} keys ({@code key/%08d}, {@code --value-bytes}
 * bytes each) into a {@code --nodes}-member cluster in this JVM ({@link LocalCluster}) with an
 * {@link ApiServer} per member, then streams the whole range through the client
 * ({@code kv().rangeStream}) with a subscriber that requests {@code --request} keys each time it
 * has consumed as many. Prints the keys received (and whether they came in order), the time,
 * the heap used after a forced GC before the stream, and the most heap used after a forced GC
 * sampled every {@code --sample-ms} during the stream (a sampler thread, never an event loop).
 * The bound: one chunk ({@value RangeStreams#MAX_PAGE_KEYS} keys, at most ~1 MiB) per side of
 * the stream, whatever the range's size. With {@code --compare-get true} it then tries a plain
 * {@code kv().get} of the whole range and reports the same figures or its failure.
 *
 * <pre>
 * java -Xmx1g --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp load-tests/target/benchmarks.jar \
 *     io.eddy.loadtests.node.RangeStreamHeap --keys 1000000
 * </pre>
 */
public final class RangeStreamHeap {
    private static final Map<String, String> DEFAULTS = Map.of("keys", "1000000", "value-bytes", "100",
            "nodes", "3", "ops-per-txn", "100", "in-flight", "32", "request", "100", "sample-ms", "250",
            "compare-get", "false");
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RangeStreamHeap() {
    }

    /** Runs the measurement; {@code --help} lists the options. Exits 0 when every key arrived in order. */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse("RangeStreamHeap", args, new TreeMap<>(DEFAULTS));
        int keys = cli.intValue("keys");
        System.out.printf("RangeStreamHeap %s, max heap %d MiB, load %s%n", cli.describe(),
                Runtime.getRuntime().maxMemory() >> 20, Cli.load());
        LocalCluster.runAndExit(cli.intValue("nodes"), Duration.ofSeconds(900 + keys / 1000),
                cluster -> run(cli, cluster));
    }

    private static boolean run(Cli cli, LocalCluster cluster) throws IOException, InterruptedException {
        int keys = cli.intValue("keys");
        cluster.startAll();
        EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        RestartBenchmark.load(leader, keys, cli.intValue("ops-per-txn"), cli.intValue("in-flight"),
                cli.intValue("value-bytes"));
        System.out.printf("load: %,d keys of %d-byte values into %d member(s) in %.1f s%n", keys,
                cli.intValue("value-bytes"), cluster.nodes().size(), Cli.seconds(System.nanoTime() - t0));

        List<ApiServer> servers = new ArrayList<>();
        for (EddyNode node : cluster.nodes()) {
            servers.add(ApiServer.start(node).block(Duration.ofSeconds(30)));
        }
        EddyClient client = EddyClient.builder().endpoints(servers.stream()
                .map(s -> s.address().getHostString() + ":" + s.address().getPort()).toArray(String[]::new)).build();
        try {
            long before = usedAfterGc();
            System.out.printf("heap used after GC before the stream: %.1f MiB%n", mib(before));
            Sampler sampler = new Sampler(cli.intValue("sample-ms"));
            sampler.start();
            long s0 = System.nanoTime();
            Outcome stream = stream(client, cli.intValue("request"));
            long took = System.nanoTime() - s0;
            sampler.stop();
            System.out.printf("stream: %,d keys received (%s), %s, in %.1f s = %,.0f keys/s; heap used after GC:"
                    + " max %.1f MiB over %d samples (%.1f MiB above before the stream), %d pages read%n",
                    stream.received(), stream.inOrder() ? "in order" : "OUT OF ORDER",
                    stream.error() == null ? "completed" : "FAILED: " + stream.error(),
                    Cli.seconds(took), stream.received() / Cli.seconds(took), mib(sampler.max.get()),
                    sampler.samples.get(), mib(sampler.max.get() - before),
                    cluster.nodes().stream().mapToLong(n -> n.rangeStreams().pagesRead()).sum());
            if (Boolean.parseBoolean(cli.get("compare-get"))) {
                compareGet(client, before, cli.intValue("sample-ms"));
            }
            return stream.error() == null && stream.inOrder() && stream.received() == keys;
        } finally {
            client.close();
            servers.forEach(server -> server.close().block(Duration.ofSeconds(30)));
        }
    }

    private record Outcome(long received, boolean inOrder, Throwable error) {
    }

    /** Streams every key with a subscriber taking {@code batch} keys at a time. */
    private static Outcome stream(EddyClient client, int batch) throws InterruptedException {
        AtomicLong received = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        boolean[] inOrder = {true};
        client.kv().rangeStream(ByteSequence.fromUtf8("key/"), RangeStreamOptions.prefix(ByteSequence.fromUtf8("key/")))
                .subscribe(new BaseSubscriber<KeyValue>() {
                    private ByteSequence previous;
                    private int consumed;

                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                        request(batch);
                    }

                    @Override
                    protected void hookOnNext(KeyValue kv) {
                        if (previous != null && previous.compareTo(kv.key()) >= 0) {
                            inOrder[0] = false;
                        }
                        previous = kv.key();
                        received.incrementAndGet();
                        if (++consumed == batch) {
                            consumed = 0;
                            request(batch);
                        }
                    }

                    @Override
                    protected void hookOnError(Throwable failure) {
                        error.set(failure);
                    }

                    @Override
                    protected void hookFinally(reactor.core.publisher.SignalType type) {
                        done.countDown();
                    }
                });
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the stream did not finish in 30 minutes");
        }
        return new Outcome(received.get(), inOrder[0], error.get());
    }

    /** A plain get of the whole range, for comparison: its outcome and the heap sampled meanwhile. */
    private static void compareGet(EddyClient client, long before, int sampleMs) throws InterruptedException {
        Sampler sampler = new Sampler(sampleMs);
        sampler.start();
        long t0 = System.nanoTime();
        String outcome;
        try {
            int count = client.kv().get(ByteSequence.fromUtf8("key/"), GetOptions.prefix(ByteSequence.fromUtf8("key/")))
                    .block(Duration.ofMinutes(10)).kvs().size();
            outcome = String.format("%,d keys", count);
        } catch (RuntimeException | OutOfMemoryError e) {
            outcome = "FAILED: " + e;
        }
        sampler.stop();
        System.out.printf("plain get of the whole range: %s in %.1f s; heap used after GC: max %.1f MiB over %d"
                + " samples (%.1f MiB above before the stream)%n", outcome, Cli.seconds(System.nanoTime() - t0),
                mib(sampler.max.get()), sampler.samples.get(), mib(sampler.max.get() - before));
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Forces a GC and reads the heap used every {@code periodMs}, on its own thread, until stopped. */
    private static final class Sampler {
        final AtomicLong max = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(int periodMs) {
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(usedAfterGc(), Math::max);
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(periodMs); // a sampling period, not synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
