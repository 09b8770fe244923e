package io.eddy.client;

import java.util.Objects;

/**
 * One key and its value with their MVCC metadata.
 *
 * @param key            the key
 * @param value          the value (empty when the read asked for keys only)
 * @param createRevision the revision of the key's last creation
 * @param modRevision    the revision of the key's last modification
 * @param version        the number of modifications since creation (1 after the first put)
 * @param lease          the id of the attached lease, 0 when none
 */
public record KeyValue(ByteSequence key, ByteSequence value, long createRevision, long modRevision, long version,
        long lease) {
    /** Checks that key and value are present. */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
