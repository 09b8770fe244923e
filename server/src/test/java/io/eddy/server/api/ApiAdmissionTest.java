package io.eddy.server.api;

import static io.eddy.server.api.OneMemberApi.PER_CONNECTION;
import static io.eddy.server.api.OneMemberApi.PER_MEMBER;
import static io.eddy.server.api.OneMemberApi.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.Routes;
import io.eddy.server.testing.BlockHoundExtension;
import io.eddy.server.testing.MiniCluster;
import io.rsocket.Payload;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/**
 * Admission over real connections: requests and streams beyond a connection's or the member's
 * limit get TOO_MANY_REQUESTS at once, other connections keep working, and every way an
 * interaction can end gives its slots back exactly once (the counts return to their baseline,
 * not below it). The shared connection's long-lived stream is the baseline's one interaction.
 */
@ExtendWith(BlockHoundExtension.class)
class ApiAdmissionTest {
    @TempDir
    static Path dir;

    private static OneMemberApi api;

    @BeforeAll
    static void start() {
        api = OneMemberApi.start(dir);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void thousandsOfInteractionsOnOneConnectionAreCappedAndOthersKeepWorking() {
        api.awaitInFlight(1);
        Disposable.Composite held = Disposables.composite();
        Queue<Throwable> refusedA = new ConcurrentLinkedQueue<>();
        try (ApiClient a = ApiClient.connect(api.server.address());
             ApiClient c = ApiClient.connect(api.server.address())) {
            // 2,500 requests that never answer and 2,500 streams that take one element and then no more.
            for (int i = 0; i < 2500; i++) {
                held.add(a.raw(TestRoutes.HANG, get("k").toByteArray()).subscribe(Payload::release, refusedA::add));
                SlowStream slow = new SlowStream(refusedA);
                OneMemberApi.stream(a, TestRoutes.COUNT, TestRoutes.count(10).toByteArray()).subscribe(slow);
                held.add(slow);
            }
            MiniCluster.awaitTrue(WAIT, "4,000 refusals on connection a (now " + refusedA.size() + ")",
                    () -> refusedA.size() == 5000 - PER_CONNECTION);
            assertThat(refusedA).allSatisfy(e -> {
                assertThat(OneMemberApi.isTooMany(e)).as("%s", e).isTrue();
                assertThat(e.getMessage()).contains("api.max-in-flight-per-connection");
            });
            api.awaitInFlight(1 + PER_CONNECTION);
            assertThat(api.server.inFlightPerConnection()).containsExactlyInAnyOrder(1, PER_CONNECTION, 0);

            // The other connections are unaffected: a request answers, the long-lived stream flows.
            assertServes(api.shared);
            assertServes(c);
            api.assertLiveStreamContinues();

            // Connection c fills the member: 499 more fit, the rest are refused member-wide.
            Queue<Throwable> refusedC = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < 600; i++) {
                c.raw(TestRoutes.HANG, get("k").toByteArray()).subscribe(Payload::release, refusedC::add);
            }
            int fitting = PER_MEMBER - 1 - PER_CONNECTION;
            MiniCluster.awaitTrue(WAIT, "refusals on connection c (now " + refusedC.size() + ")",
                    () -> refusedC.size() == 600 - fitting);
            assertThat(refusedC).allSatisfy(e -> assertThat(e.getMessage()).contains("(api.max-in-flight)"));
            api.awaitInFlight(PER_MEMBER);
            StepVerifier.create(api.shared.call(Routes.KV_RANGE, get("k"), RangeResponse.parser()))
                    .expectErrorSatisfies(e -> assertThat(OneMemberApi.isTooMany(e)).as("%s", e).isTrue())
                    .verify(WAIT);

            // Cancelling a's interactions gives their slots back; closing c gives back its own.
            held.dispose();
            api.awaitInFlight(1 + fitting);
            c.close();
            api.awaitInFlight(1);
            assertServes(api.shared);
            assertServes(a);
            api.assertLiveStreamContinues();
        } finally {
            held.dispose();
        }
        api.awaitInFlight(1);
    }

    @Test
    void everyWayAnInteractionEndsGivesItsSlotsBackOnce() {
        api.awaitInFlight(1);
        // Answered.
        assertServes(api.shared);
        api.awaitInFlight(1);
        // Failed inside the responder, after admission (the payload does not parse).
        StepVerifier.create(api.shared.raw(Routes.KV_PUT, new byte[] {(byte) 0xFF}))
                .expectErrorSatisfies(e -> assertThat(OneMemberApi.code(e)).isEqualTo(ErrorCode.BAD_PAYLOAD_VALUE))
                .verify(WAIT);
        api.awaitInFlight(1);
        // A stream that completes, and one that fails after an element.
        StepVerifier.create(OneMemberApi.stream(api.shared, TestRoutes.COUNT, TestRoutes.count(3).toByteArray())
                        .doOnNext(Payload::release))
                .expectNextCount(3).expectComplete().verify(WAIT);
        api.awaitInFlight(1);
        StepVerifier.create(OneMemberApi.stream(api.shared, TestRoutes.FAIL, get("k").toByteArray())
                        .doOnNext(Payload::release))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(OneMemberApi.code(e)).isEqualTo(ErrorCode.UNAVAILABLE_VALUE))
                .verify(WAIT);
        api.awaitInFlight(1);
        // Cancelled: a request-response that never answers, a stream after its first element.
        Disposable hanging = api.shared.raw(TestRoutes.HANG, get("k").toByteArray()).subscribe();
        api.awaitInFlight(2);
        hanging.dispose();
        api.awaitInFlight(1);
        StepVerifier.create(OneMemberApi.stream(api.shared, TestRoutes.COUNT, TestRoutes.count(100).toByteArray())
                        .doOnNext(Payload::release).take(1))
                .expectNextCount(1).expectComplete().verify(WAIT);
        api.awaitInFlight(1);
        // The connection closes with interactions open.
        ApiClient closing = ApiClient.connect(api.server.address());
        for (int i = 0; i < 3; i++) {
            closing.raw(TestRoutes.HANG, get("k").toByteArray()).subscribe(Payload::release, e -> { });
            OneMemberApi.stream(closing, TestRoutes.COUNT, TestRoutes.count(100).toByteArray())
                    .subscribe(new SlowStream(new ConcurrentLinkedQueue<>()));
        }
        api.awaitInFlight(1 + 6);
        closing.close();
        api.awaitInFlight(1);
        api.assertLiveStreamContinues();
    }

    private static void assertServes(ApiClient client) {
        StepVerifier.create(client.call(Routes.KV_RANGE, get("k"), RangeResponse.parser()))
                .assertNext(range -> assertThat(range.getHeader().getRevision()).isPositive())
                .expectComplete().verify(WAIT);
    }

    private static RangeRequest get(String key) {
        return RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).build();
    }

    /** Takes one element, then asks for nothing more; records a failure. */
    private static final class SlowStream extends BaseSubscriber<Payload> {
        private final Queue<Throwable> failures;
        private final AtomicInteger received = new AtomicInteger();

        SlowStream(Queue<Throwable> failures) {
            this.failures = failures;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(Payload payload) {
            received.incrementAndGet();
            payload.release();
        }

        @Override
        protected void hookOnError(Throwable failure) {
            failures.add(failure);
        }
    }
}
