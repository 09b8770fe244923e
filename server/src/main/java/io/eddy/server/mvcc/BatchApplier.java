package io.eddy.server.mvcc;

import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.TxnResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.WriteTxn;

/**
 * Applies the commands of one batch, in order, inside the batch's write transaction. Each
 * command is checked completely before it writes anything, so a user error leaves no trace;
 * an {@link EddyException} after a write would be a bug and aborts the whole batch.
 */
final class BatchApplier {
    private final WriteTxn txn;
    private final RequestValidator validator;
    private final long leaderTimeMs;
    private long revision;
    private long compactRevision;

    BatchApplier(WriteTxn txn, RequestValidator validator, long leaderTimeMs) {
        this.txn = txn;
        this.validator = validator;
        long highWater = Meta.getLong(txn, Meta.LEADER_TIME, 0);
        this.leaderTimeMs = Math.max(highWater, leaderTimeMs);
        if (this.leaderTimeMs > highWater) {
            Meta.putLong(txn, Meta.LEADER_TIME, this.leaderTimeMs);
        }
        this.revision = Meta.getLong(txn, Meta.REVISION, 1);
        this.compactRevision = Meta.getLong(txn, Meta.COMPACT, 0);
        Dedupe.expire(txn, this.leaderTimeMs);
    }

    long revision() {
        return revision;
    }

    /** Applies {@code command}, or returns its earlier result when its request id was applied already. */
    CommandResult apply(Command command) {
        if (!Dedupe.applies(command.getRequestId())) {
            return applyOnce(command);
        }
        CommandResult earlier = Dedupe.find(txn, command.getRequestId());
        if (earlier != null) {
            return earlier;
        }
        CommandResult result = applyOnce(command);
        Dedupe.remember(txn, command.getRequestId(), result, leaderTimeMs);
        return result;
    }

    private CommandResult applyOnce(Command command) {
        Mutation mutation = new Mutation(txn, revision + 1);
        try {
            validator.validate(command);
            CommandResult result = switch (command.getBodyCase()) {
                case PUT -> CommandResult.newBuilder().setPut(put(command.getPut(), mutation)).build();
                case DELETE_RANGE -> {
                    DeleteRangeResponse response = mutation.delete(command.getDeleteRange());
                    yield CommandResult.newBuilder().setDeleteRange(response.toBuilder()
                            .setHeader(header(mutation))).build();
                }
                case TXN -> {
                    TxnResponse response = new TxnRunner(txn, revision, compactRevision).run(command.getTxn(), mutation);
                    yield CommandResult.newBuilder().setTxn(response.toBuilder().setHeader(header(mutation))).build();
                }
                case COMPACTION -> CommandResult.newBuilder().setCompaction(compact(command.getCompaction())).build();
                default -> throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "command has no request");
            };
            if (mutation.changed()) {
                revision = mutation.revision();
            }
            return result;
        } catch (EddyException e) {
            if (mutation.changed()) {
                throw new IllegalStateException("a request failed after it wrote: " + e.getMessage(), e);
            }
            return CommandResult.newBuilder().setError(e.error()).build();
        }
    }

    private PutResponse put(PutRequest request, Mutation mutation) {
        if ((request.getIgnoreValue() || request.getIgnoreLease())
                && VersionScanner.live(txn, request.getKey().toByteArray(), revision) == null) {
            throw EddyException.of(ErrorCode.KEY_NOT_FOUND, "key not found");
        }
        PutResponse response = mutation.put(request);
        return response.toBuilder().setHeader(header(mutation)).build();
    }

    private CompactionResponse compact(CompactionRequest request) {
        if (request.getRevision() <= compactRevision) {
            throw EddyException.compacted(request.getRevision(), compactRevision);
        }
        if (request.getRevision() > revision) {
            throw EddyException.futureRevision(request.getRevision(), revision);
        }
        compactRevision = request.getRevision();
        Meta.putLong(txn, Meta.COMPACT, compactRevision);
        return CompactionResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(revision)).build();
    }

    /** The header after {@code mutation}: its revision if it wrote, else the unchanged one. */
    private ResponseHeader header(Mutation mutation) {
        return ResponseHeader.newBuilder().setRevision(mutation.changed() ? mutation.revision() : revision).build();
    }
}
