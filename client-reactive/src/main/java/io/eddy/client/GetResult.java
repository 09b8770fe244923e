package io.eddy.client;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a get (range read).
 *
 * @param header the response header
 * @param kvs    the keys found, in key order (empty for a count-only read); unmodifiable
 * @param more   whether more keys matched than the limit let through
 * @param count  how many keys matched in all
 */
public record GetResult(Header header, List<KeyValue> kvs, boolean more, long count) implements OpResult {
    /** Copies {@code kvs} into an unmodifiable list. */
    public GetResult {
        Objects.requireNonNull(header, "header");
        kvs = List.copyOf(kvs);
    }
}
