package io.eddy.server.mvcc;

import io.eddy.protocol.Event;
import java.util.List;

/**
 * Every event of one revision, in the order the write made them (a txn's operations in
 * order; a range delete in key order).
 */
public record Change(long revision, List<Event> events) {
    public Change {
        events = List.copyOf(events);
    }
}
