package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.server.mvcc.Change;
import io.eddy.server.mvcc.ChangePage;
import io.eddy.server.mvcc.Limits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately naive model of etcd v3's multi-version key-value store, written from etcd's
 * semantics and independently of {@code MvccStore}: it keeps the complete state (key to
 * {@link KeyValue}) of every revision, the events of every revision, and the compact
 * revision. Nothing is ever physically removed; compaction only moves the compact revision.
 *
 * <p>Semantics modelled here (writes are in {@link ModelWrite}, static request rules in
 * {@link TxnRules}):
 * <ul>
 *   <li>A new store is at revision 1 with compact revision 0 and holds nothing.</li>
 *   <li>Range [key, range_end): empty end selects only key; "\0" selects every key &gt;= key;
 *       an end at or before key selects nothing. Revision &lt;= 0 reads the current revision;
 *       above it: FUTURE_REVISION; below the compact revision: COMPACTED. A key over the key
 *       limit: KEY_TOO_LARGE; unknown sort enums: INVALID_ARGUMENT; a negative limit or
 *       minimum filter means none, as in etcd, or INVALID_ARGUMENT (unspecified). The header
 *       carries the current revision, even for a read in the past.</li>
 *   <li>count counts the selected keys before filters and limit; min/max mod/create filters
 *       drop keys; sorts are stable, ties by key ascending in both directions; keys_only
 *       clears values after sorting; limit cuts after filtering and sorting and sets more;
 *       count_only returns no kvs and never sets more. A sort target other than KEY with
 *       order NONE sorts ascending but, as in etcd 3.4 (and as Eddy documents), with a limit
 *       and no filter only the first limit + 1 keys in key order are sorted.</li>
 *   <li>Compaction at rev: FUTURE_REVISION above the current revision, COMPACTED at or below
 *       the compact revision (so the first one may be at 1); at 0 or below COMPACTED or
 *       INVALID_ARGUMENT (etcd's initial compact revision is -1, so it accepts 0 once; Eddy
 *       documents that it refuses 0); no revision bump.</li>
 *   <li>Change log: whole revisions ascending from the requested one (1 or more: from 0 is
 *       not specified) until at least maxEvents events; COMPACTED below the compact
 *       revision. prev_kv is filled when asked for and the previous version is retained: for
 *       events above the compact revision (the previous version of an event at the compact
 *       revision is superseded there, hence compacted; etcd reads it at revision - 1).</li>
 * </ul>
 */
final class ReferenceModel {
    static final Comparator<ByteString> KEY_ORDER = ByteString.unsignedLexicographicalComparator();
    /** The range end meaning "every key from the start key on". */
    static final ByteString ALL_KEYS = ByteString.copyFrom(new byte[] {0});
    /** See the class comment: the change log omits prev_kv for events at the compact revision. */
    static final boolean PREV_KV_AT_COMPACT_REVISION = false;

    private final Limits limits;
    /** states.get(r - 1) is the state at revision r. */
    private final List<NavigableMap<ByteString, KeyValue>> states = new ArrayList<>();
    /** events.get(r - 1) are the events of revision r, with every prev_kv filled. */
    private final List<List<Event>> events = new ArrayList<>();
    private long compactRevision;

    ReferenceModel(Limits limits) {
        this.limits = limits;
        states.add(Collections.unmodifiableNavigableMap(new TreeMap<>(KEY_ORDER)));
        events.add(List.of());
    }

    Limits limits() {
        return limits;
    }

    long revision() {
        return states.size();
    }

    long compactRevision() {
        return compactRevision;
    }

    /** The state at {@code revision} (1 to {@link #revision()}; ignores compaction). */
    NavigableMap<ByteString, KeyValue> state(long revision) {
        return states.get((int) revision - 1);
    }

    NavigableMap<ByteString, KeyValue> current() {
        return state(revision());
    }

    /** Records a new revision. */
    void commit(NavigableMap<ByteString, KeyValue> state, List<Event> revisionEvents) {
        if (revisionEvents.isEmpty()) {
            throw new IllegalStateException("a revision without events");
        }
        states.add(Collections.unmodifiableNavigableMap(new TreeMap<>(state)));
        events.add(List.copyOf(revisionEvents));
    }

    static boolean inRange(ByteString key, ByteString end, ByteString candidate) {
        if (end.isEmpty()) {
            return candidate.equals(key);
        }
        if (KEY_ORDER.compare(candidate, key) < 0) {
            return false;
        }
        return end.equals(ALL_KEYS) || KEY_ORDER.compare(candidate, end) < 0;
    }

    /** The versions of the keys in [key, end) in {@code state}, in key order. */
    static List<KeyValue> select(NavigableMap<ByteString, KeyValue> state, ByteString key, ByteString end) {
        if (end.isEmpty()) {
            KeyValue kv = state.get(key);
            return kv == null ? List.of() : List.of(kv);
        }
        if (end.equals(ALL_KEYS)) {
            return List.copyOf(state.tailMap(key, true).values());
        }
        if (KEY_ORDER.compare(end, key) <= 0) {
            return List.of();
        }
        return List.copyOf(state.subMap(key, true, end, false).values());
    }

    /** The error codes for reading at {@code revision} when {@code current} is the newest revision. */
    Set<ErrorCode> revisionErrors(long revision, long current) {
        if (revision > current) {
            return Set.of(ErrorCode.FUTURE_REVISION);
        }
        if (revision > 0 && revision < compactRevision) {
            return Set.of(ErrorCode.COMPACTED);
        }
        return Set.of();
    }

    Expected<RangeResponse> range(RangeRequest request) {
        Set<ErrorCode> errors = EnumSet.copyOf(TxnRules.rangeErrors(request));
        if (request.getKey().size() > limits.maxKeyBytes()) {
            errors.add(ErrorCode.KEY_TOO_LARGE);
        }
        if (errors.isEmpty()) {
            errors = revisionErrors(request.getRevision(), revision());
        }
        if (!errors.isEmpty()) {
            return Expected.error(errors, compactRevision, revision());
        }
        long at = request.getRevision() <= 0 ? revision() : request.getRevision();
        RangeResponse response = evaluate(state(at), request)
                .setHeader(ResponseHeader.newBuilder().setRevision(revision()))
                .build();
        if (request.getLimit() < 0 || request.getMinModRevision() < 0 || request.getMinCreateRevision() < 0) {
            // etcd reads a negative limit or minimum as none; Eddy may refuse it instead.
            return Expected.either(response, Set.of(ErrorCode.INVALID_ARGUMENT), compactRevision, revision());
        }
        return Expected.ok(response);
    }

    /** A range over one state, without header. */
    static RangeResponse.Builder evaluate(NavigableMap<ByteString, KeyValue> state, RangeRequest r) {
        List<KeyValue> selected = select(state, r.getKey(), r.getRangeEnd());
        List<KeyValue> kvs = new ArrayList<>();
        for (KeyValue kv : selected) {
            if ((r.getMinModRevision() != 0 && kv.getModRevision() < r.getMinModRevision())
                    || (r.getMaxModRevision() != 0 && kv.getModRevision() > r.getMaxModRevision())
                    || (r.getMinCreateRevision() != 0 && kv.getCreateRevision() < r.getMinCreateRevision())
                    || (r.getMaxCreateRevision() != 0 && kv.getCreateRevision() > r.getMaxCreateRevision())) {
                continue;
            }
            kvs.add(kv);
        }
        RangeRequest.SortOrder order = r.getSortOrder();
        if (order == RangeRequest.SortOrder.NONE && r.getSortTarget() != RangeRequest.SortTarget.KEY) {
            order = RangeRequest.SortOrder.ASCEND;
            if (r.getLimit() > 0 && r.getMinModRevision() == 0
                    && r.getMaxModRevision() == 0 && r.getMinCreateRevision() == 0 && r.getMaxCreateRevision() == 0) {
                // etcd 3.4's quirk: without an explicit order or a filter only the first limit + 1 keys are sorted.
                kvs = new ArrayList<>(kvs.subList(0, (int) Math.min(kvs.size(), r.getLimit() + 1)));
            }
        }
        if (order != RangeRequest.SortOrder.NONE) {
            Comparator<KeyValue> byTarget = switch (r.getSortTarget()) {
                case KEY -> Comparator.comparing(KeyValue::getKey, KEY_ORDER);
                case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
                case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
                case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
                case VALUE -> Comparator.comparing(KeyValue::getValue, KEY_ORDER);
                default -> throw new IllegalArgumentException("sort target " + r.getSortTarget());
            };
            if (order == RangeRequest.SortOrder.DESCEND) {
                byTarget = byTarget.reversed();
            }
            kvs.sort(byTarget.thenComparing(KeyValue::getKey, KEY_ORDER));
        }
        RangeResponse.Builder response = RangeResponse.newBuilder().setCount(selected.size());
        if (r.getCountOnly()) {
            return response;
        }
        if (r.getLimit() > 0 && kvs.size() > r.getLimit()) {
            kvs = kvs.subList(0, (int) r.getLimit());
            response.setMore(true);
        }
        for (KeyValue kv : kvs) {
            response.addKvs(r.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
        }
        return response;
    }

    /** Applies one command; on success the model moves on, on error it is unchanged. */
    Expected<CommandResult> apply(Command command) {
        if (command.getBodyCase() == Command.BodyCase.COMPACTION) {
            return compact(command.getCompaction().getRevision());
        }
        return ModelWrite.apply(this, command);
    }

    private Expected<CommandResult> compact(long revision) {
        CommandResult ok = CommandResult.newBuilder().setCompaction(CompactionResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(revision()))).build();
        if (revision > revision()) {
            return Expected.error(Set.of(ErrorCode.FUTURE_REVISION), compactRevision, revision());
        }
        if (revision <= 0) {
            return Expected.error(Set.of(ErrorCode.COMPACTED, ErrorCode.INVALID_ARGUMENT), compactRevision, revision());
        }
        if (revision <= compactRevision) {
            return Expected.error(Set.of(ErrorCode.COMPACTED), compactRevision, revision());
        }
        compactRevision = revision;
        return Expected.ok(ok);
    }

    /** The change log page from {@code from}, see the class comment. */
    Expected<ChangePage> changes(long from, int maxEvents, boolean withPrevKv) {
        if (from < compactRevision) {
            return Expected.error(Set.of(ErrorCode.COMPACTED), compactRevision, revision());
        }
        List<Change> changes = new ArrayList<>();
        int gathered = 0;
        for (long r = Math.max(from, 1); r <= revision() && gathered < maxEvents; r++) {
            List<Event> revisionEvents = events.get((int) r - 1);
            if (revisionEvents.isEmpty()) {
                continue;
            }
            boolean keepPrev = withPrevKv && (r > compactRevision || PREV_KV_AT_COMPACT_REVISION);
            List<Event> out = new ArrayList<>();
            for (Event event : revisionEvents) {
                out.add(keepPrev ? event : event.toBuilder().clearPrevKv().build());
            }
            changes.add(new Change(r, out));
            gathered += out.size();
        }
        long next = changes.isEmpty() ? from : changes.get(changes.size() - 1).revision() + 1;
        return Expected.ok(new ChangePage(changes, next));
    }
}
