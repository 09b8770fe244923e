package io.eddy.client.internal;

import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchProgressRequest;
import io.eddy.protocol.WatchProgressResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The watch calls of one client that are subscribed now, for progress on request: each one says
 * which member serves it and under which id ({@link Served}), or nothing while it has no
 * created element from its current attempt. A call is in the registry from its subscription to
 * its end (cancel, error), so a cancelled watch leaves it. Thread-safe.
 */
final class LiveWatches {
    /** Who serves a watch now: the member's endpoint and the member's id of the watch. */
    record Served(Endpoint endpoint, long watchId) {
    }

    /** Most ids in one request (the member accepts 100,000). */
    static final int MAX_IDS = 10_000;

    private final Set<Supplier<Served>> calls = ConcurrentHashMap.newKeySet();

    /** {@code stream}, with {@code call} (telling who serves it now, or null) registered while it is subscribed. */
    <T> Flux<T> track(Supplier<Served> call, Flux<T> stream) {
        return Flux.defer(() -> {
            calls.add(call);
            return stream.doFinally(signal -> calls.remove(call));
        });
    }

    /** Calls subscribed now (for tests). */
    int size() {
        return calls.size();
    }

    /**
     * Sends {@code watch.progress} to each member serving a watch now, with the ids of the
     * watches it serves, one request per member (per {@link #MAX_IDS} ids), all in parallel.
     * Completes when every one of them has answered; fails with the first failure (others
     * suppressed) once all have ended.
     */
    Mono<Void> requestProgress(Transport transport) {
        return Mono.defer(() -> {
            Map<Endpoint, List<WatchProgressRequest.Builder>> byMember = new LinkedHashMap<>();
            for (Supplier<Served> call : calls) {
                Served served = call.get();
                if (served != null) {
                    List<WatchProgressRequest.Builder> requests = byMember.computeIfAbsent(served.endpoint(),
                            e -> new ArrayList<>());
                    if (requests.isEmpty() || requests.get(requests.size() - 1).getWatchIdsCount() == MAX_IDS) {
                        requests.add(WatchProgressRequest.newBuilder());
                    }
                    requests.get(requests.size() - 1).addWatchIds(served.watchId());
                }
            }
            List<Throwable> failures = new ArrayList<>();
            return Flux.fromIterable(byMember.entrySet())
                    .flatMap(member -> Flux.fromIterable(member.getValue())
                            .map(request -> Map.entry(member.getKey(), request.build())))
                    .flatMap(request -> transport.readFrom(request.getKey(), Routes.WATCH_PROGRESS,
                                    request.getValue(), WatchProgressResponse.parser())
                            .then()
                            .onErrorResume(failure -> {
                                synchronized (failures) {
                                    failures.add(failure);
                                }
                                return Mono.empty();
                            }))
                    .then(Mono.defer(() -> firstFailure(failures)));
        });
    }

    private static Mono<Void> firstFailure(List<Throwable> failures) {
        synchronized (failures) {
            if (failures.isEmpty()) {
                return Mono.empty();
            }
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            return Mono.error(first);
        }
    }
}
