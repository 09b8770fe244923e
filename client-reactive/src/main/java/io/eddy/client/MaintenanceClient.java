package io.eddy.client;

import java.nio.file.Path;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The maintenance service: a member's status and snapshots of its store. Reads only: every
 * call is retried on retryable failures (a snapshot only until its first chunk arrives).
 */
public interface MaintenanceClient {
    /** The status of the member the client is currently talking to. */
    Mono<Status> status();

    /**
     * The status of the member at {@code endpoint}, which must be one of the client's endpoints
     * (as given to the builder); no retry on another endpoint.
     *
     * @throws IllegalArgumentException when {@code endpoint} is not one of the client's
     */
    Mono<Status> status(String endpoint);

    /**
     * A consistent snapshot of one member's store as a stream of chunks (at most 256 KiB each),
     * produced as they are requested. The chunks concatenated are an Eddy engine backup
     * (format version 1, self-checking with a CRC-32C trailer), which {@code eddyctl snapshot
     * restore} loads. The stream fails with {@link ErrorCode#CORRUPT} when the bytes received
     * do not match the member's SHA-256 (after the last chunk). No time limit applies once the
     * first chunk has arrived; cancel to stop.
     */
    Flux<ByteSequence> snapshot();

    /**
     * Saves a snapshot to {@code file}: written to a temporary file next to it, synced,
     * checked against the member's SHA-256, then moved into place atomically (replacing an
     * existing file). On failure or cancellation nothing is left at {@code file} and the
     * temporary file is deleted.
     */
    Mono<SnapshotFile> snapshot(Path file);
}
