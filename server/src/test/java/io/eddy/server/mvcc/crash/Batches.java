package io.eddy.server.mvcc.crash;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.Compare;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestId;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The write stream of the crash test: batch {@code i} (Raft index {@code i}, term
 * {@link #TERM}) is a pure function of {@code i}, so the child JVM that writes and the test
 * that checks build the same batches without talking to each other.
 *
 * <p>A batch holds 1 to 6 puts of 100 to 2000 random bytes over {@value #KEY_SPACE} keys;
 * about one batch in eight also deletes a short key range, one in six runs a txn (compare on
 * a key's version; puts, deletes and a range on either branch, never writing a key twice),
 * one in twenty has a put that fails ({@code ignore_value} on a key that never exists), and
 * every {@value #COMPACT_EVERY}th batch compacts at revision {@code i / 2}. Every batch
 * writes at least once, so the store's revision is above {@code i} after batch {@code i} and
 * the compaction revisions are valid and increasing.
 */
final class Batches {
    /** The Raft term of every batch. */
    static final long TERM = 1;
    /** Number of distinct user keys. */
    static final int KEY_SPACE = 500;
    /** Every this many batches, one compaction. */
    static final int COMPACT_EVERY = 97;

    private Batches() {
    }

    /** Batch {@code i} (i &gt;= 1). */
    static List<Command> batch(long i) {
        if (i < 1) {
            throw new IllegalArgumentException("batch numbers start at 1: " + i);
        }
        SplittableRandom rnd = new SplittableRandom(0x5EED_0000_0000L ^ (i * 0x9E37_79B9_7F4A_7C15L));
        List<Command> commands = new ArrayList<>();
        int puts = 1 + rnd.nextInt(6);
        for (int p = 0; p < puts; p++) {
            PutRequest.Builder put = PutRequest.newBuilder()
                    .setKey(key(rnd.nextInt(KEY_SPACE)))
                    .setValue(value(rnd))
                    .setPrevKv(rnd.nextInt(4) == 0);
            commands.add(command(i, commands.size()).setPut(put).build());
        }
        if (rnd.nextInt(8) == 0) {
            int from = rnd.nextInt(KEY_SPACE);
            DeleteRangeRequest.Builder delete = DeleteRangeRequest.newBuilder()
                    .setKey(key(from))
                    .setRangeEnd(key(from + 1 + rnd.nextInt(10)))
                    .setPrevKv(rnd.nextBoolean());
            commands.add(command(i, commands.size()).setDeleteRange(delete).build());
        }
        if (rnd.nextInt(6) == 0) {
            commands.add(command(i, commands.size()).setTxn(txn(rnd)).build());
        }
        if (rnd.nextInt(20) == 0) {
            PutRequest.Builder failing = PutRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8("never-written/" + i))
                    .setIgnoreValue(true);
            commands.add(command(i, commands.size()).setPut(failing).build());
        }
        if (i % COMPACT_EVERY == 0) {
            CompactionRequest.Builder compact = CompactionRequest.newBuilder().setRevision(i / 2);
            commands.add(command(i, commands.size()).setCompaction(compact).build());
        }
        return commands;
    }

    /** User key number {@code k}: "k/000" to "k/499" (k/500.. are used as range ends). */
    static ByteString key(int k) {
        return ByteString.copyFrom(String.format("k/%03d", k), StandardCharsets.US_ASCII);
    }

    private static TxnRequest txn(SplittableRandom rnd) {
        // Three distinct keys: a is compared; success writes b and c, failure writes a.
        int a = rnd.nextInt(KEY_SPACE);
        int b = (a + 1 + rnd.nextInt(KEY_SPACE - 2)) % KEY_SPACE;
        int c = b;
        while (c == a || c == b) {
            c = rnd.nextInt(KEY_SPACE);
        }
        Compare compare = Compare.newBuilder()
                .setKey(key(a))
                .setTarget(Compare.CompareTarget.VERSION)
                .setResult(Compare.CompareResult.GREATER)
                .setVersion(rnd.nextInt(3))
                .build();
        RequestOp range = RequestOp.newBuilder()
                .setRequestRange(RangeRequest.newBuilder().setKey(key(0)).setRangeEnd(key(20)))
                .build();
        return TxnRequest.newBuilder()
                .addCompare(compare)
                .addSuccess(putOp(b, rnd))
                .addSuccess(RequestOp.newBuilder()
                        .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(key(c)).setPrevKv(true)))
                .addSuccess(range)
                .addFailure(range)
                .addFailure(putOp(a, rnd))
                .build();
    }

    private static RequestOp putOp(int k, SplittableRandom rnd) {
        return RequestOp.newBuilder()
                .setRequestPut(PutRequest.newBuilder().setKey(key(k)).setValue(value(rnd)))
                .build();
    }

    private static ByteString value(SplittableRandom rnd) {
        byte[] bytes = new byte[100 + rnd.nextInt(1901)];
        rnd.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    private static Command.Builder command(long i, int n) {
        return Command.newBuilder()
                .setRequestId(RequestId.newBuilder().setClientId(0xC0FFEE).setSequence(i * 16 + n));
    }
}
