package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.Compare;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.ResponseOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One put, delete range or txn applied to the {@link ReferenceModel}, following etcd v3:
 * <ul>
 *   <li>Requests breaking a {@link TxnRules static rule} fail and change nothing; static
 *       rules are checked first (etcd checks them before the request reaches the log), so
 *       the errors below are expected only when no static rule is broken.</li>
 *   <li>Every compare of the txn, nested ones on the chosen path included, is evaluated on the
 *       state before the txn. With a range_end every key of the range must satisfy it; with no
 *       key in range a VALUE compare is false and other targets compare against 0. Values
 *       compare as unsigned bytes.</li>
 *   <li>On the chosen path, a range at an explicit revision above the pre-txn revision fails
 *       the whole txn with FUTURE_REVISION, one below the compact revision with COMPACTED;
 *       ignore_value/ignore_lease on a key missing before the write fails with KEY_NOT_FOUND.</li>
 *   <li>Then the ops run in order on a working copy; all writes get revision current + 1; a
 *       range without revision sees the earlier writes of the txn. Put: version 1 and
 *       create_revision = mod_revision on create, version + 1 otherwise; ignore_value /
 *       ignore_lease keep value / lease. Delete: deleted = keys removed, prev_kvs in key
 *       order; DELETE events carry only key and mod_revision.</li>
 *   <li>The revision moves only when at least one event happened. Top-level responses carry a
 *       header with the resulting revision. As in etcd, responses inside a txn carry a header
 *       with the revision as of that point (the pre-txn revision until something changed,
 *       then the new one); a nested txn's response carries an empty header.</li>
 * </ul>
 */
final class ModelWrite {
    private final ReferenceModel model;
    private final NavigableMap<ByteString, KeyValue> before;
    private final TreeMap<ByteString, KeyValue> work;
    private final long revision;
    private final List<Event> events = new ArrayList<>();

    private ModelWrite(ReferenceModel model) {
        this.model = model;
        this.before = model.current();
        this.work = new TreeMap<>(before);
        this.revision = model.revision() + 1;
    }

    static Expected<CommandResult> apply(ReferenceModel model, Command command) {
        Set<ErrorCode> errors = EnumSet.noneOf(ErrorCode.class);
        errors.addAll(TxnRules.staticErrors(command, model.limits()));
        ModelWrite write = new ModelWrite(model);
        if (errors.isEmpty()) {
            switch (command.getBodyCase()) {
                case PUT -> write.checkPut(command.getPut(), errors);
                case TXN -> write.checkTxn(command.getTxn(), errors);
                case DELETE_RANGE -> {
                }
                default -> throw new IllegalArgumentException("not a write: " + command);
            }
        }
        if (!errors.isEmpty()) {
            return Expected.error(errors, model.compactRevision(), model.revision());
        }
        CommandResult.Builder result = CommandResult.newBuilder();
        switch (command.getBodyCase()) {
            case PUT -> result.setPut(write.put(command.getPut()));
            case DELETE_RANGE -> result.setDeleteRange(write.delete(command.getDeleteRange()));
            default -> result.setTxn(write.txn(command.getTxn()));
        }
        if (!write.events.isEmpty()) {
            model.commit(write.work, write.events);
        }
        ResponseHeader header = ResponseHeader.newBuilder().setRevision(model.revision()).build();
        switch (result.getResultCase()) {
            case PUT -> result.getPutBuilder().setHeader(header);
            case DELETE_RANGE -> result.getDeleteRangeBuilder().setHeader(header);
            default -> result.getTxnBuilder().setHeader(header);
        }
        return Expected.ok(result.build());
    }

    private void checkPut(PutRequest put, Set<ErrorCode> errors) {
        if ((put.getIgnoreValue() || put.getIgnoreLease()) && !before.containsKey(put.getKey())) {
            errors.add(ErrorCode.KEY_NOT_FOUND);
        }
    }

    /** Dynamic checks along the path the compares choose. */
    private void checkTxn(TxnRequest txn, Set<ErrorCode> errors) {
        for (RequestOp op : compares(txn) ? txn.getSuccessList() : txn.getFailureList()) {
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> errors.addAll(model.revisionErrors(op.getRequestRange().getRevision(), model.revision()));
                case REQUEST_PUT -> checkPut(op.getRequestPut(), errors);
                case REQUEST_TXN -> checkTxn(op.getRequestTxn(), errors);
                default -> {
                }
            }
        }
    }

    private boolean compares(TxnRequest txn) {
        return txn.getCompareList().stream().allMatch(this::holds);
    }

    private boolean holds(Compare compare) {
        List<KeyValue> kvs = ReferenceModel.select(before, compare.getKey(), compare.getRangeEnd());
        if (kvs.isEmpty()) {
            return compare.getTarget() != Compare.CompareTarget.VALUE
                    && holds(compare, KeyValue.getDefaultInstance());
        }
        return kvs.stream().allMatch(kv -> holds(compare, kv));
    }

    private static boolean holds(Compare compare, KeyValue kv) {
        int c = switch (compare.getTarget()) {
            case VERSION -> Long.compare(kv.getVersion(), compare.getVersion());
            case CREATE -> Long.compare(kv.getCreateRevision(), compare.getCreateRevision());
            case MOD -> Long.compare(kv.getModRevision(), compare.getModRevision());
            case LEASE -> Long.compare(kv.getLease(), compare.getLease());
            case VALUE -> ReferenceModel.KEY_ORDER.compare(kv.getValue(), compare.getValue());
            default -> throw new IllegalArgumentException("compare target " + compare.getTarget());
        };
        return switch (compare.getResult()) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case GREATER -> c > 0;
            case LESS -> c < 0;
            default -> throw new IllegalArgumentException("compare result " + compare.getResult());
        };
    }

    private PutResponse.Builder put(PutRequest put) {
        KeyValue prev = work.get(put.getKey());
        KeyValue kv = KeyValue.newBuilder()
                .setKey(put.getKey())
                .setCreateRevision(prev == null ? revision : prev.getCreateRevision())
                .setModRevision(revision)
                .setVersion(prev == null ? 1 : prev.getVersion() + 1)
                .setValue(put.getIgnoreValue() ? prev.getValue() : put.getValue())
                .setLease(put.getIgnoreLease() ? prev.getLease() : put.getLease())
                .build();
        work.put(kv.getKey(), kv);
        Event.Builder event = Event.newBuilder().setType(Event.EventType.PUT).setKv(kv);
        if (prev != null) {
            event.setPrevKv(prev);
        }
        events.add(event.build());
        PutResponse.Builder response = PutResponse.newBuilder();
        if (put.getPrevKv() && prev != null) {
            response.setPrevKv(prev);
        }
        return response;
    }

    private DeleteRangeResponse.Builder delete(DeleteRangeRequest delete) {
        List<KeyValue> deleted = ReferenceModel.select(work, delete.getKey(), delete.getRangeEnd());
        DeleteRangeResponse.Builder response = DeleteRangeResponse.newBuilder().setDeleted(deleted.size());
        for (KeyValue kv : deleted) {
            work.remove(kv.getKey());
            events.add(Event.newBuilder()
                    .setType(Event.EventType.DELETE)
                    .setKv(KeyValue.newBuilder().setKey(kv.getKey()).setModRevision(revision))
                    .setPrevKv(kv)
                    .build());
            if (delete.getPrevKv()) {
                response.addPrevKvs(kv);
            }
        }
        return response;
    }

    private TxnResponse.Builder txn(TxnRequest txn) {
        boolean succeeded = compares(txn);
        TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(succeeded);
        for (RequestOp op : succeeded ? txn.getSuccessList() : txn.getFailureList()) {
            ResponseOp.Builder out = ResponseOp.newBuilder();
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> out.setResponseRange(range(op.getRequestRange()).setHeader(pointHeader()));
                case REQUEST_PUT -> out.setResponsePut(put(op.getRequestPut()).setHeader(pointHeader()));
                case REQUEST_DELETE_RANGE ->
                        out.setResponseDeleteRange(delete(op.getRequestDeleteRange()).setHeader(pointHeader()));
                case REQUEST_TXN -> out.setResponseTxn(txn(op.getRequestTxn()).setHeader(ResponseHeader.getDefaultInstance()));
                default -> throw new IllegalArgumentException("empty RequestOp");
            }
            response.addResponses(out);
        }
        return response;
    }

    /** etcd's header inside a txn: the revision as of that point (new once something changed). */
    private ResponseHeader pointHeader() {
        return ResponseHeader.newBuilder().setRevision(events.isEmpty() ? revision - 1 : revision).build();
    }

    private io.eddy.protocol.RangeResponse.Builder range(RangeRequest range) {
        NavigableMap<ByteString, KeyValue> state = range.getRevision() <= 0 ? work : model.state(range.getRevision());
        return ReferenceModel.evaluate(state, range);
    }
}
