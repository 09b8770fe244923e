package io.eddy.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a put.
 *
 * @param header the response header; its revision is the put's revision
 * @param prevKv the key's previous value, when asked for ({@link PutOptions#prevKv()}) and the key existed
 */
public record PutResult(Header header, Optional<KeyValue> prevKv) implements OpResult {
    /** Checks that both parts are present. */
    public PutResult {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(prevKv, "prevKv");
    }
}
