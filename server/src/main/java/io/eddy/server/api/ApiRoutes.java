package io.eddy.server.api;

import io.eddy.server.node.EddyNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Every route a member serves, by interaction: request-response routes and request-stream
 * routes. A route name is in at most one of the two maps.
 *
 * @param responses request-response routes by name
 * @param streams   request-stream routes by name
 */
record ApiRoutes(Map<String, Route<?>> responses, Map<String, StreamRoute<?>> streams) {
    ApiRoutes {
        responses = Map.copyOf(responses);
        streams = Map.copyOf(streams);
        for (String name : responses.keySet()) {
            if (streams.containsKey(name)) {
                throw new IllegalArgumentException("route " + name + " is both request-response and stream");
            }
        }
    }

    /** The routes of {@code node}: one line per service. */
    static ApiRoutes of(EddyNode node) {
        Map<String, Route<?>> responses = new HashMap<>();
        Map<String, StreamRoute<?>> streams = new HashMap<>();
        responses.putAll(KvRoutes.of(node));
        streams.putAll(KvRoutes.streamsOf(node));
        responses.putAll(WatchRoutes.of(node));
        streams.putAll(WatchRoutes.streamsOf(node));
        responses.putAll(ClusterRoutes.of(node));
        responses.putAll(MaintenanceRoutes.of(node));
        streams.putAll(MaintenanceRoutes.streamsOf(node));
        return new ApiRoutes(responses, streams);
    }
}
