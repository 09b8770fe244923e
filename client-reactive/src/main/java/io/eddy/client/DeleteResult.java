package io.eddy.client;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a delete.
 *
 * @param header  the response header
 * @param deleted how many keys were deleted
 * @param prevKvs the deleted keys with their last values, when asked for
 *                ({@link DeleteOptions#prevKv()}); unmodifiable
 */
public record DeleteResult(Header header, long deleted, List<KeyValue> prevKvs) implements OpResult {
    /** Copies {@code prevKvs} into an unmodifiable list. */
    public DeleteResult {
        Objects.requireNonNull(header, "header");
        prevKvs = List.copyOf(prevKvs);
    }
}
