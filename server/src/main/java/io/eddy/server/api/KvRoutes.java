package io.eddy.server.api;

import com.google.protobuf.Message;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeThenWatchRequest;
import io.eddy.protocol.Routes;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** The KV request-response routes of one member, answered by its {@link EddyNode}. */
final class KvRoutes {
    private KvRoutes() {
    }

    /** Route name to route, for {@code node}. */
    static Map<String, Route<?>> of(EddyNode node) {
        return Map.of(
                Routes.KV_RANGE, Route.of(RangeRequest.getDefaultInstance(),
                        request -> Mono.fromFuture(() -> node.range(request), true)),
                Routes.KV_PUT, write(node, PutRequest.getDefaultInstance(), Command.Builder::setPut,
                        CommandResult.ResultCase.PUT, CommandResult::getPut),
                Routes.KV_DELETE, write(node, DeleteRangeRequest.getDefaultInstance(), Command.Builder::setDeleteRange,
                        CommandResult.ResultCase.DELETE_RANGE, CommandResult::getDeleteRange),
                Routes.KV_TXN, write(node, TxnRequest.getDefaultInstance(), Command.Builder::setTxn,
                        CommandResult.ResultCase.TXN, CommandResult::getTxn),
                Routes.KV_COMPACT, write(node, CompactionRequest.getDefaultInstance(), Command.Builder::setCompaction,
                        CommandResult.ResultCase.COMPACTION, CommandResult::getCompaction));
    }

    /**
     * The KV request-stream routes of {@code node}: {@code kv.rangeStream} ({@link RangeChunks})
     * and {@code kv.rangeThenWatch} ({@link RangeThenWatchStream}).
     */
    static Map<String, StreamRoute<?>> streamsOf(EddyNode node) {
        int maxKeyBytes = node.config().settings().get(EddySettings.MAX_KEY_BYTES);
        return Map.of(Routes.KV_RANGE_STREAM, StreamRoute.of(RangeRequest.getDefaultInstance(),
                        request -> RangeChunks.of(node.rangeStreams(), request)),
                Routes.KV_RANGE_THEN_WATCH, StreamRoute.watch(RangeThenWatchRequest.getDefaultInstance(),
                        request -> RangeThenWatchStream.of(node.rangeStreams(), node.watchHub(), maxKeyBytes, request)));
    }

    /**
     * A write route: the request goes into a {@link Command} with the request id from the
     * metadata (exactly-once retries), and the result is either the expected response or an
     * error result, sent as an RSocket error.
     */
    private static <Q extends Message> Route<Q> write(EddyNode node, Q prototype,
            BiFunction<Command.Builder, Q, Command.Builder> body, CommandResult.ResultCase expected,
            Function<CommandResult, ? extends Message> response) {
        return Route.withMetadata(prototype, (request, metadata) -> {
            Command command = body.apply(Command.newBuilder().setRequestId(metadata.requestId()), request).build();
            return Mono.fromFuture(() -> node.write(command), true)
                    .handle((result, sink) -> {
                        if (result.getResultCase() == expected) {
                            sink.next(response.apply(result));
                        } else if (result.hasError()) {
                            sink.error(ApiErrors.toRSocket(result.getError()));
                        } else {
                            sink.error(ApiErrors.toRSocket(ErrorCode.INTERNAL,
                                    "expected a " + expected + " result, got " + result.getResultCase()));
                        }
                    });
        });
    }
}
