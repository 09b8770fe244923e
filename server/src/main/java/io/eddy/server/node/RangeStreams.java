package io.eddy.server.node;

import com.google.protobuf.ByteString;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.RangePage;
import io.eddy.server.mvcc.RequestValidator;
import io.eddy.server.raft.EddyStateMachine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The storage side of streamed ranges ({@code kv.rangeStream}) on one member: pinning the
 * revision a stream reads at, and reading its pages. The stream itself (demand, chunks,
 * limit) is the API's; this class only offers non-blocking steps.
 *
 * <p>A stream reads every page at one revision R. {@link #pin} chooses R: for a linearizable
 * request, a ReadIndex read through this member (so its state machine has applied at least
 * R when the pin completes); for a serializable one, this member's current revision. A
 * request's own revision, when set, is R, after the same linearizable barrier. Each
 * {@link #page} is one short storage read of the next keys (keyset pagination: it starts at
 * the previous page's {@link RangePage#next()}) on the member's bounded local-read executor,
 * never on the caller's thread; a full queue refuses with TOO_MANY_REQUESTS. A page at a
 * compacted R fails with COMPACTED.
 */
public final class RangeStreams {
    /** The most keys in one page (one chunk of the stream). */
    public static final int MAX_PAGE_KEYS = 256;
    /** The most bytes of serialized keys in one page, unless its first key alone is larger. */
    public static final long MAX_PAGE_BYTES = 1 << 20;
    /** The most keys one page visits, filtered-out keys included, so a selective filter cannot make a page long. */
    public static final int MAX_PAGE_SCANNED = 16 * MAX_PAGE_KEYS;

    private final EddyStateMachine stateMachine;
    private final BoundedPool localReads;
    private final Headers headers;
    private final RequestValidator validator;
    private final Function<RangeRequest, CompletableFuture<RangeResponse>> linearizableRange;
    private final BooleanSupplier maybeStale;
    private final AtomicLong pagesRead = new AtomicLong();

    /**
     * @param linearizableRange the member's linearizable range read (ReadIndex)
     * @param maybeStale        whether the member's local state may be stale ({@link Staleness})
     */
    RangeStreams(EddyStateMachine stateMachine, BoundedPool localReads, Headers headers,
                 RequestValidator validator, Function<RangeRequest, CompletableFuture<RangeResponse>> linearizableRange,
                 BooleanSupplier maybeStale) {
        this.stateMachine = stateMachine;
        this.localReads = localReads;
        this.headers = headers;
        this.validator = validator;
        this.linearizableRange = linearizableRange;
        this.maybeStale = maybeStale;
    }

    /**
     * Throws INVALID_ARGUMENT when {@code request} cannot be streamed: count_only, or a sort
     * other than ascending by key (a stream is in key order, by pages).
     */
    public static void checkStreamable(RangeRequest request) {
        if (request.getCountOnly()) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT,
                    "a streamed range cannot be count_only: use kv.range for counts");
        }
        boolean keyOrder = request.getSortTarget() == RangeRequest.SortTarget.KEY
                && (request.getSortOrder() == RangeRequest.SortOrder.NONE
                || request.getSortOrder() == RangeRequest.SortOrder.ASCEND);
        if (!keyOrder) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "a streamed range is in ascending key order; sort "
                    + request.getSortOrder() + " by " + request.getSortTarget() + " is not supported (use kv.range)");
        }
    }

    /**
     * The revision R to stream {@code request} at (see the class documentation). Fails with
     * INVALID_ARGUMENT (not streamable or malformed), FUTURE_REVISION, COMPACTED, or the
     * cluster errors of a linearizable read (NO_LEADER, TIMEOUT, ...).
     */
    public CompletableFuture<Long> pin(RangeRequest request) {
        try {
            checkStreamable(request);
            validator.validate(request);
        } catch (EddyException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> current;
        if (request.getSerializable()) {
            current = local(() -> stateMachine.readLocal(store -> store.revision()));
        } else {
            // The cheapest linearizable read: one key, no value. Its header is the member's
            // revision after the ReadIndex barrier, applied locally when the read ran.
            RangeRequest probe = RangeRequest.newBuilder().setKey(request.getKey()).setKeysOnly(true).build();
            current = linearizableRange.apply(probe).thenApply(response -> response.getHeader().getRevision());
        }
        return current.thenApply(revision -> {
            if (request.getRevision() <= 0) {
                return revision;
            }
            if (request.getRevision() > revision) {
                throw EddyException.futureRevision(request.getRevision(), revision);
            }
            return request.getRevision();
        });
    }

    /**
     * Reads the page of {@code request}'s range that starts at {@code from} (inclusive), at
     * {@code revision}, with at most {@code maxKeys} keys (and {@link #MAX_PAGE_BYTES},
     * {@link #MAX_PAGE_SCANNED}). Completes on the local-read executor.
     */
    public CompletableFuture<RangePage> page(RangeRequest request, ByteString from, long revision, int maxKeys) {
        RangeRequest pageRequest = request.toBuilder().setKey(from).build();
        int keys = Math.max(1, Math.min(maxKeys, MAX_PAGE_KEYS));
        return local(() -> {
            pagesRead.incrementAndGet();
            return stateMachine.readLocal(store ->
                    store.rangePage(pageRequest, revision, keys, MAX_PAGE_BYTES, MAX_PAGE_SCANNED));
        });
    }

    /** The header of a chunk read at {@code revision}: this member, its term, {@code revision}. */
    public ResponseHeader header(long revision, boolean serializable) {
        ResponseHeader header = headers.complete(ResponseHeader.newBuilder().setRevision(revision).build());
        return serializable ? header.toBuilder().setMaybeStale(maybeStale.getAsBoolean()).build() : header;
    }

    /** Pages read by this member's streams since it started (tests and metrics). */
    public long pagesRead() {
        return pagesRead.get();
    }

    private <T> CompletableFuture<T> local(Supplier<T> read) {
        return localReads.supply(read);
    }
}
