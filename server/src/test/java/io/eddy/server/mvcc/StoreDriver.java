package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.TxnRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: applies single commands to a store as consecutive Raft entries. */
final class StoreDriver {
    private final MvccStore store;
    private long index;

    StoreDriver(MvccStore store) {
        this.store = store;
        this.index = store.appliedIndex().index();
    }

    MvccStore store() {
        return store;
    }

    static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    CommandResult apply(Command command) {
        ApplyResult result = store.apply(new AppliedIndex(1, ++index), List.of(command));
        return result.results().get(0);
    }

    CommandResult put(String key, String value) {
        return put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build());
    }

    CommandResult put(PutRequest request) {
        return apply(Command.newBuilder().setPut(request).build());
    }

    CommandResult delete(DeleteRangeRequest request) {
        return apply(Command.newBuilder().setDeleteRange(request).build());
    }

    CommandResult txn(TxnRequest request) {
        return apply(Command.newBuilder().setTxn(request).build());
    }

    CommandResult compact(long revision) {
        return apply(Command.newBuilder().setCompaction(CompactionRequest.newBuilder().setRevision(revision)).build());
    }

    RangeResponse get(String key) {
        return store.range(RangeRequest.newBuilder().setKey(bytes(key)).build());
    }

    RangeResponse all(long revision) {
        return store.range(RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                .setRangeEnd(ByteString.copyFrom(new byte[] {0})).setRevision(revision).build());
    }
}
