package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover: the member of the first endpoint dies; the client carries on through the others. */
class EddyClientFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ApiCluster api;
    private final List<EddyClient> clients = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
    }

    @AfterEach
    void stopCluster() {
        clients.forEach(EddyClient::close);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void readsAndWritesFailOverWhenTheFirstEndpointsMemberDies() {
        EddyNode victim = api.cluster().runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        List<String> endpoints = api.endpointsStartingWith(victim.name());
        EddyClient connected = client(endpoints);
        EddyClient fresh = client(endpoints);

        long before = connected.kv().put(bs("fo/k"), bs("v1")).block(WAIT).header().revision();
        assertThat(connected.kv().get(bs("fo/k")).block(WAIT).kvs()).hasSize(1);

        api.kill(victim.name());

        for (EddyClient client : List.of(connected, fresh)) {
            PutResult put = client.kv().put(bs("fo/k"), bs("v2"), PutOptions.DEFAULTS.withPrevKv(true)).block(WAIT);
            assertThat(put.header().revision()).isGreaterThan(before);
            GetResult get = client.kv().get(bs("fo/k")).block(WAIT);
            assertThat(get.kvs()).singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bs("v2")));
        }
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
