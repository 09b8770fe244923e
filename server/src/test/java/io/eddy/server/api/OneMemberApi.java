package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.node.HostPort;
import io.eddy.server.testing.MiniCluster;
import io.rsocket.Payload;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.util.ByteBufPayload;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * One real member with an {@link ApiServer} over TCP serving its routes plus {@link TestRoutes},
 * with small admission limits (per connection {@value #PER_CONNECTION}, per member
 * {@value #PER_MEMBER}), and a shared connection holding one long-lived stream open.
 */
final class OneMemberApi implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int PER_CONNECTION = 1000;
    static final int PER_MEMBER = 1500;

    final MiniCluster cluster;
    final ApiServer server;
    final ApiClient shared;
    final LiveStream live;

    private OneMemberApi(MiniCluster cluster, ApiServer server, ApiClient shared, LiveStream live) {
        this.cluster = cluster;
        this.server = server;
        this.shared = shared;
        this.live = live;
    }

    static OneMemberApi start(Path dir) {
        MiniCluster cluster = MiniCluster.start(1, dir, s -> s
                .with(EddySettings.API_MAX_IN_FLIGHT_PER_CONNECTION, PER_CONNECTION)
                .with(EddySettings.API_MAX_IN_FLIGHT, PER_MEMBER));
        EddyNode node = cluster.awaitLeader(WAIT);
        ApiServer server = ApiServer.start(node, new HostPort("127.0.0.1", 0), Optional.empty(),
                TestRoutes.with(ApiRoutes.of(node))).block(WAIT);
        ApiClient shared = ApiClient.connect(server.address());
        LiveStream live = new LiveStream();
        stream(shared, TestRoutes.COUNT, TestRoutes.count(Long.MAX_VALUE).toByteArray()).subscribe(live);
        assertThat(live.next()).isZero();
        return new OneMemberApi(cluster, server, shared, live);
    }

    /** A raw request-stream on {@code client}'s connection. */
    static reactor.core.publisher.Flux<Payload> stream(ApiClient client, String route, byte[] data) {
        return reactor.core.publisher.Flux.defer(() -> client.rsocket().requestStream(
                ByteBufPayload.create(Unpooled.wrappedBuffer(data), ApiClient.routing(route))));
    }

    /** Waits until the server has {@code expected} interactions in flight. */
    void awaitInFlight(int expected) {
        MiniCluster.awaitTrue(WAIT, "server in flight == " + expected + " (now " + server.inFlight() + ")",
                () -> server.inFlight() == expected);
    }

    /** Checks the long-lived stream still delivers, one element more. */
    void assertLiveStreamContinues() {
        long before = live.last;
        assertThat(live.next()).as("the long-lived stream delivers its next element").isEqualTo(before + 1);
    }

    /** The error code of an RSocket failure, or -1 when it is not an application error. */
    static int code(Throwable failure) {
        return failure instanceof CustomRSocketException e ? e.errorCode() : -1;
    }

    static boolean isTooMany(Throwable failure) {
        return code(failure) == ErrorCode.TOO_MANY_REQUESTS_VALUE;
    }

    @Override
    public void close() {
        live.dispose();
        shared.close();
        server.close().block(WAIT);
        cluster.close();
    }

    /** A subscriber that asks for one element at a time, when the test says so. */
    static final class LiveStream extends BaseSubscriber<Payload> {
        private final BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        private volatile long last = -1;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // No demand until next().
        }

        @Override
        protected void hookOnNext(Payload payload) {
            try {
                received.add(RangeResponse.parseFrom(payload.getData()).getCount());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                received.add(-2L);
            } finally {
                payload.release();
            }
        }

        long next() {
            request(1);
            try {
                Long value = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(value).as("an element of the long-lived stream within " + WAIT).isNotNull();
                last = value;
                return value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
