package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.MiniCluster;
import io.eddy.server.watch.WatchStats;
import io.rsocket.frame.FrameType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches on a connection whose reader stopped reading: the client granted unbounded demand,
 * yet the member stops handing elements to the connection once its socket backs up (the
 * watchers keep only their next revision), instead of queueing every event in front of the
 * socket; when the reader reads again, every watch receives every event, in order.
 */
class WatchOutboundTest {
    private static final int WATCHES = 8;
    private static final int PUTS = 300;
    private static final int VALUE_BYTES = 32 * 1024;

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
    void aConnectionThatStopsReadingHoldsBackElementsNotTheMembersMemory() throws Exception {
        EddyNode node = api.cluster.runningNodes().get(0);
        byte[] request = WatchCreateRequest.newBuilder().setKey(ByteString.copyFromUtf8("o/"))
                .setRangeEnd(ByteString.copyFromUtf8("o0")).build().toByteArray();
        try (RawConnection raw = RawConnection.open(api.server.address(), 4096)) {
            for (int w = 0; w < WATCHES; w++) {
                raw.requestStream(1 + 2 * w, Routes.WATCH, request, Integer.MAX_VALUE);
            }
            MiniCluster.awaitTrue(OneMemberApi.WAIT, "all watches registered",
                    () -> stats(node).synced() + stats(node).unsynced() == WATCHES);
            ByteString value = ByteString.copyFrom(new byte[VALUE_BYTES]);
            long first = 0;
            long last = 0;
            for (int i = 0; i < PUTS; i++) {
                PutResponse put = api.shared.call(Routes.KV_PUT, PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8("o/" + (i % 10))).setValue(value).build(),
                        PutResponse.parser()).block(OneMemberApi.WAIT);
                last = put.getHeader().getRevision();
                first = first == 0 ? last : first;
            }
            long through = last;
            MiniCluster.awaitTrue(OneMemberApi.WAIT, "the hub processed every put",
                    () -> stats(node).processed() >= through);
            // Due: WATCHES × PUTS events of 32 KiB (75 MiB). Sent: what the socket buffers and
            // the outbound limit (256 KiB) let through, plus an element per watcher; the rest
            // waits in the log. Elements carry one or more whole revisions of 32 KiB each.
            long sent = stats(node).elementsSent();
            assertThat(sent).as("elements handed to a connection that reads nothing")
                    .isLessThan((long) WATCHES * PUTS / 4);
            assertThat(stats(node).unsynced()).as("watchers waiting on the full connection hold only a cursor")
                    .isPositive();

            Map<Integer, Long> lastSeen = new HashMap<>();
            Map<Integer, Integer> events = new HashMap<>();
            while (events.size() < WATCHES || events.values().stream().anyMatch(n -> n < PUTS)) {
                RawConnection.Data frame = raw.nextData();
                assertThat(frame.type()).as("frame on stream %d", frame.streamId())
                        .isIn(FrameType.NEXT, FrameType.PAYLOAD);
                WatchResponse element = WatchResponse.parseFrom(frame.data());
                for (var event : element.getEventsList()) {
                    long revision = event.getKv().getModRevision();
                    Long previous = lastSeen.put(frame.streamId(), revision);
                    assertThat(revision).as("stream %d in order, no repeat", frame.streamId())
                            .isEqualTo(previous == null ? first : previous + 1);
                    events.merge(frame.streamId(), 1, Integer::sum);
                }
            }
            assertThat(lastSeen.values()).allMatch(revision -> revision == through);
        }
    }

    private static WatchStats stats(EddyNode node) {
        return node.watchHub().stats().join();
    }
}
