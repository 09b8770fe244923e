package io.eddy.server.watch;

import io.eddy.protocol.Event;
import io.eddy.protocol.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The events one watcher matched in one log page, or that every watcher of one cohort matched
 * (see {@link WatchSpec.Cohort}), in revision order, with their revisions, split into elements
 * of whole revisions of at most {@code maxElementBytes} (a revision larger than that goes
 * alone). Each element is built once however many watchers it is sent to, so a crowd of
 * watchers of one prefix costs one element build (and, in the API, one encoding) per element,
 * not one per watcher. Lives for one hub task only.
 */
final class Collector {
    private final List<Event> events = new ArrayList<>();
    private final List<Long> revisions = new ArrayList<>();
    /** The page's event the last {@link #add} came from (a shared collector takes each event once). */
    private Event lastSource;
    /** Element boundaries: element i is events [ends[i-1], ends[i]); computed on first use. */
    private int[] ends;
    private WatchResponse[] built;

    /** Adds {@code delivered} (derived from the page's {@code source} event) unless {@code source} was the last added. */
    boolean add(long revision, Event source, Event delivered) {
        if (source == lastSource) {
            return false;
        }
        lastSource = source;
        events.add(delivered);
        revisions.add(revision);
        return true;
    }

    /** Adds an event read by one watcher for itself. */
    void add(long revision, Event event) {
        add(revision, event, event);
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The number of elements these events make. */
    int elementCount(long maxElementBytes) {
        return bounds(maxElementBytes).length;
    }

    /** The revision of the first event of element {@code i}. */
    long firstRevisionOf(int i) {
        return revisions.get(i == 0 ? 0 : ends[i - 1]);
    }

    /** The revision of the last event of element {@code i}. */
    long lastRevisionOf(int i) {
        return revisions.get(ends[i] - 1);
    }

    /**
     * Element {@code i}, built on first use with the header {@code header} gives for the
     * revision it reports: {@code through} for the last element, else its last event's revision.
     * Call {@link #elementCount} first.
     */
    WatchResponse element(int i, long through, LongFunction<WatchResponse.Builder> header) {
        if (built[i] == null) {
            WatchResponse.Builder element = header.apply(i == ends.length - 1 ? through : lastRevisionOf(i));
            for (int e = i == 0 ? 0 : ends[i - 1]; e < ends[i]; e++) {
                element.addEvents(events.get(e));
            }
            built[i] = element.build();
        }
        return built[i];
    }

    private int[] bounds(long maxElementBytes) {
        if (ends == null) {
            List<Integer> list = new ArrayList<>();
            for (int from = 0; from < events.size(); from = list.get(list.size() - 1)) {
                list.add(elementEnd(from, maxElementBytes));
            }
            ends = list.stream().mapToInt(Integer::intValue).toArray();
            built = new WatchResponse[ends.length];
        }
        return ends;
    }

    /**
     * Where the element starting at {@code from} ends (exclusive): after as many whole revisions
     * as fit in {@code maxElementBytes}, and at least one revision.
     */
    private int elementEnd(int from, long maxElementBytes) {
        long bytes = 0;
        int end = from;
        while (end < events.size()) {
            long revision = revisions.get(end);
            int revisionEnd = end;
            long revisionBytes = 0;
            while (revisionEnd < events.size() && revisions.get(revisionEnd) == revision) {
                revisionBytes += events.get(revisionEnd).getSerializedSize() + 8;
                revisionEnd++;
            }
            if (end > from && bytes + revisionBytes > maxElementBytes) {
                return end;
            }
            bytes += revisionBytes;
            end = revisionEnd;
        }
        return end;
    }
}
