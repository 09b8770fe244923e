package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * etcd v3's multi-version key-value store on an {@link Engine}: see the package
 * documentation for the data model and the storage layout.
 *
 * <p>Threads: {@link #apply} is called by one thread at a time (the Raft apply thread),
 * {@link #compactStep} by one thread at a time (the background compactor; the engine
 * serialises its write transactions with the applies'); every read method may be called
 * from any thread, concurrently with writes, and reads one consistent snapshot.
 */
public final class MvccStore implements AutoCloseable {
    private final Engine engine;
    private final RequestValidator validator;

    private MvccStore(Engine engine, Limits limits) {
        this.engine = engine;
        this.validator = new RequestValidator(limits);
    }

    /**
     * Opens the store on {@code engine}, which must declare {@link Schema#TABLES}. A new
     * engine is initialised at revision 1. The store does not own the engine: close it after.
     */
    public static MvccStore open(Engine engine, Limits limits) {
        if (!engine.tables().containsAll(Schema.TABLES)) {
            throw new IllegalArgumentException("engine lacks tables: needs " + Schema.TABLES + ", has " + engine.tables());
        }
        try (WriteTxn txn = engine.beginWrite()) {
            long format = Meta.getLong(txn, Meta.FORMAT, 0);
            if (format == 0) {
                Meta.putLong(txn, Meta.FORMAT, Meta.FORMAT_VERSION);
                Meta.putLong(txn, Meta.REVISION, 1);
                txn.commit();
            } else if (format != Meta.FORMAT_VERSION) {
                throw new StorageException("store format " + format + " is not supported (this build reads "
                        + Meta.FORMAT_VERSION + ")");
            }
        }
        return new MvccStore(engine, limits);
    }

    /** The checks this store applies to requests; the leader runs them before logging. */
    public RequestValidator validator() {
        return validator;
    }

    /** The current revision: 1 for a new store, bumped by each write that changes something. */
    public long revision() {
        try (ReadTxn txn = engine.beginRead()) {
            return Meta.getLong(txn, Meta.REVISION, 1);
        }
    }

    /** Revisions below this are compacted (0 when nothing was). */
    public long compactRevision() {
        try (ReadTxn txn = engine.beginRead()) {
            return Meta.getLong(txn, Meta.COMPACT, 0);
        }
    }

    /** The last Raft entry whose batch is in the store. */
    public AppliedIndex appliedIndex() {
        try (ReadTxn txn = engine.beginRead()) {
            return Meta.applied(txn);
        }
    }

    /**
     * Reads a range. Fails with EMPTY_KEY, KEY_TOO_LARGE, INVALID_ARGUMENT, COMPACTED or
     * FUTURE_REVISION. The header carries only the store's current revision (etcd reports
     * the current revision also for a read in the past).
     */
    public RangeResponse range(RangeRequest request) throws EddyException {
        validator.validate(request);
        try (ReadTxn txn = engine.beginRead()) {
            long current = Meta.getLong(txn, Meta.REVISION, 1);
            long at = readableRevision(txn, request.getRevision(), current);
            return RangeQuery.run(txn, request, at).toBuilder()
                    .setHeader(ResponseHeader.newBuilder().setRevision(current)).build();
        }
    }

    /**
     * Reads one page of a range at {@code revision} for a streamed range: keys ascending from
     * {@code request.key} (inclusive) to its range end, filtered by the request's min/max
     * revision filters, at most {@code maxKeys} keys and, past the first key, at most
     * {@code maxBytes} of serialized keys, visiting at most {@code maxScanned} keys. Sort,
     * limit and count_only are the caller's business. Fails with COMPACTED when
     * {@code revision} is below the compact revision, FUTURE_REVISION when above the current
     * one, or the request's validation errors.
     */
    public RangePage rangePage(RangeRequest request, long revision, int maxKeys, long maxBytes, int maxScanned)
            throws EddyException {
        validator.validate(request);
        if (revision <= 0 || maxKeys <= 0 || maxScanned <= 0) {
            throw new IllegalArgumentException("revision, maxKeys and maxScanned must be positive");
        }
        try (ReadTxn txn = engine.beginRead()) {
            long at = readableRevision(txn, revision, Meta.getLong(txn, Meta.REVISION, 1));
            return RangePager.read(txn, request, at, maxKeys, maxBytes, maxScanned);
        }
    }

    /**
     * Applies one Raft entry's batch in one engine transaction that also records
     * {@code index}. A batch at or below the applied index is skipped. Each command gets its
     * own result: its response (header revision only) or, for a user error, an error, with
     * no state change for that command. Throws only for engine failures, in which case
     * nothing of the batch is stored.
     */
    public ApplyResult apply(AppliedIndex index, List<Command> commands) {
        return apply(index, 0, commands);
    }

    /**
     * As {@link #apply(AppliedIndex, List)}, with the batch's leader time, which decides when
     * exactly-once records expire ({@link Dedupe}). A command whose request id was applied
     * within the retention gets its first result again and changes nothing.
     */
    public ApplyResult apply(AppliedIndex index, long leaderTimeMs, List<Command> commands) {
        try (WriteTxn txn = engine.beginWrite()) {
            if (index.index() <= Meta.applied(txn).index()) {
                return new ApplyResult(true, List.of());
            }
            BatchApplier applier = new BatchApplier(txn, validator, leaderTimeMs);
            List<CommandResult> results = new ArrayList<>(commands.size());
            for (Command command : commands) {
                results.add(applier.apply(command));
            }
            Meta.putLong(txn, Meta.REVISION, applier.revision());
            Meta.putApplied(txn, index);
            txn.commit();
            return new ApplyResult(false, results);
        }
    }

    /**
     * Records that the Raft log is applied up to {@code index} when the entries after the
     * current applied index carry no store data (Raft's own configuration and no-op
     * entries), so that a snapshot can name the last applied entry. Does nothing when
     * {@code index} is not above the applied index.
     */
    public void advanceAppliedIndex(AppliedIndex index) {
        try (WriteTxn txn = engine.beginWrite()) {
            if (index.index() > Meta.applied(txn).index()) {
                Meta.putApplied(txn, index);
                txn.commit();
            }
        }
    }

    /**
     * Reads the change log from {@code fromRevision}: whole revisions, ascending, until at
     * least {@code maxEvents} events are gathered or the log ends. Fails with COMPACTED when
     * {@code fromRevision} is below the compact revision.
     *
     * @param withPrevKv fill each event's previous version when it is still retained (see
     *                   {@link ChangeLogReader})
     */
    public ChangePage changes(long fromRevision, int maxEvents, boolean withPrevKv) throws EddyException {
        return changes(fromRevision, maxEvents, withPrevKv ? key -> true : key -> false);
    }

    /**
     * As {@link #changes(long, int, boolean)}, filling the previous version only of the events
     * whose key {@code prevKvFor} accepts (a watch reading the log for itself needs it only
     * for the keys it watches; looking it up costs a read per event).
     *
     * @param prevKvFor called on the reading thread with each event's key, during the read
     */
    public ChangePage changes(long fromRevision, int maxEvents, Predicate<ByteString> prevKvFor)
            throws EddyException {
        try (ReadTxn txn = engine.beginRead()) {
            long compact = Meta.getLong(txn, Meta.COMPACT, 0);
            if (fromRevision < compact) {
                throw EddyException.compacted(fromRevision, compact);
            }
            return ChangeLogReader.read(txn, Math.max(1, fromRevision), Math.max(1, maxEvents), prevKvFor, compact);
        }
    }

    /**
     * Reads the change log from {@code fromRevision} like {@link #changes(long, int, Predicate)},
     * but refuses only history that physical compaction may have removed, not all history below
     * the compact revision: a start at or above {@link #retainedRevision()} is served even when
     * it is below the compact revision. Fails with COMPACTED (carrying the compact revision)
     * below the retained revision.
     *
     * <p>For the member's watch hub only, whose synced feed reads the log after each apply and
     * may be a few revisions behind a compaction that applied meanwhile (the background compactor
     * holds physical removal back until the hub has read past it, see the watch package). Every
     * other reader must use {@link #changes}, so that what it sees does not depend on physical
     * progress.
     *
     * <p>The retained revision is read in the same read transaction as the log: by the invariant
     * of {@link Compactor} (no removal at or above {@code compact.pass} in any committed state),
     * a removal racing this read either committed before the transaction began, and then the
     * floor read here covers it, or after, and then this snapshot does not see it. A previous
     * version is filled for events above the retained revision (where it is still stored).
     */
    public ChangePage retainedChanges(long fromRevision, int maxEvents, Predicate<ByteString> prevKvFor)
            throws EddyException {
        try (ReadTxn txn = engine.beginRead()) {
            long retained = Compactor.retainedFrom(txn);
            if (fromRevision < retained) {
                throw EddyException.compacted(fromRevision, Meta.getLong(txn, Meta.COMPACT, 0));
            }
            return ChangeLogReader.read(txn, Math.max(1, fromRevision), Math.max(1, maxEvents), prevKvFor, retained);
        }
    }

    /**
     * The lowest revision from which the change log is still complete: the compact revision
     * whose physical removal has started (or finished) last, 0 before any. At most
     * {@link #compactRevision()}; below it only while a compaction waits for its physical phase.
     */
    public long retainedRevision() {
        try (ReadTxn txn = engine.beginRead()) {
            return Compactor.retainedFrom(txn);
        }
    }

    /** Hash of the state at {@code revision} (&lt;= 0: current); fails with COMPACTED or FUTURE_REVISION. */
    public KvHash hash(long revision) throws EddyException {
        try (ReadTxn txn = engine.beginRead()) {
            long current = Meta.getLong(txn, Meta.REVISION, 1);
            long at = readableRevision(txn, revision, current);
            return StateHasher.hash(txn, at, Meta.getLong(txn, Meta.COMPACT, 0));
        }
    }

    /**
     * Physically removes history below the compact revision, at most {@code maxDeletes}
     * entries in one engine transaction; progress is stored so that the work resumes after
     * a restart. Returns true while work remains.
     */
    public boolean compactStep(int maxDeletes) {
        return compactStep(maxDeletes, Long.MAX_VALUE) == CompactStep.MORE;
    }

    /**
     * As {@link #compactStep(int)}, but a new pass (removing below the compact revision
     * {@code C}) starts only when {@code C <= maxPassTarget}; otherwise nothing is removed and
     * the answer is {@link CompactStep#HELD}. A pass already under way always continues. The
     * background compactor passes the watch hub's processed revision + 1, so no history the
     * hub has yet to read is removed (see {@link #retainedChanges}).
     */
    public CompactStep compactStep(int maxDeletes, long maxPassTarget) {
        return Compactor.step(engine, maxDeletes, maxPassTarget);
    }

    /** True while a compaction's physical phase has not finished. */
    public boolean compactionPending() {
        try (ReadTxn txn = engine.beginRead()) {
            return Compactor.pending(txn);
        }
    }

    /** Does nothing: the store holds no resource besides the engine, which its owner closes. */
    @Override
    public void close() {
    }

    private static long readableRevision(ReadTxn txn, long requested, long current) {
        if (requested <= 0) {
            return current;
        }
        if (requested > current) {
            throw EddyException.futureRevision(requested, current);
        }
        long compact = Meta.getLong(txn, Meta.COMPACT, 0);
        if (requested < compact) {
            throw EddyException.compacted(requested, compact);
        }
        return requested;
    }
}
