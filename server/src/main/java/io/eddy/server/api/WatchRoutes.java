package io.eddy.server.api;

import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.watch.WatchSpec;
import java.util.Map;
import reactor.core.publisher.Flux;

/** The {@code watch} request-stream route of one member, served by its watch hub. */
final class WatchRoutes {
    private WatchRoutes() {
    }

    /** Route name to route, for {@code node}. A bad request fails the stream before anything is registered. */
    static Map<String, StreamRoute<?>> streamsOf(EddyNode node) {
        int maxKeyBytes = node.config().settings().get(EddySettings.MAX_KEY_BYTES);
        return Map.of(Routes.WATCH, StreamRoute.watch(WatchCreateRequest.getDefaultInstance(),
                request -> Flux.defer(() -> node.watchHub().watch(WatchSpec.of(request, maxKeyBytes)))));
    }
}
