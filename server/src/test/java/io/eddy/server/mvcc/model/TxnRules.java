package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.Compare;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.mvcc.Limits;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The model's static rules for write requests: what makes a request invalid whatever the
 * store holds. Checked on every operation of both branches of every txn level:
 * <ul>
 *   <li>EMPTY_KEY: a put, delete, range or compare with an empty key;</li>
 *   <li>INVALID_ARGUMENT: an unknown sort order or target, compare result or target, or a
 *       compare whose value field is not its target's (Eddy refuses it; etcd reads 0);</li>
 *   <li>KEY_TOO_LARGE / VALUE_TOO_LARGE: a put over {@link Limits#maxKeyBytes()} /
 *       {@link Limits#maxValueBytes()};</li>
 *   <li>VALUE_PROVIDED / LEASE_PROVIDED: ignore_value with a value, ignore_lease with a lease;</li>
 *   <li>TOO_MANY_TXN_OPS: more compares, or more success or failure operations, than
 *       {@link Limits#maxTxnOps()} at any level;</li>
 *   <li>DUPLICATE_KEY: on some path through the txn (then or else chosen independently at each
 *       level) a key is put twice, or put and covered by a deleted range (in either order);
 *       overlapping deletes are allowed;</li>
 *   <li>REQUEST_TOO_LARGE: the encoded command clearly over {@link Limits#maxRequestBytes()}.
 *       Whether the limit counts the command or the bare request is not specified, so sizes
 *       within {@link #SIZE_MARGIN} bytes of the limit are {@link #ambiguousSize ambiguous} and
 *       the generator does not produce them.</li>
 * </ul>
 */
final class TxnRules {
    static final int SIZE_MARGIN = 64;
    /** Guard against a generator producing a txn with an absurd number of paths. */
    private static final int MAX_PATHS = 100_000;

    private TxnRules() {
    }

    static Set<ErrorCode> staticErrors(Command command, Limits limits) {
        EnumSet<ErrorCode> errors = EnumSet.noneOf(ErrorCode.class);
        switch (command.getBodyCase()) {
            case PUT -> checkPut(command.getPut(), limits, errors);
            case DELETE_RANGE -> checkDelete(command.getDeleteRange(), errors);
            case TXN -> {
                checkTxn(command.getTxn(), limits, errors);
                if (hasDuplicateKey(command.getTxn())) {
                    errors.add(ErrorCode.DUPLICATE_KEY);
                }
            }
            default -> {
                return errors;
            }
        }
        if (command.getSerializedSize() > limits.maxRequestBytes() + SIZE_MARGIN) {
            errors.add(ErrorCode.REQUEST_TOO_LARGE);
        }
        return errors;
    }

    /** True when the command's size is so close to the request limit that the outcome is unspecified. */
    static boolean ambiguousSize(Command command, Limits limits) {
        int size = command.getSerializedSize();
        return size > limits.maxRequestBytes() - SIZE_MARGIN && size <= limits.maxRequestBytes() + SIZE_MARGIN;
    }

    private static void checkPut(PutRequest put, Limits limits, Set<ErrorCode> errors) {
        if (put.getKey().isEmpty()) {
            errors.add(ErrorCode.EMPTY_KEY);
        }
        if (put.getKey().size() > limits.maxKeyBytes()) {
            errors.add(ErrorCode.KEY_TOO_LARGE);
        }
        if (put.getValue().size() > limits.maxValueBytes()) {
            errors.add(ErrorCode.VALUE_TOO_LARGE);
        }
        if (put.getIgnoreValue() && !put.getValue().isEmpty()) {
            errors.add(ErrorCode.VALUE_PROVIDED);
        }
        if (put.getIgnoreLease() && put.getLease() != 0) {
            errors.add(ErrorCode.LEASE_PROVIDED);
        }
    }

    private static void checkDelete(DeleteRangeRequest delete, Set<ErrorCode> errors) {
        if (delete.getKey().isEmpty()) {
            errors.add(ErrorCode.EMPTY_KEY);
        }
    }

    private static void checkTxn(TxnRequest txn, Limits limits, Set<ErrorCode> errors) {
        int max = limits.maxTxnOps();
        if (txn.getCompareCount() > max || txn.getSuccessCount() > max || txn.getFailureCount() > max) {
            errors.add(ErrorCode.TOO_MANY_TXN_OPS);
        }
        for (Compare compare : txn.getCompareList()) {
            checkCompare(compare, errors);
        }
        List<RequestOp> ops = new ArrayList<>(txn.getSuccessList());
        ops.addAll(txn.getFailureList());
        for (RequestOp op : ops) {
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> errors.addAll(rangeErrors(op.getRequestRange()));
                case REQUEST_PUT -> checkPut(op.getRequestPut(), limits, errors);
                case REQUEST_DELETE_RANGE -> checkDelete(op.getRequestDeleteRange(), errors);
                case REQUEST_TXN -> checkTxn(op.getRequestTxn(), limits, errors);
                default -> throw new IllegalArgumentException("empty RequestOp");
            }
        }
    }

    /** A compare needs a key, known enums, and the value field of its target (Eddy refuses a mismatch). */
    private static void checkCompare(Compare compare, Set<ErrorCode> errors) {
        if (compare.getKey().isEmpty()) {
            errors.add(ErrorCode.EMPTY_KEY);
        }
        Compare.TargetUnionCase expected = switch (compare.getTarget()) {
            case VERSION -> Compare.TargetUnionCase.VERSION;
            case CREATE -> Compare.TargetUnionCase.CREATE_REVISION;
            case MOD -> Compare.TargetUnionCase.MOD_REVISION;
            case VALUE -> Compare.TargetUnionCase.VALUE;
            case LEASE -> Compare.TargetUnionCase.LEASE;
            default -> null;
        };
        if (expected == null || compare.getResult() == Compare.CompareResult.UNRECOGNIZED
                || compare.getTargetUnionCase() != expected) {
            errors.add(ErrorCode.INVALID_ARGUMENT);
        }
    }

    /** Static errors of a range, top-level or in a txn: empty key, unknown sort enums. */
    static Set<ErrorCode> rangeErrors(RangeRequest range) {
        EnumSet<ErrorCode> errors = EnumSet.noneOf(ErrorCode.class);
        if (range.getKey().isEmpty()) {
            errors.add(ErrorCode.EMPTY_KEY);
        }
        if (range.getSortOrder() == RangeRequest.SortOrder.UNRECOGNIZED
                || range.getSortTarget() == RangeRequest.SortTarget.UNRECOGNIZED) {
            errors.add(ErrorCode.INVALID_ARGUMENT);
        }
        return errors;
    }

    /** The keys put and the ranges deleted on one path through a txn. */
    private record Footprint(List<ByteString> puts, List<ByteString[]> deletes) {
        static final Footprint EMPTY = new Footprint(List.of(), List.of());

        Footprint plus(Footprint other) {
            List<ByteString> p = new ArrayList<>(puts);
            p.addAll(other.puts);
            List<ByteString[]> d = new ArrayList<>(deletes);
            d.addAll(other.deletes);
            return new Footprint(p, d);
        }

        boolean conflicts() {
            Set<ByteString> seen = new HashSet<>();
            for (ByteString key : puts) {
                if (!seen.add(key)) {
                    return true;
                }
                for (ByteString[] range : deletes) {
                    if (ReferenceModel.inRange(range[0], range[1], key)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static boolean hasDuplicateKey(TxnRequest txn) {
        List<Footprint> all = new ArrayList<>(paths(txn.getSuccessList()));
        all.addAll(paths(txn.getFailureList()));
        return all.stream().anyMatch(Footprint::conflicts);
    }

    /** Every footprint a branch can have, one per combination of nested then/else choices. */
    private static List<Footprint> paths(List<RequestOp> ops) {
        List<Footprint> result = List.of(Footprint.EMPTY);
        for (RequestOp op : ops) {
            List<Footprint> alternatives = switch (op.getRequestCase()) {
                case REQUEST_PUT -> List.of(new Footprint(List.of(op.getRequestPut().getKey()), List.of()));
                case REQUEST_DELETE_RANGE -> List.of(new Footprint(List.of(), List.<ByteString[]>of(
                        new ByteString[] {op.getRequestDeleteRange().getKey(), op.getRequestDeleteRange().getRangeEnd()})));
                case REQUEST_TXN -> {
                    List<Footprint> both = new ArrayList<>(paths(op.getRequestTxn().getSuccessList()));
                    both.addAll(paths(op.getRequestTxn().getFailureList()));
                    yield both;
                }
                default -> List.of(Footprint.EMPTY);
            };
            if (alternatives.size() == 1 && alternatives.get(0) == Footprint.EMPTY) {
                continue;
            }
            List<Footprint> next = new ArrayList<>();
            for (Footprint prefix : result) {
                for (Footprint alternative : alternatives) {
                    next.add(prefix.plus(alternative));
                }
            }
            if (next.size() > MAX_PATHS) {
                throw new IllegalStateException("txn has too many paths for the model: " + next.size());
            }
            result = next;
        }
        return result;
    }
}
