package io.eddy.server.node;

import io.eddy.protocol.CommandResult;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import java.util.function.LongSupplier;

/** Completes the store's headers (revision only) with the cluster id, member id and Raft term. */
final class Headers {
    private final long clusterId;
    private final long memberId;
    private final LongSupplier term;

    Headers(long clusterId, long memberId, LongSupplier term) {
        this.clusterId = clusterId;
        this.memberId = memberId;
        this.term = term;
    }

    ResponseHeader complete(ResponseHeader storeHeader) {
        return storeHeader.toBuilder().setClusterId(clusterId).setMemberId(memberId).setRaftTerm(term.getAsLong()).build();
    }

    CommandResult fill(CommandResult result) {
        CommandResult.Builder builder = result.toBuilder();
        switch (result.getResultCase()) {
            case PUT -> builder.getPutBuilder().setHeader(complete(result.getPut().getHeader()));
            case DELETE_RANGE -> builder.getDeleteRangeBuilder().setHeader(complete(result.getDeleteRange().getHeader()));
            case TXN -> builder.getTxnBuilder().setHeader(complete(result.getTxn().getHeader()));
            case COMPACTION -> builder.getCompactionBuilder().setHeader(complete(result.getCompaction().getHeader()));
            default -> {
                return result;
            }
        }
        return builder.build();
    }

    RangeResponse fill(RangeResponse response, boolean maybeStale) {
        ResponseHeader header = complete(response.getHeader()).toBuilder().setMaybeStale(maybeStale).build();
        return response.toBuilder().setHeader(header).build();
    }
}
