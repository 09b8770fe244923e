package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.server.mvcc.RangePage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;

/**
 * {@link RangeChunks} against pages whose reads the test completes by hand, so that cancelling
 * while a read is in flight (a race on a real member) happens at a chosen point.
 */
class RangeChunksTest {
    private static final RangeRequest RANGE = RangeRequest.newBuilder()
            .setKey(ByteString.copyFromUtf8("a")).setRangeEnd(ByteString.copyFromUtf8("z")).build();

    /** Page reads started by the stream, in order; each completes when the test says so. */
    private final List<CompletableFuture<RangePage>> reads = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> pinned = new CompletableFuture<>();
    private final RangeChunks.Pages pages = new RangeChunks.Pages() {
        @Override
        public CompletableFuture<Long> pin(RangeRequest request) {
            return pinned;
        }

        @Override
        public CompletableFuture<RangePage> page(RangeRequest request, ByteString from, long revision, int maxKeys) {
            CompletableFuture<RangePage> read = new CompletableFuture<>();
            reads.add(read);
            return read;
        }

        @Override
        public ResponseHeader header(long revision, boolean serializable) {
            return ResponseHeader.newBuilder().setRevision(revision).build();
        }
    };
    private final List<RangeResponse> received = new ArrayList<>();
    private final Recorder subscriber = new Recorder();

    @Test
    void readsOnePageAtATimeAndOnlyOnDemand() {
        RangeChunks.of(pages, RANGE).subscribe(subscriber);
        assertThat(reads).as("reads before any demand").isEmpty();

        subscriber.request(5);
        pinned.complete(7L);
        assertThat(reads).as("reads in flight at once").hasSize(1);
        reads.get(0).complete(page("b", "c"));
        assertThat(reads).hasSize(2);
        reads.get(1).complete(page("c", ""));

        assertThat(received).extracting(RangeResponse::getMore).containsExactly(true, false);
        assertThat(received).allSatisfy(chunk -> assertThat(chunk.getHeader().getRevision()).isEqualTo(7));
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    void cancellingWithAReadInFlightDropsThatPageAndReadsNoMore() {
        RangeChunks.of(pages, RANGE).subscribe(subscriber);
        subscriber.request(10);
        pinned.complete(7L);
        reads.get(0).complete(page("b", "c"));
        assertThat(reads).as("second read started on outstanding demand").hasSize(2);

        subscriber.cancel();
        reads.get(1).complete(page("c", "d"));

        assertThat(reads).as("reads after the cancel, with demand for eight more chunks").hasSize(2);
        assertThat(received).as("chunks delivered").hasSize(1);
    }

    @Test
    void cancellingBeforeThePinCompletesReadsNothing() {
        RangeChunks.of(pages, RANGE).subscribe(subscriber);
        subscriber.request(10);
        subscriber.cancel();
        pinned.complete(7L);

        assertThat(reads).isEmpty();
        assertThat(received).isEmpty();
    }

    /** A page with key {@code key} that continues at {@code next} ({@code ""}: the range is exhausted). */
    private static RangePage page(String key, String next) {
        KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8(key)).build();
        return new RangePage(List.of(kv), ByteString.copyFromUtf8(next));
    }

    private final class Recorder extends BaseSubscriber<RangeResponse> {
        volatile boolean completed;

        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            // Demand comes from the test.
        }

        @Override
        protected void hookOnNext(RangeResponse chunk) {
            received.add(chunk);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }
    }
}
