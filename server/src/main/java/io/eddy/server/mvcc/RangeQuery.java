package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeRequest.SortOrder;
import io.eddy.protocol.RangeRequest.SortTarget;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a {@link RangeRequest} at a resolved revision, with etcd's rules:
 * <ul>
 *   <li>{@code count} is the number of keys in the range at that revision, before the
 *       min/max revision filters and the limit.</li>
 *   <li>With an explicit sort order (other than ascending by key, the scan's own order) or
 *       a filter, every key is gathered, filtered, sorted, then cut to the limit; otherwise
 *       the scan keeps {@code limit + 1} keys (to know {@code more}) and only counts the rest.</li>
 *   <li>A target other than KEY with order NONE sorts ascending, but, as in etcd 3.4, only
 *       the first {@code limit + 1} keys in key order are sorted. Keys equal on the target
 *       keep ascending key order (stable sort), in both directions (etcd: the same up to 12
 *       keys, unspecified beyond).</li>
 *   <li>{@code more} is true when the limit cut keys off; always false with count_only.</li>
 * </ul>
 */
final class RangeQuery {

    private RangeQuery() {
    }

    static RangeResponse run(ReadTxn txn, RangeRequest request, long readRevision) {
        KeyRange range = KeyRange.of(request.getKey(), request.getRangeEnd());
        boolean filtered = request.getMinModRevision() != 0 || request.getMaxModRevision() != 0
                || request.getMinCreateRevision() != 0 || request.getMaxCreateRevision() != 0;
        SortOrder order = effectiveOrder(request);
        boolean sorted = order != SortOrder.NONE;
        // etcd gathers everything only for an explicit order or a filter: a non-key target with
        // order NONE sorts just the first limit + 1 keys (kept for compatibility).
        boolean gatherAll = filtered || (sorted && request.getSortOrder() != SortOrder.NONE);
        long limit = request.getLimit() > 0 ? request.getLimit() : 0;
        boolean countOnly = request.getCountOnly();
        boolean keep = !countOnly;
        long gather = countOnly ? 0 : (gatherAll || limit == 0) ? Long.MAX_VALUE : limit + 1;
        // keys_only drops values after sorting (as etcd does), so a sort by value still sees them.
        boolean sortsByValue = sorted && request.getSortTarget() == SortTarget.VALUE;
        boolean withValue = !request.getKeysOnly() || sortsByValue;

        List<KeyValue> kvs = new ArrayList<>();
        long[] count = {0};
        VersionScanner.scan(txn, range, readRevision, (versionKey, modRevision, record) -> {
            count[0]++;
            if (keep && kvs.size() < gather) {
                KeyValue kv = VersionRecord.toKeyValue(
                        KeyCodec.unescape(versionKey, KeyCodec.escapedLength(versionKey)), modRevision, record, withValue);
                if (!filtered || passes(request, kv)) {
                    kvs.add(kv);
                }
            }
            return true;
        });

        if (sorted) {
            sort(kvs, order, request.getSortTarget());
        }
        boolean more = false;
        List<KeyValue> result = kvs;
        if (limit > 0 && kvs.size() > limit) {
            result = kvs.subList(0, (int) limit);
            more = true;
        }
        RangeResponse.Builder response = RangeResponse.newBuilder().setMore(more).setCount(count[0]);
        if (request.getKeysOnly() && sortsByValue) {
            result.forEach(kv -> response.addKvs(kv.toBuilder().clearValue()));
        } else {
            response.addAllKvs(result);
        }
        return response.build();
    }

    static SortOrder effectiveOrder(RangeRequest request) {
        SortOrder order = request.getSortOrder();
        if (order == SortOrder.NONE && request.getSortTarget() != SortTarget.KEY) {
            return SortOrder.ASCEND;
        }
        if (order == SortOrder.ASCEND && request.getSortTarget() == SortTarget.KEY) {
            return SortOrder.NONE; // the scan is already in ascending key order
        }
        return order;
    }

    /** Whether {@code kv} passes the request's min/max mod and create revision filters. */
    static boolean passes(RangeRequest r, KeyValue kv) {
        return (r.getMinModRevision() == 0 || kv.getModRevision() >= r.getMinModRevision())
                && (r.getMaxModRevision() == 0 || kv.getModRevision() <= r.getMaxModRevision())
                && (r.getMinCreateRevision() == 0 || kv.getCreateRevision() >= r.getMinCreateRevision())
                && (r.getMaxCreateRevision() == 0 || kv.getCreateRevision() <= r.getMaxCreateRevision());
    }

    private static void sort(List<KeyValue> kvs, SortOrder order, SortTarget target) {
        if (target == SortTarget.KEY) {
            Collections.reverse(kvs); // DESCEND by key; ASCEND by key was mapped to NONE
            return;
        }
        Comparator<KeyValue> byTarget = switch (target) {
            case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
            case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
            case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
            case VALUE -> Comparator.comparing(KeyValue::getValue, ByteString.unsignedLexicographicalComparator());
            default -> throw new IllegalArgumentException("sort target " + target);
        };
        // List.sort is stable: equal targets keep the scan's ascending key order.
        kvs.sort(order == SortOrder.DESCEND ? byTarget.reversed() : byTarget);
    }
}
