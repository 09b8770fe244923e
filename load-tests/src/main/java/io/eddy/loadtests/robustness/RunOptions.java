package io.eddy.loadtests.robustness;

import io.eddy.loadtests.robustness.traffic.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One robustness run's settings.
 *
 * @param clientEndpoints the endpoints of each KV client (one list per client; a single endpoint
 *                        pins a client to one member, several let it fail over)
 * @param watchEndpoints  the endpoints of the watchers' client
 * @param faultMinGap     the shortest time between the end of one fault and the next
 * @param faultHold       how long a fault stays before it is healed
 */
public record RunOptions(Duration duration, Workload workload, List<List<String>> clientEndpoints,
        List<String> watchEndpoints, Duration faultMinGap, Duration faultMaxGap, Duration faultHold, long seed) {
    /** Checks and copies. */
    public RunOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(workload, "workload");
        clientEndpoints = clientEndpoints.stream().map(List::copyOf).toList();
        watchEndpoints = List.copyOf(watchEndpoints);
        if (clientEndpoints.isEmpty() || clientEndpoints.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("at least one client, each with an endpoint");
        }
        if (workload.watchers() > 0 && watchEndpoints.isEmpty()) {
            throw new IllegalArgumentException("watchers need endpoints");
        }
    }
}
