package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.MiniCluster;
import io.rsocket.Payload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * Watches are admitted against {@code api.max-watches}, not the request limits: a connection
 * holds far more watches than {@code api.max-in-flight-per-connection} and the member more than
 * {@code api.max-in-flight}, requests keep being served meanwhile, one watch over the limit is
 * refused with TOO_MANY_REQUESTS naming the setting, and an ended watch gives its slot back.
 */
class WatchAdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PER_CONNECTION = 20;
    private static final int PER_MEMBER = 30;
    private static final int WATCHES = 200;

    @TempDir
    Path dir;

    private MiniCluster cluster;
    private ApiServer server;
    private EddyNode node;
    private final List<Disposable> held = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = MiniCluster.start(1, dir, s -> s
                .with(EddySettings.API_MAX_IN_FLIGHT_PER_CONNECTION, PER_CONNECTION)
                .with(EddySettings.API_MAX_IN_FLIGHT, PER_MEMBER)
                .with(EddySettings.API_MAX_WATCHES, WATCHES));
        node = cluster.awaitLeader(WAIT);
        server = ApiServer.start(node).block(WAIT);
    }

    @AfterEach
    void stop() {
        held.forEach(Disposable::dispose);
        if (server != null) {
            server.close().block(WAIT);
        }
        cluster.close();
    }

    @Test
    void watchesHaveTheirOwnLimitAndDoNotTakeRequestSlots() {
        Queue<Throwable> refused = new ConcurrentLinkedQueue<>();
        try (ApiClient client = ApiClient.connect(server.address())) {
            for (int i = 0; i < WATCHES; i++) {
                held.add(watch(client, "k" + i).subscribe(Payload::release, refused::add));
            }
            awaitWatchers(WATCHES);
            assertThat(refused).as("%d watches on one connection, over both request limits", WATCHES).isEmpty();
            assertThat(server.inFlight()).as("watches hold no request slot").isZero();
            for (int i = 0; i < PER_CONNECTION; i++) {
                assertServes(client);
            }

            StepVerifier.create(watch(client, "one-too-many"))
                    .expectErrorSatisfies(failure -> {
                        assertThat(OneMemberApi.isTooMany(failure)).as("%s", failure).isTrue();
                        assertThat(failure.getMessage()).contains("api.max-watches");
                    })
                    .verify(WAIT);

            held.remove(0).dispose();
            awaitWatchers(WATCHES - 1);
            held.add(watch(client, "again").subscribe(Payload::release, refused::add));
            awaitWatchers(WATCHES);
            assertThat(refused).as("a cancelled watch gave its slot back").isEmpty();
        }
        held.forEach(Disposable::dispose);
        held.clear();
        awaitWatchers(0);
    }

    private reactor.core.publisher.Flux<Payload> watch(ApiClient client, String key) {
        return OneMemberApi.stream(client, Routes.WATCH, WatchCreateRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8(key)).build().toByteArray());
    }

    private void awaitWatchers(int expected) {
        MiniCluster.awaitTrue(WAIT, expected + " watchers on the hub", () -> node.watchHub().stats().join()
                .watchers() == expected);
    }

    private static void assertServes(ApiClient client) {
        StepVerifier.create(client.call(Routes.KV_RANGE, RangeRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8("k")).build(), RangeResponse.parser()))
                .assertNext(range -> assertThat(range.getHeader().getRevision()).isPositive())
                .expectComplete().verify(WAIT);
    }
}
