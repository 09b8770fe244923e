package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import io.eddy.protocol.KeyValue;
import java.util.List;
import java.util.Objects;

/**
 * One page of a range read at a fixed revision ({@link MvccStore#rangePage}): keys in
 * ascending order, and where the next page starts.
 *
 * @param kvs  the keys of this page that pass the request's filters, ascending (may be empty
 *             when every key scanned was filtered out)
 * @param next the first key of the range this page did not visit, where the next page starts
 *             (inclusive); empty when the range is exhausted
 */
public record RangePage(List<KeyValue> kvs, ByteString next) {
    /** Copies {@code kvs}. */
    public RangePage {
        kvs = List.copyOf(kvs);
        Objects.requireNonNull(next, "next");
    }

    /** True when no key of the range is left after this page. */
    public boolean exhausted() {
        return next.isEmpty();
    }
}
