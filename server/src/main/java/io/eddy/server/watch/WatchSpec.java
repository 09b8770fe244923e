package io.eddy.server.watch;

import com.google.protobuf.ByteString;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.server.errors.EddyException;

/**
 * A validated watch request: what a watcher selects and how it reports it.
 *
 * @param key            first key watched (empty only for a watch of every key)
 * @param rangeEnd       end of the range, exclusive; {@code null} for no end (every key from
 *                       {@code key}); equal to {@code key + "\0"} for a single key
 * @param startRevision  first revision delivered; 0 for "after the current revision"
 * @param prevKv         deliver each event's previous version
 * @param noPut          leave out PUT events
 * @param noDelete       leave out DELETE events
 * @param progressNotify send progress notifications when idle
 */
public record WatchSpec(ByteString key, ByteString rangeEnd, long startRevision, boolean prevKv, boolean noPut,
        boolean noDelete, boolean progressNotify) {
    private static final ByteString NUL = ByteString.copyFrom(new byte[] {0});

    /**
     * What decides the events a watcher is given from a log page: two specs with equal cohorts
     * are given the same events from any page whose revisions all are at or after both
     * watchers' next revisions (the synced feed builds such events, and their elements, once).
     */
    record Cohort(ByteString key, ByteString rangeEnd, boolean prevKv, boolean noPut, boolean noDelete) {
    }

    /** This spec's {@link Cohort}. */
    Cohort cohort() {
        return new Cohort(key, rangeEnd, prevKv, noPut, noDelete);
    }

    /** Checks the fields (see {@link #of} for the wire request's rules). */
    public WatchSpec {
        if (key == null || startRevision < 0) {
            throw new IllegalArgumentException("key is required and startRevision must not be negative");
        }
        if (rangeEnd != null && ByteString.unsignedLexicographicalComparator().compare(rangeEnd, key) <= 0) {
            throw new IllegalArgumentException("rangeEnd must sort after key");
        }
    }

    /**
     * The spec of a wire request. Fails with EMPTY_KEY for an empty key (unless the range end is
     * {@code "\0"}: every key), KEY_TOO_LARGE over {@code maxKeyBytes}, INVALID_ARGUMENT for a
     * range end at or before the key or an unknown filter. A start revision &lt;= 0 means "now".
     */
    public static WatchSpec of(WatchCreateRequest request, int maxKeyBytes) {
        ByteString key = request.getKey();
        ByteString end = request.getRangeEnd();
        boolean unbounded = end.equals(NUL);
        if (key.isEmpty() && !unbounded) {
            throw EddyException.of(ErrorCode.EMPTY_KEY, "key is not provided (watch every key with key \"\" "
                    + "or \"\\0\" and range_end \"\\0\")");
        }
        if (key.size() > maxKeyBytes) {
            throw EddyException.of(ErrorCode.KEY_TOO_LARGE, "key is " + key.size() + " bytes; the limit is "
                    + maxKeyBytes);
        }
        ByteString rangeEnd;
        if (end.isEmpty()) {
            rangeEnd = key.concat(NUL);
        } else if (unbounded) {
            rangeEnd = null;
        } else if (ByteString.unsignedLexicographicalComparator().compare(end, key) <= 0) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "range_end must sort after key: a watch of an "
                    + "empty range would never see an event");
        } else {
            rangeEnd = end;
        }
        boolean noPut = false;
        boolean noDelete = false;
        for (WatchCreateRequest.FilterType filter : request.getFiltersList()) {
            switch (filter) {
                case NOPUT -> noPut = true;
                case NODELETE -> noDelete = true;
                default -> throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "unknown watch filter "
                        + request.getFiltersValueList());
            }
        }
        return new WatchSpec(key, rangeEnd, Math.max(0, request.getStartRevision()), request.getPrevKv(), noPut,
                noDelete, request.getProgressNotify());
    }

    /** Whether this watch is of exactly one key. */
    boolean singleKey() {
        return rangeEnd != null && rangeEnd.size() == key.size() + 1 && rangeEnd.byteAt(key.size()) == 0
                && rangeEnd.startsWith(key);
    }

    /** Whether {@code userKey} is in the watched range. */
    boolean contains(ByteString userKey) {
        var order = ByteString.unsignedLexicographicalComparator();
        return order.compare(userKey, key) >= 0 && (rangeEnd == null || order.compare(userKey, rangeEnd) < 0);
    }

    /** Whether an event of a key in the range passes the filters. */
    boolean accepts(Event event) {
        return event.getType() == Event.EventType.PUT ? !noPut : !noDelete;
    }
}
