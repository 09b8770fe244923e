package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import java.util.Arrays;

/**
 * A request's {@code [key, range_end)} with etcd's conventions resolved: an empty end means
 * the single key; an end of {@code "\0"} means every key at or after {@code key}; an end
 * at or before {@code key} selects nothing (etcd answers such a range with no keys, not an
 * error).
 *
 * @param start  first user key
 * @param end    first user key after the range, or {@code null} for no upper bound
 * @param single the range is exactly {@code start}
 */
record KeyRange(byte[] start, byte[] end, boolean single) {

    static KeyRange of(ByteString key, ByteString rangeEnd) {
        byte[] start = key.toByteArray();
        if (rangeEnd.isEmpty()) {
            return new KeyRange(start, Arrays.copyOf(start, start.length + 1), true);
        }
        if (rangeEnd.size() == 1 && rangeEnd.byteAt(0) == 0) {
            return new KeyRange(start, null, false);
        }
        return new KeyRange(start, rangeEnd.toByteArray(), false);
    }

    /** True when no key can be in the range. */
    boolean isEmpty() {
        return end != null && Arrays.compareUnsigned(end, start) <= 0;
    }

    boolean contains(byte[] userKey) {
        return Arrays.compareUnsigned(userKey, start) >= 0 && (end == null || Arrays.compareUnsigned(userKey, end) < 0);
    }

    /** True when the two ranges share a key. */
    boolean overlaps(KeyRange other) {
        if (isEmpty() || other.isEmpty()) {
            return false;
        }
        boolean startsBeforeOtherEnds = other.end == null || Arrays.compareUnsigned(start, other.end) < 0;
        boolean otherStartsBeforeEnd = end == null || Arrays.compareUnsigned(other.start, end) < 0;
        return startsBeforeOtherEnds && otherStartsBeforeEnd;
    }
}
