package io.eddy.loadtests.robustness.history;

import java.util.Objects;

/**
 * A key's state as a read, a watch event or a prevKv showed it: value (UTF-8), the revision of
 * its last modification and its version (1 at creation, +1 per put). For a delete event, the
 * value is empty and {@code modRevision} is the delete's revision.
 */
public record Kv(String key, String value, long modRevision, long version) {
    /** Checks that key and value are present. */
    public Kv {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
