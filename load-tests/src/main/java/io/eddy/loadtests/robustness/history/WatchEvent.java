package io.eddy.loadtests.robustness.history;

import java.util.Objects;

/**
 * One event a watcher received.
 *
 * @param put    a put (else a delete)
 * @param kv     the key after the event (a delete: empty value, modRevision = the delete's revision)
 * @param prevKv the key before the event when the watch asked for it and the key existed, else null
 */
public record WatchEvent(boolean put, Kv kv, Kv prevKv) {
    /** Checks the kv. */
    public WatchEvent {
        Objects.requireNonNull(kv, "kv");
    }
}
