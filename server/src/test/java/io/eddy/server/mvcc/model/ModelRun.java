package io.eddy.server.mvcc.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.ApplyResult;
import io.eddy.server.mvcc.KvHash;
import io.eddy.server.mvcc.MvccStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One model-based run: random operations from an {@link OperationGenerator} and
 * {@link InvalidRequests}, plus physical compaction steps, applied to two
 * stores fed the same batches (typically Xodus- and memory-backed) and to the
 * {@link ReferenceModel}, compared after every step:
 * <ul>
 *   <li>every write's {@code CommandResult} (whole proto; error code and, for COMPACTED /
 *       FUTURE_REVISION, the revision the error carries), batches of several commands
 *       included, and that replayed batches are skipped;</li>
 *   <li>every range's response or error (whole proto);</li>
 *   <li>revision, compact revision and applied index after every step; the whole state at the
 *       current and at random retained revisions and the change log from a random retained
 *       revision every {@link #FULL_CHECK_EVERY} steps;</li>
 *   <li>that both stores' hashes agree (at random retained revisions) and that the hash
 *       moves with a write (sampled);</li>
 *   <li>physical compaction ({@code compactStep}) interleaved at random, with a different
 *       schedule on each store: it must never change an observable result.</li>
 * </ul>
 * A failure reports the seed, the step, the operation and the preceding operations.
 */
final class ModelRun {
    static final int FULL_CHECK_EVERY = 10;
    private static final int HISTORY = 25;

    private final long seed;
    private final String name;
    private final Random random;
    private final ReferenceModel model;
    private final OperationGenerator generator;
    private final InvalidRequests invalid;
    private final Map<String, MvccStore> stores = new TreeMap<>();
    private final MvccStore primary;
    private final MvccStore secondary;
    private final Deque<String> history = new ArrayDeque<>();
    private final Map<String, Integer> stats = new TreeMap<>();
    private long index;
    private String operation = "";

    ModelRun(long seed, String name, MvccStore primary, MvccStore secondary, ReferenceModel model) {
        this.seed = seed;
        this.name = name;
        this.random = new Random(seed);
        this.model = model;
        this.generator = new OperationGenerator(random, new KeySpace(random), model);
        this.invalid = new InvalidRequests(random, generator, model);
        this.primary = primary;
        this.secondary = secondary;
        stores.put("primary", primary);
        stores.put("secondary", secondary);
    }

    /** Runs {@code steps} steps and returns outcome counts. */
    Map<String, Integer> run(int steps) {
        for (int step = 1; step <= steps; step++) {
            operation = "";
            try {
                step(step);
                checkMeta();
            } catch (Throwable t) {
                throw new AssertionError("model test " + name + " failed: seed=" + seed + " step=" + step
                        + " (reproduce with -Deddy.seed=" + seed + ")\noperation: " + operation
                        + "\nprevious operations (oldest first):\n  " + String.join("\n  ", history)
                        + "\ncause: " + t, t);
            }
            history.addLast(step + ": " + cut(operation, 600));
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        return stats;
    }

    private void step(int step) {
        int dice = random.nextInt(100);
        if (dice < 26) {
            write(List.of(generator.put()));
        } else if (dice < 33) {
            write(List.of(generator.delete()));
        } else if (dice < 52) {
            write(List.of(generator.txn()));
        } else if (dice < 55) {
            write(List.of(generator.compaction()));
        } else if (dice < 59) {
            List<Supplier<Command>> kinds = List.of(generator::put, generator::delete, generator::txn,
                    generator::compaction, invalid::next);
            List<Command> batch = new ArrayList<>();
            for (int i = 2 + random.nextInt(3); i > 0; i--) {
                batch.add(kinds.get(random.nextInt(kinds.size())).get());
            }
            write(batch);
        } else if (dice < 65) {
            write(List.of(invalid.next()));
        } else if (dice < 86) {
            range(generator.range());
        } else if (dice < 89) {
            changes();
        } else if (dice < 92) {
            hash(random.nextInt(4) == 0 ? generator.readRevision() : generator.retainedRevision());
        } else if (dice < 97) {
            int max = 1 + random.nextInt(8);
            operation = "compactStep(" + max + ") on primary";
            boolean more = primary.compactStep(max);
            count("compactStep " + (more ? "more" : "done"));
            if (!more) {
                assertThat(primary.compactionPending()).as("compactionPending after compactStep returned false").isFalse();
            }
        } else if (dice < 99) {
            replay();
        } else {
            operation = "drain physical compaction on primary";
            drain(primary);
        }
        if (step % FULL_CHECK_EVERY == 0) {
            describe("full check");
            fullCheck();
        }
    }

    private static String text(MessageOrBuilder message) {
        return cut(TextFormat.printer().emittingSingleLine(true).printToString(message), 20_000);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "...(" + text.length() + " chars)" : text;
    }

    private void write(List<Command> generated) {
        List<Command> commands = new ArrayList<>();
        for (Command command : generated) {
            commands.add(TxnRules.ambiguousSize(command, model.limits()) ? generator.put() : command);
        }
        AppliedIndex at = new AppliedIndex(1, ++index);
        StringBuilder description = new StringBuilder("apply " + at + ":");
        commands.forEach(c -> description.append("\n    ").append(text(c)));
        operation = description.toString();
        long before = model.revision();
        ApplyResult first = primary.apply(at, commands);
        ApplyResult second = secondary.apply(at, commands);
        for (int i = 0; i < commands.size(); i++) {
            Expected<CommandResult> expected = model.apply(commands.get(i));
            for (ApplyResult result : List.of(first, second)) {
                String store = result == first ? "primary" : "secondary";
                assertThat(result.skipped()).as(store + " skipped").isFalse();
                assertThat(result.results()).as(store + " results").hasSize(commands.size());
                check(store + " result " + i, expected, result.results().get(i));
            }
            CommandResult actual = first.results().get(i);
            count(commands.get(i).getBodyCase() + " " + (actual.hasError() ? actual.getError().getCode()
                    : actual.hasTxn() ? "ok " + (actual.getTxn().getSucceeded() ? "then" : "else") : "ok"));
        }
        if (model.revision() > before && before >= model.compactRevision() && random.nextInt(5) == 0) {
            assertThat(primary.hash(model.revision()).hash()).as("hash after a write vs before")
                    .isNotEqualTo(primary.hash(before).hash());
        }
    }

    private void check(String what, Expected<CommandResult> expected, CommandResult actual) {
        if (actual.hasError()) {
            String problem = expected.checkError(actual.getError());
            assertThat(problem).as(what + ": " + text(actual)).isNull();
        } else {
            assertThat(expected.isError()).as(what + ": expected " + expected + " but got " + actual).isFalse();
            assertThat(actual).as(what).isEqualTo(expected.value());
        }
    }

    private void range(RangeRequest request) {
        describe("range " + text(request));
        Expected<RangeResponse> expected = model.range(request);
        for (Map.Entry<String, MvccStore> store : stores.entrySet()) {
            RangeResponse actual;
            try {
                actual = store.getValue().range(request);
            } catch (EddyException e) {
                assertThat(expected.checkError(e.error())).as(store.getKey() + " range failed: " + e).isNull();
                continue;
            }
            assertThat(expected.isError()).as(store.getKey() + ": expected " + expected + " but got " + actual).isFalse();
            assertThat(actual).as(store.getKey() + " range").isEqualTo(expected.value());
        }
        count("range " + (expected.isError() ? expected.errors() : "ok"));
    }

    private void changes() {
        int dice = random.nextInt(10);
        long from = dice < 7 ? generator.retainedRevision()
                : dice < 8 ? model.revision() + 1
                : dice < 9 || model.compactRevision() <= 1 ? Math.max(1, model.compactRevision())
                : model.compactRevision() - 1;
        int max = random.nextInt(4) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(30);
        changes(from, max, random.nextBoolean());
    }

    private void changes(long from, int maxEvents, boolean withPrevKv) {
        describe("changes(" + from + ", " + maxEvents + ", " + withPrevKv + ")");
        var expected = model.changes(from, maxEvents, withPrevKv);
        for (Map.Entry<String, MvccStore> store : stores.entrySet()) {
            try {
                var actual = store.getValue().changes(from, maxEvents, withPrevKv);
                assertThat(expected.isError()).as(store.getKey() + ": expected " + expected + " but got " + actual).isFalse();
                assertThat(actual).as(store.getKey() + " changes").isEqualTo(expected.value());
            } catch (EddyException e) {
                assertThat(expected.checkError(e.error())).as(store.getKey() + " changes failed: " + e).isNull();
            }
        }
        count("changes " + (expected.isError() ? expected.errors() : "ok"));
    }

    private void hash(long revision) {
        describe("hash(" + revision + ")");
        boolean valid = model.revisionErrors(revision, model.revision()).isEmpty();
        List<KvHash> hashes = new ArrayList<>();
        for (Map.Entry<String, MvccStore> store : stores.entrySet()) {
            try {
                hashes.add(store.getValue().hash(revision));
                assertThat(valid).as(store.getKey() + " hash(" + revision + ") should fail").isTrue();
            } catch (EddyException e) {
                assertThat(valid).as(store.getKey() + " hash(" + revision + ") failed: " + e).isFalse();
                assertThat(e.code()).isEqualTo(revision > model.revision()
                        ? io.eddy.protocol.ErrorCode.FUTURE_REVISION : io.eddy.protocol.ErrorCode.COMPACTED);
            }
        }
        if (valid) {
            KvHash expected = hashes.get(0);
            assertThat(expected.revision()).as("hash revision").isEqualTo(revision <= 0 ? model.revision() : revision);
            assertThat(expected.compactRevision()).as("hash compact revision").isEqualTo(model.compactRevision());
            assertThat(hashes.get(1)).as("hash of the second store").isEqualTo(expected);
        }
        count("hash " + (valid ? "ok" : "error"));
    }

    private void replay() {
        if (index == 0) {
            return;
        }
        AppliedIndex old = new AppliedIndex(1, index - random.nextInt((int) Math.min(index, 5)));
        Command command = generator.put();
        operation = "replay " + old + ": " + text(command);
        for (Map.Entry<String, MvccStore> store : stores.entrySet()) {
            ApplyResult result = store.getValue().apply(old, List.of(command));
            assertThat(result.skipped()).as(store.getKey() + " skipped").isTrue();
            assertThat(result.results()).as(store.getKey() + " results").isEmpty();
        }
        count("replay skipped");
    }

    private void drain(MvccStore store) {
        int steps = 0;
        while (store.compactStep(1 + random.nextInt(200))) {
            assertThat(++steps).as("compactStep never finishes").isLessThan(1_000_000);
        }
        assertThat(store.compactionPending()).as("compactionPending after draining").isFalse();
    }

    private void checkMeta() {
        if (random.nextInt(3) == 0) {
            drain(secondary);
        }
        for (Map.Entry<String, MvccStore> store : stores.entrySet()) {
            MvccStore s = store.getValue();
            assertThat(s.revision()).as(store.getKey() + " revision").isEqualTo(model.revision());
            assertThat(s.compactRevision()).as(store.getKey() + " compactRevision").isEqualTo(model.compactRevision());
            assertThat(s.appliedIndex()).as(store.getKey() + " appliedIndex")
                    .isEqualTo(index == 0 ? AppliedIndex.NONE : new AppliedIndex(1, index));
        }
    }

    /** The whole state at the current and two retained revisions, the change log, the hashes. */
    private void fullCheck() {
        for (long revision : new long[] {0, generator.retainedRevision(), generator.retainedRevision()}) {
            range(RangeRequest.newBuilder().setKey(ReferenceModel.ALL_KEYS).setRangeEnd(ReferenceModel.ALL_KEYS)
                    .setRevision(revision).build());
        }
        changes(generator.retainedRevision(), 1 + random.nextInt(50), random.nextBoolean());
        hash(generator.retainedRevision());
    }

    private void describe(String what) {
        operation = operation.isEmpty() ? what : operation + " / " + what;
    }

    private void count(String outcome) {
        stats.merge(outcome, 1, Integer::sum);
    }
}
