package io.eddy.server.watch;

import io.eddy.protocol.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The events one watcher matched in one log page, in revision order, with their revisions,
 * split into elements of whole revisions of at most {@code maxElementBytes} (a revision larger
 * than that goes alone). Lives for one hub task only.
 */
final class Collector {
    private final List<Event> events = new ArrayList<>();
    private final List<Long> revisions = new ArrayList<>();

    void add(long revision, Event event) {
        events.add(event);
        revisions.add(revision);
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The revision of the event at {@code index}. */
    long revisionAt(int index) {
        return revisions.get(index);
    }

    Event eventAt(int index) {
        return events.get(index);
    }

    /**
     * Where the element starting at {@code from} ends (exclusive): after as many whole revisions
     * as fit in {@code maxElementBytes}, and at least one revision.
     */
    int elementEnd(int from, long maxElementBytes) {
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
