package io.eddy.client;

import static io.eddy.client.EddyClientTest.bs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.server.api.ApiServer;
import io.eddy.server.config.EddySettings;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.BlockHoundExtension;
import io.eddy.server.testing.MiniCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The KV client over RSocket/WebSocket ({@code ws://} endpoints) to a real member serving both transports. */
@ExtendWith(BlockHoundExtension.class)
class EddyClientWebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static MiniCluster cluster;
    private static ApiServer server;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.start(1, dir, s -> s.with(EddySettings.LISTEN_CLIENT_WEBSOCKET, "127.0.0.1:0"));
        EddyNode node = cluster.awaitLeader(WAIT);
        server = ApiServer.start(node).block(WAIT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close().block(WAIT);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kvCallsWorkOverWebSocket() {
        InetSocketAddress ws = server.websocketAddress().orElseThrow();
        try (EddyClient client = EddyClient.builder().endpoints("ws://127.0.0.1:" + ws.getPort() + "/rsocket").build()) {
            PutResult put = client.kv().put(bs("ws/k"), bs("v1")).block(WAIT);
            assertThat(put.header().revision()).isPositive();
            GetResult got = client.kv().get(bs("ws/k")).block(WAIT);
            assertThat(got.kvs()).singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("v1")));
            TxnResult txn = client.kv().txn()
                    .when(Cmp.value(bs("ws/k"), Cmp.Op.EQUAL, bs("v1")))
                    .then(TxnOp.put(bs("ws/k"), bs("v2"), PutOptions.DEFAULTS))
                    .otherwise()
                    .commit().block(WAIT);
            assertThat(txn.succeeded()).isTrue();
            assertThat(client.kv().delete(bs("ws/k")).block(WAIT).deleted()).isEqualTo(1);
        }
    }

    /** Both transports serve the same member: a write over TCP is read over WebSocket. */
    @Test
    void tcpAndWebSocketSeeTheSameData() {
        InetSocketAddress tcp = server.address();
        InetSocketAddress ws = server.websocketAddress().orElseThrow();
        try (EddyClient overTcp = EddyClient.builder().endpoints("127.0.0.1:" + tcp.getPort()).build();
             EddyClient overWs = EddyClient.builder().endpoints("ws://127.0.0.1:" + ws.getPort()).build()) {
            overTcp.kv().put(bs("both/k"), bs("from-tcp")).block(WAIT);
            assertThat(overWs.kv().get(bs("both/k")).block(WAIT).kvs())
                    .singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("from-tcp")));
        }
    }

    @Test
    void malformedWebSocketEndpointsAreRefused() {
        EddyClient.Builder builder = EddyClient.builder();
        assertThatThrownBy(() -> builder.endpoints("ws://127.0.0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://host:port");
        assertThatThrownBy(() -> builder.endpoints("ws://127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port out of range");
        assertThatThrownBy(() -> builder.endpoints("wss://127.0.0.1:7381")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> builder.endpoints("ws://127.0.0.1:7381/?q=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
