package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.EddyClientException;
import io.eddy.client.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.Routes;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * One subscription's streamed range: chunks from {@code kv.rangeStream} flattened to keys,
 * with demand mapped to chunks and transparent resume.
 *
 * <p>Demand: chunks are requested one at a time, and the next only once every key of the
 * current one was delivered, so the client holds at most one chunk whatever the subscriber
 * requests. Resume: the first chunk's header revision R pins the stream; when an attempt that
 * had received chunks fails with a retryable error, the stream continues (through
 * {@link Transport#stream}, which picks the next endpoint after a connection failure) from
 * the key after the last delivered one, at R, with the remaining limit, so the subscriber sees
 * every key once, in order. At most {@link Transport#MAX_ATTEMPTS} resumes in a row may
 * deliver nothing; then the failure is the stream's. Compaction of R meanwhile ends the stream
 * with the server's COMPACTED error.
 */
final class RangeStreamCall {
    /** Chunks requested ahead of the subscriber: one, so that at most one chunk is held. */
    static final int CHUNK_PREFETCH = 1;

    private final Transport transport;
    private final RangeRequest original;
    private long revision;
    private ByteString lastKey;
    private long delivered;
    private long deliveredAtResume;
    private int chunksThisAttempt;
    private int idleResumes;

    private RangeStreamCall(Transport transport, RangeRequest original) {
        this.transport = transport;
        this.original = original;
    }

    /** The cold stream of {@code request}'s keys; each subscription starts afresh. */
    static Flux<KeyValue> stream(Transport transport, RangeRequest request) {
        return Flux.defer(() -> new RangeStreamCall(transport, request).run());
    }

    private Flux<KeyValue> run() {
        return Flux.defer(this::attempt)
                .retryWhen(Retry.from(signals -> signals.handle((signal, sink) -> {
                    if (resumable(signal.failure())) {
                        sink.next(signal.totalRetries());
                    } else {
                        sink.error(signal.failure());
                    }
                })));
    }

    private Flux<KeyValue> attempt() {
        RangeRequest request = nextRequest();
        if (request == null) {
            return Flux.empty();
        }
        chunksThisAttempt = 0;
        deliveredAtResume = delivered;
        return transport.stream(Routes.KV_RANGE_STREAM, request, RangeResponse.parser())
                .doOnNext(this::onChunk)
                .concatMapIterable(RangeResponse::getKvsList, CHUNK_PREFETCH)
                .doOnNext(kv -> {
                    lastKey = kv.getKey();
                    delivered++;
                })
                .map(KvCodec::kv);
    }

    private void onChunk(RangeResponse chunk) {
        chunksThisAttempt++;
        if (revision == 0) {
            revision = chunk.getHeader().getRevision();
        }
    }

    private boolean resumable(Throwable failure) {
        if (!(failure instanceof EddyClientException e) || !e.isRetryable() || chunksThisAttempt == 0) {
            return false;
        }
        idleResumes = delivered > deliveredAtResume ? 0 : idleResumes + 1;
        return idleResumes <= Transport.MAX_ATTEMPTS;
    }

    /** The request continuing after what was delivered; null when nothing is left to read. */
    private RangeRequest nextRequest() {
        if (lastKey == null) {
            return revision == 0 ? original : original.toBuilder().setRevision(revision).build();
        }
        boolean singleKey = original.getRangeEnd().isEmpty();
        long limit = original.getLimit();
        if (singleKey || (limit > 0 && delivered >= limit)) {
            return null;
        }
        return original.toBuilder()
                .setKey(lastKey.concat(ByteString.copyFrom(new byte[] {0})))
                .setRevision(revision)
                .setLimit(limit > 0 ? limit - delivered : 0)
                .build();
    }
}
