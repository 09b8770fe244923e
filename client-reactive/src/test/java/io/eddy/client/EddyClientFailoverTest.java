package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.api.ApiServer;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.BlockHoundExtension;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failover: the member of the first endpoint dies; the client carries on through the others. */
@ExtendWith(BlockHoundExtension.class)
class EddyClientFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private MiniCluster cluster;
    private final Map<String, ApiServer> servers = new LinkedHashMap<>();
    private final List<EddyClient> clients = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        cluster = MiniCluster.start(3, dir, s -> s);
        cluster.awaitLeader(WAIT);
        for (EddyNode node : cluster.runningNodes()) {
            servers.put(node.name(), ApiServer.start(node).block(WAIT));
        }
    }

    @AfterEach
    void stopCluster() {
        clients.forEach(EddyClient::close);
        servers.values().forEach(server -> server.close().block(WAIT));
        servers.clear();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void readsAndWritesFailOverWhenTheFirstEndpointsMemberDies() {
        EddyNode victim = cluster.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        List<String> endpoints = new ArrayList<>();
        endpoints.add(endpoint(victim.name()));
        servers.keySet().stream().filter(name -> !name.equals(victim.name())).map(this::endpoint)
                .forEach(endpoints::add);
        EddyClient connected = client(endpoints);
        EddyClient fresh = client(endpoints);

        long before = connected.kv().put(bs("fo/k"), bs("v1")).block(WAIT).header().revision();
        assertThat(connected.kv().get(bs("fo/k")).block(WAIT).kvs()).hasSize(1);

        servers.remove(victim.name()).close().block(WAIT);
        cluster.kill(victim.name());

        for (EddyClient client : List.of(connected, fresh)) {
            PutResult put = client.kv().put(bs("fo/k"), bs("v2"), PutOptions.DEFAULTS.withPrevKv(true)).block(WAIT);
            assertThat(put.header().revision()).isGreaterThan(before);
            GetResult get = client.kv().get(bs("fo/k")).block(WAIT);
            assertThat(get.kvs()).singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("v2")));
        }
    }

    private String endpoint(String name) {
        ApiServer server = servers.get(name);
        return server.address().getHostString() + ":" + server.address().getPort();
    }

    private EddyClient client(List<String> endpoints) {
        EddyClient client = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
        clients.add(client);
        return client;
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
