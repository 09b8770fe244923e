package io.eddy.loadtests.jmh;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.PutRequest;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.ApplyResult;
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
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Apply throughput of an Xodus-backed {@link MvccStore}: each call applies one batch of
 * {@link #putsPerApply} puts (one Raft entry, one engine transaction) of 256-byte values to
 * random keys of a 100,000-key space, on one thread, without fsync per commit
 * ({@link XodusOptions#DEFAULTS}). The primary score is apply calls per second; the
 * secondary {@code puts} score is puts per second, comparable across batch sizes.
 * History is never compacted, so the store grows during the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ApplyBenchmark {
    static final int KEY_SPACE = 100_000;
    static final int VALUE_BYTES = 256;

    /** Puts per apply call. */
    @Param({"1", "64"})
    public int putsPerApply;

    private Path dir;
    private Engine engine;
    private MvccStore store;
    private long index;
    private SplittableRandom random;
    private ByteString[] keys;
    private ByteString value;

    /** Counts puts, reported as a throughput next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Puts {
        public long puts;

        @Setup(Level.Iteration)
        public void reset() {
            puts = 0;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("eddy-jmh-apply-");
        engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS);
        store = MvccStore.open(engine, Limits.DEFAULTS);
        index = store.appliedIndex().index();
        random = new SplittableRandom(42);
        keys = new ByteString[KEY_SPACE];
        for (int k = 0; k < KEY_SPACE; k++) {
            keys[k] = ByteString.copyFrom(String.format("key/%08d", k), StandardCharsets.US_ASCII);
        }
        byte[] bytes = new byte[VALUE_BYTES];
        random.nextBytes(bytes);
        value = ByteString.copyFrom(bytes);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            if (store != null) {
                store.close();
            }
            if (engine != null) {
                System.out.printf("%n[ApplyBenchmark] %d entries applied, store on disk: %d MB%n", index,
                        engine.diskSizeBytes() >> 20);
                engine.close();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    @Benchmark
    public ApplyResult apply(Puts counter) {
        List<Command> commands = new ArrayList<>(putsPerApply);
        for (int p = 0; p < putsPerApply; p++) {
            PutRequest put = PutRequest.newBuilder().setKey(keys[random.nextInt(KEY_SPACE)]).setValue(value).build();
            commands.add(Command.newBuilder().setPut(put).build());
        }
        ApplyResult result = store.apply(new AppliedIndex(1, ++index), commands);
        counter.puts += putsPerApply;
        return result;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
