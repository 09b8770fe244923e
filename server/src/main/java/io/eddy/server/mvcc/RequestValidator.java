package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.Compare;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.errors.EddyException;
import java.util.List;

/**
 * Checks a request on its own, before it reaches the Raft log (and again when applied):
 * shape, sizes and txn structure. What depends on the stored state (revisions, whether a
 * key exists) is checked when the request runs.
 *
 * <p>Limits must be the same on every member: a member with smaller limits would reject
 * at apply time what the leader accepted.
 */
public final class RequestValidator {
    private final Limits limits;

    public RequestValidator(Limits limits) {
        this.limits = limits;
    }

    /** Throws {@link EddyException} when {@code command} must be refused. */
    public void validate(Command command) {
        if (command.getSerializedSize() > limits.maxRequestBytes()) {
            throw EddyException.of(ErrorCode.REQUEST_TOO_LARGE, "request is " + command.getSerializedSize()
                    + " bytes; the limit is " + limits.maxRequestBytes());
        }
        switch (command.getBodyCase()) {
            case PUT -> validate(command.getPut());
            case DELETE_RANGE -> validate(command.getDeleteRange());
            case TXN -> validate(command.getTxn());
            case COMPACTION -> {
            }
            default -> throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "command has no request");
        }
    }

    public void validate(RangeRequest request) {
        checkKey(request.getKey(), "key");
        checkKey(request.getRangeEnd(), "range_end");
        if (request.getSortOrder() == RangeRequest.SortOrder.UNRECOGNIZED
                || request.getSortTarget() == RangeRequest.SortTarget.UNRECOGNIZED) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "unknown sort order or sort target");
        }
    }

    public void validate(PutRequest request) {
        checkKey(request.getKey(), "key");
        if (request.getValue().size() > limits.maxValueBytes()) {
            throw EddyException.of(ErrorCode.VALUE_TOO_LARGE, "value is " + request.getValue().size()
                    + " bytes; the limit is " + limits.maxValueBytes());
        }
        if (request.getIgnoreValue() && !request.getValue().isEmpty()) {
            throw EddyException.of(ErrorCode.VALUE_PROVIDED, "value is provided with ignore_value");
        }
        if (request.getIgnoreLease() && request.getLease() != 0) {
            throw EddyException.of(ErrorCode.LEASE_PROVIDED, "lease is provided with ignore_lease");
        }
    }

    public void validate(DeleteRangeRequest request) {
        checkKey(request.getKey(), "key");
        checkKey(request.getRangeEnd(), "range_end");
    }

    public void validate(TxnRequest request) {
        validateLevel(request);
        TxnConflicts.check(request);
    }

    private void validateLevel(TxnRequest request) {
        int max = limits.maxTxnOps();
        if (request.getCompareCount() > max || request.getSuccessCount() > max || request.getFailureCount() > max) {
            throw EddyException.of(ErrorCode.TOO_MANY_TXN_OPS, "too many operations in txn request: "
                    + request.getCompareCount() + " compares, " + request.getSuccessCount() + " success, "
                    + request.getFailureCount() + " failure; the limit is " + max + " each");
        }
        for (Compare compare : request.getCompareList()) {
            validate(compare);
        }
        validateOps(request.getSuccessList());
        validateOps(request.getFailureList());
    }

    private void validateOps(List<RequestOp> ops) {
        for (RequestOp op : ops) {
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> validate(op.getRequestRange());
                case REQUEST_PUT -> validate(op.getRequestPut());
                case REQUEST_DELETE_RANGE -> validate(op.getRequestDeleteRange());
                case REQUEST_TXN -> validateLevel(op.getRequestTxn());
                default -> throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "txn operation has no request");
            }
        }
    }

    private void validate(Compare compare) {
        checkKey(compare.getKey(), "key");
        checkKey(compare.getRangeEnd(), "range_end");
        if (compare.getResult() == Compare.CompareResult.UNRECOGNIZED) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "unknown compare result");
        }
        Compare.TargetUnionCase expected = switch (compare.getTarget()) {
            case VERSION -> Compare.TargetUnionCase.VERSION;
            case CREATE -> Compare.TargetUnionCase.CREATE_REVISION;
            case MOD -> Compare.TargetUnionCase.MOD_REVISION;
            case VALUE -> Compare.TargetUnionCase.VALUE;
            case LEASE -> Compare.TargetUnionCase.LEASE;
            default -> throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "unknown compare target");
        };
        if (compare.getTargetUnionCase() != expected && compare.getTargetUnionCase() != Compare.TargetUnionCase.TARGETUNION_NOT_SET) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "compare target " + compare.getTarget()
                    + " does not match the value given (" + compare.getTargetUnionCase() + ")");
        }
    }

    private void checkKey(ByteString key, String field) {
        if (field.equals("key") && key.isEmpty()) {
            throw EddyException.of(ErrorCode.EMPTY_KEY, "key is not provided");
        }
        if (key.size() > limits.maxKeyBytes()) {
            throw EddyException.of(ErrorCode.KEY_TOO_LARGE, field + " is " + key.size() + " bytes; the limit is "
                    + limits.maxKeyBytes());
        }
    }
}
