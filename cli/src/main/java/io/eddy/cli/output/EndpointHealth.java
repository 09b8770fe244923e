package io.eddy.cli.output;

import java.time.Duration;
import java.util.Objects;

/**
 * The health of one endpoint ({@code endpoint health}): whether a linearizable read succeeded.
 *
 * @param endpoint the endpoint asked
 * @param healthy  true when the read succeeded
 * @param took     how long the read took (or took to fail)
 * @param error    why it failed; empty when healthy
 */
public record EndpointHealth(String endpoint, boolean healthy, Duration took, String error) {
    /** Checks the fields. */
    public EndpointHealth {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(error, "error");
    }
}
