package io.eddy.server.api;

import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.protocol.WatchProgressRequest;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.watch.WatchSpec;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The watch routes of one member, served by its watch hub: {@code watch} (request-stream) and
 * {@code watch.progress} (request-response: progress on request).
 */
final class WatchRoutes {
    private WatchRoutes() {
    }

    /** Request-response route name to route, for {@code node}. */
    static Map<String, Route<?>> of(EddyNode node) {
        return Map.of(Routes.WATCH_PROGRESS, Route.of(WatchProgressRequest.getDefaultInstance(),
                request -> Mono.fromFuture(() -> node.watchHub().requestProgress(request.getWatchIdsList()), true)));
    }

    /** Route name to route, for {@code node}. A bad request fails the stream before anything is registered. */
    static Map<String, StreamRoute<?>> streamsOf(EddyNode node) {
        int maxKeyBytes = node.config().settings().get(EddySettings.MAX_KEY_BYTES);
        return Map.of(Routes.WATCH, StreamRoute.watch(WatchCreateRequest.getDefaultInstance(),
                request -> Flux.defer(() -> node.watchHub().watch(WatchSpec.of(request, maxKeyBytes)))));
    }
}
