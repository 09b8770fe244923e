package io.eddy.client;

import java.util.Objects;
import java.util.Optional;

/**
 * One change to one key.
 *
 * @param type   PUT or DELETE
 * @param kv     PUT: the new version. DELETE: the key, with {@link KeyValue#modRevision()} the
 *               deleting revision (other fields 0, value empty)
 * @param prevKv the version before the change, when the watch asked for it
 *               ({@link WatchOptions#prevKv()}) and it existed and is still kept
 */
public record WatchEvent(Type type, KeyValue kv, Optional<KeyValue> prevKv) {
    /** The kind of change. */
    public enum Type {
        /** The key was created or modified. */
        PUT,
        /** The key was deleted. */
        DELETE
    }

    /** Checks that every field is present. */
    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kv, "kv");
        Objects.requireNonNull(prevKv, "prevKv");
    }

    /** The revision of the change. */
    public long revision() {
        return kv.modRevision();
    }
}
