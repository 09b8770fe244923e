package io.eddy.loadtests.robustness.traffic;

import io.eddy.client.ByteSequence;
import io.eddy.client.Cmp;
import io.eddy.client.DeleteResult;
import io.eddy.client.EddyClient;
import io.eddy.client.GetOptions;
import io.eddy.client.GetResult;
import io.eddy.client.KeyValue;
import io.eddy.client.TxnOp;
import io.eddy.client.TxnResult;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.OpResult;
import java.util.List;
import reactor.core.publisher.Mono;

/** One recorded operation as a client call, and its response as an {@link OpResult}. */
final class KvCalls {
    private KvCalls() {
    }

    /** The call for an operation of {@code kind} (nothing is sent until it is subscribed). */
    static Mono<OpResult> call(EddyClient client, OpKind kind, List<String> keys, String rangeEnd, String value,
            String expected) {
        ByteSequence key = bytes(keys.get(0));
        return switch (kind) {
            case GET -> client.kv().get(key).map(r -> new OpResult(r.header().revision(), false, 0, kvs(r)));
            case RANGE -> client.kv().get(key, GetOptions.DEFAULTS.withRangeEnd(bytes(rangeEnd)))
                    .map(r -> new OpResult(r.header().revision(), false, 0, kvs(r)));
            case PUT -> client.kv().put(key, bytes(value)).map(r -> new OpResult(r.header().revision(), false, 0,
                    List.of()));
            case DELETE -> client.kv().delete(key).map((DeleteResult r) -> new OpResult(r.header().revision(), false,
                    r.deleted(), List.of()));
            case CAS -> {
                Cmp cmp = expected == null ? Cmp.version(key, Cmp.Op.EQUAL, 0)
                        : Cmp.value(key, Cmp.Op.EQUAL, bytes(expected));
                TxnOp[] puts = keys.stream().map(k -> TxnOp.put(bytes(k), bytes(value))).toArray(TxnOp[]::new);
                yield client.kv().txn().when(cmp).then(puts).otherwise(TxnOp.get(key, GetOptions.DEFAULTS)).commit()
                        .map(KvCalls::casResult);
            }
        };
    }

    private static OpResult casResult(TxnResult r) {
        if (r.succeeded()) {
            return new OpResult(r.header().revision(), true, 0, List.of());
        }
        GetResult get = (GetResult) r.results().get(0);
        return new OpResult(r.header().revision(), false, 0, kvs(get));
    }

    private static List<Kv> kvs(GetResult r) {
        return r.kvs().stream().map(KvCalls::kv).toList();
    }

    /** A client key-value as the history's. */
    static Kv kv(KeyValue kv) {
        return new Kv(kv.key().toUtf8(), kv.value().toUtf8(), kv.modRevision(), kv.version());
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.fromUtf8(s);
    }
}
