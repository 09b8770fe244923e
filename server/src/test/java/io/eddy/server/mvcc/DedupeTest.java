package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestId;
import io.eddy.server.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A write retried with its request id gets its first result and is not applied again, until
 * the record expires by leader time; expiry follows the logged time only.
 */
class DedupeTest {
    private static final long T0 = 1_700_000_000_000L;

    private final MvccStore store = MvccStore.open(new MemoryEngine(Schema.TABLES), Limits.DEFAULTS);
    private long index;

    @Test
    void aRetriedWriteReturnsItsFirstResultUntilTheRecordExpires() {
        Command put = put("k", "v1", 7, 1);
        CommandResult first = apply(T0, put).get(0);
        assertThat(first.getPut().getHeader().getRevision()).isEqualTo(2);
        apply(T0 + 10, put("other", "x", 0, 0));

        CommandResult retried = apply(T0 + 1_000, put).get(0);
        assertThat(retried).isEqualTo(first);
        assertThat(store.revision()).as("the retry changed nothing").isEqualTo(3);
        assertThat(version("k")).isEqualTo(1);

        apply(T0 + Dedupe.RETENTION_MS + 1, put("unrelated", "y", 0, 0)); // sweeps the expired record
        CommandResult afterExpiry = apply(T0 + Dedupe.RETENTION_MS + 2, put).get(0);
        assertThat(afterExpiry.getPut().getHeader().getRevision()).isEqualTo(5);
        assertThat(version("k")).isEqualTo(2);
    }

    @Test
    void storeTimeNeverRunsBackwardsWhenALeaderClockIsBehind() {
        Command put = put("k", "v", 5, 1);
        apply(T0 + Dedupe.RETENTION_MS + 10, put("first", "x", 0, 0));
        apply(T0, put); // a new leader whose clock is behind: store time stays at the high-water mark
        apply(T0 + 1, put("other", "y", 0, 0));
        // The record expires RETENTION after the store time it was written at, not after T0.
        assertThat(apply(T0 + Dedupe.RETENTION_MS + 20, put).get(0).getPut().getHeader().getRevision())
                .as("still remembered").isEqualTo(3);
    }

    @Test
    void theSameRequestTwiceInOneBatchAppliesOnce() {
        Command put = put("k", "v", 9, 4);
        List<CommandResult> results = apply(T0, put, put);
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(version("k")).isEqualTo(1);
    }

    @Test
    void userErrorsAreRememberedToo() {
        Command bad = Command.newBuilder().setRequestId(RequestId.newBuilder().setClientId(3).setSequence(1))
                .setPut(PutRequest.newBuilder().setKey(bytes("missing")).setIgnoreValue(true)).build();
        CommandResult first = apply(T0, bad).get(0);
        assertThat(first.hasError()).isTrue();
        apply(T0 + 1, put("missing", "now exists", 0, 0));
        assertThat(apply(T0 + 2, bad).get(0)).as("the retry gets the original answer").isEqualTo(first);
    }

    private List<CommandResult> apply(long leaderTime, Command... commands) {
        return store.apply(new AppliedIndex(1, ++index), leaderTime, List.of(commands)).results();
    }

    private long version(String key) {
        return store.range(RangeRequest.newBuilder().setKey(bytes(key)).build()).getKvs(0).getVersion();
    }

    private static Command put(String key, String value, long client, long sequence) {
        Command.Builder command = Command.newBuilder()
                .setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)));
        if (client != 0) {
            command.setRequestId(RequestId.newBuilder().setClientId(client).setSequence(sequence));
        }
        return command.build();
    }
}
