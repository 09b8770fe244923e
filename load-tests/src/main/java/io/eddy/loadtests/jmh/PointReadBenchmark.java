package io.eddy.loadtests.jmh;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point reads (a {@link RangeRequest} of one key at the current revision) from an
 * Xodus-backed {@link MvccStore} preloaded with {@value #KEYS} keys {@code key/%08d} of
 * 256-byte values (one version each, loaded {@value #LOAD_BATCH} puts per apply in the trial
 * setup). {@code lookup=existing} reads random stored keys; {@code lookup=missing} reads
 * random absent keys that sort between stored ones ({@code key/%08d-}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class PointReadBenchmark {
    static final int KEYS = 1_000_000;
    static final int LOAD_BATCH = 1_000;
    static final int VALUE_BYTES = 256;

    @Param({"existing", "missing"})
    public String lookup;

    private Path dir;
    private Engine engine;
    private MvccStore store;
    private RangeRequest[] requests;

    /** Each thread's own random source. */
    @State(Scope.Thread)
    public static class ThreadRandom {
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        dir = Files.createTempDirectory("eddy-jmh-read-");
        engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS);
        store = MvccStore.open(engine, Limits.DEFAULTS);
        SplittableRandom random = new SplittableRandom(7);
        long began = System.nanoTime();
        long index = store.appliedIndex().index();
        List<Command> batch = new ArrayList<>(LOAD_BATCH);
        for (int k = 0; k < KEYS; k++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            PutRequest put = PutRequest.newBuilder().setKey(key(k)).setValue(ByteString.copyFrom(value)).build();
            batch.add(Command.newBuilder().setPut(put).build());
            if (batch.size() == LOAD_BATCH || k == KEYS - 1) {
                store.apply(new AppliedIndex(1, ++index), batch);
                batch.clear();
            }
        }
        engine.sync();
        System.out.printf("%n[PointReadBenchmark] loaded %d keys in %.1f s, store on disk: %d MB%n", KEYS,
                (System.nanoTime() - began) / 1e9, engine.diskSizeBytes() >> 20);

        boolean missing = lookup.equals("missing");
        requests = new RangeRequest[KEYS];
        for (int k = 0; k < KEYS; k++) {
            ByteString key = missing ? key(k).concat(ByteString.copyFromUtf8("-")) : key(k);
            requests[k] = RangeRequest.newBuilder().setKey(key).build();
        }
        RangeResponse probe = store.range(requests[KEYS / 2]);
        if (probe.getKvsCount() != (missing ? 0 : 1)) {
            throw new IllegalStateException("unexpected probe result for " + lookup + ": " + probe.getKvsCount()
                    + " keys");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            if (store != null) {
                store.close();
            }
            if (engine != null) {
                engine.close();
            }
        } finally {
            ApplyBenchmark.deleteRecursively(dir);
        }
    }

    @Benchmark
    public RangeResponse read(ThreadRandom thread) {
        return store.range(requests[thread.random.nextInt(KEYS)]);
    }

    private static ByteString key(int k) {
        return ByteString.copyFrom(String.format("key/%08d", k), StandardCharsets.US_ASCII);
    }
}
