package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.protocol.Command;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestId;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store reset for a new Raft group has applied nothing (so the group's first entries apply)
 * and no exactly-once records, and keeps its keys, revisions and compaction.
 */
class NewClusterResetTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void dropsTheAppliedIndexAndExactlyOnceRecordsAndKeepsTheData() {
        MemoryEngine engine = new MemoryEngine(Schema.TABLES);
        MvccStore store = MvccStore.open(engine, Limits.DEFAULTS);
        store.apply(new AppliedIndex(3, 40), T0, List.of(put("a", "1", 7), put("b", "2", 0), put("a", "3", 8)));
        store.apply(new AppliedIndex(3, 41), T0, List.of(Command.newBuilder()
                .setCompaction(CompactionRequest.newBuilder().setRevision(3)).build()));
        store.apply(new AppliedIndex(3, 42), T0, List.of(put("c", "4", 0)));
        long revision = store.revision();

        NewClusterReset.Result result = NewClusterReset.forNewGroup(engine);

        assertThat(result).isEqualTo(new NewClusterReset.Result(revision, 3, new AppliedIndex(3, 42), 2));
        assertThat(store.appliedIndex()).isEqualTo(AppliedIndex.NONE);
        assertThat(NewClusterReset.forNewGroup(engine)).as("idempotent")
                .isEqualTo(new NewClusterReset.Result(revision, 3, AppliedIndex.NONE, 0));
        assertThat(store.revision()).isEqualTo(revision);
        assertThat(store.compactRevision()).isEqualTo(3);
        // The new group's first entry applies (with the old index kept, index 1 <= 42 would be skipped),
        // and a request id of the old cluster is applied again.
        var applied = store.apply(new AppliedIndex(1, 1), T0 + 1, List.of(put("a", "5", 7)));
        assertThat(applied.skipped()).isFalse();
        assertThat(applied.results().get(0).getPut().getHeader().getRevision()).isEqualTo(revision + 1);
        assertThat(store.range(RangeRequest.newBuilder().setKey(bytes("a")).build()).getKvs(0).getVersion())
                .isEqualTo(3);
    }

    @Test
    void refusesAnEngineThatHoldsNoStore() {
        assertThatThrownBy(() -> NewClusterReset.forNewGroup(new MemoryEngine(Schema.TABLES)))
                .isInstanceOf(StorageException.class)
                .hasMessage("the snapshot holds no Eddy store (no format in meta)");
    }

    private static Command put(String key, String value, long client) {
        Command.Builder command = Command.newBuilder()
                .setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)));
        if (client != 0) {
            command.setRequestId(RequestId.newBuilder().setClientId(client).setSequence(1));
        }
        return command.build();
    }
}
