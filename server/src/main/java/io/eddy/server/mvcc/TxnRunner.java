package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Compare;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.ResponseOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a validated txn in three steps, as etcd does:
 * <ol>
 *   <li>decide: evaluate the compares of the txn and of every nested txn on the chosen
 *       path against the state before the txn;</li>
 *   <li>check: along that path, every range revision must be readable and every put with
 *       ignore_value/ignore_lease must find its key, else the txn fails as a whole;</li>
 *   <li>execute the path in order; ranges see the txn's earlier writes.</li>
 * </ol>
 * Responses inside the txn carry etcd's partial headers ({@link #pointHeader}); the caller
 * sets the outer one.
 */
final class TxnRunner {
    private final WriteTxn txn;
    private final long before;
    private final long compactRevision;

    /** Which branch a txn takes, and the decisions of the nested txns on that branch, in order. */
    private record Decision(boolean succeeded, List<Decision> nested) {
    }

    TxnRunner(WriteTxn txn, long revisionBefore, long compactRevision) {
        this.txn = txn;
        this.before = revisionBefore;
        this.compactRevision = compactRevision;
    }

    /** Decides and checks (throws {@link EddyException} with nothing written), then writes through {@code mutation}. */
    TxnResponse run(TxnRequest request, Mutation mutation) {
        Decision decision = decide(request);
        check(request, decision);
        return execute(request, decision, mutation);
    }

    private Decision decide(TxnRequest request) {
        boolean succeeded = true;
        for (Compare compare : request.getCompareList()) {
            if (!holds(compare)) {
                succeeded = false;
                break;
            }
        }
        List<Decision> nested = new ArrayList<>();
        for (RequestOp op : branch(request, succeeded)) {
            if (op.hasRequestTxn()) {
                nested.add(decide(op.getRequestTxn()));
            }
        }
        return new Decision(succeeded, nested);
    }

    private void check(TxnRequest request, Decision decision) {
        int nested = 0;
        for (RequestOp op : branch(request, decision.succeeded())) {
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> checkReadable(op.getRequestRange().getRevision());
                case REQUEST_PUT -> checkKeyExists(op.getRequestPut());
                case REQUEST_TXN -> check(op.getRequestTxn(), decision.nested().get(nested++));
                default -> {
                }
            }
        }
    }

    private TxnResponse execute(TxnRequest request, Decision decision, Mutation mutation) {
        TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(decision.succeeded());
        int nested = 0;
        for (RequestOp op : branch(request, decision.succeeded())) {
            ResponseOp.Builder result = ResponseOp.newBuilder();
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> {
                    RangeRequest range = op.getRequestRange();
                    long at = range.getRevision() > 0 ? range.getRevision() : mutation.revision();
                    result.setResponseRange(RangeQuery.run(txn, range, at).toBuilder().setHeader(pointHeader(mutation)));
                }
                case REQUEST_PUT -> result.setResponsePut(
                        mutation.put(op.getRequestPut()).toBuilder().setHeader(pointHeader(mutation)));
                case REQUEST_DELETE_RANGE -> result.setResponseDeleteRange(
                        mutation.delete(op.getRequestDeleteRange()).toBuilder().setHeader(pointHeader(mutation)));
                case REQUEST_TXN -> result.setResponseTxn(execute(op.getRequestTxn(),
                        decision.nested().get(nested++), mutation).toBuilder().setHeader(ResponseHeader.getDefaultInstance()));
                default -> throw new IllegalStateException("txn operation without request passed validation");
            }
            response.addResponses(result);
        }
        return response.build();
    }

    /** etcd's inner headers: only the revision as of that point in the txn (nested txns: empty). */
    private ResponseHeader pointHeader(Mutation mutation) {
        return ResponseHeader.newBuilder().setRevision(mutation.changed() ? mutation.revision() : before).build();
    }

    private void checkReadable(long revision) {
        if (revision <= 0 || revision == before) {
            return;
        }
        if (revision > before) {
            throw EddyException.futureRevision(revision, before);
        }
        if (revision < compactRevision) {
            throw EddyException.compacted(revision, compactRevision);
        }
    }

    private void checkKeyExists(PutRequest put) {
        if ((put.getIgnoreValue() || put.getIgnoreLease())
                && VersionScanner.live(txn, put.getKey().toByteArray(), before) == null) {
            throw EddyException.of(ErrorCode.KEY_NOT_FOUND, "key not found");
        }
    }

    /** etcd's rule: every key of the range must satisfy; with no key, VALUE fails and other targets compare 0. */
    private boolean holds(Compare compare) {
        KeyRange range = KeyRange.of(compare.getKey(), compare.getRangeEnd());
        boolean[] found = {false};
        boolean[] all = {true};
        VersionScanner.scan(txn, range, before, (versionKey, modRevision, record) -> {
            found[0] = true;
            int cmp = switch (compare.getTarget()) {
                case VERSION -> Long.compare(VersionRecord.version(record), compare.getVersion());
                case CREATE -> Long.compare(VersionRecord.createRevision(record), compare.getCreateRevision());
                case MOD -> Long.compare(modRevision, compare.getModRevision());
                case LEASE -> Long.compare(VersionRecord.lease(record), compare.getLease());
                case VALUE -> ByteString.unsignedLexicographicalComparator()
                        .compare(VersionRecord.value(record), compare.getValue());
                default -> throw new IllegalStateException("compare target " + compare.getTarget());
            };
            all[0] = outcome(compare.getResult(), cmp);
            return all[0];
        });
        if (found[0]) {
            return all[0];
        }
        if (compare.getTarget() == Compare.CompareTarget.VALUE) {
            return false;
        }
        long target = switch (compare.getTarget()) {
            case VERSION -> compare.getVersion();
            case CREATE -> compare.getCreateRevision();
            case MOD -> compare.getModRevision();
            default -> compare.getLease();
        };
        return outcome(compare.getResult(), Long.compare(0, target));
    }

    private static boolean outcome(Compare.CompareResult result, int cmp) {
        return switch (result) {
            case EQUAL -> cmp == 0;
            case GREATER -> cmp > 0;
            case LESS -> cmp < 0;
            case NOT_EQUAL -> cmp != 0;
            default -> throw new IllegalStateException("compare result " + result);
        };
    }

    private static List<RequestOp> branch(TxnRequest request, boolean succeeded) {
        return succeeded ? request.getSuccessList() : request.getFailureList();
    }
}
