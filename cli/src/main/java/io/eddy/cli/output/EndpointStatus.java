package io.eddy.cli.output;

import io.eddy.client.Status;
import java.util.Objects;

/**
 * The status of the member at one endpoint ({@code endpoint status}).
 *
 * @param endpoint the endpoint asked
 * @param status   what it answered
 */
public record EndpointStatus(String endpoint, Status status) {
    /** Checks the fields. */
    public EndpointStatus {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
    }
}
