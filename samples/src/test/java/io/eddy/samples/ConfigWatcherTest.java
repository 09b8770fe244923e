package io.eddy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.GetOptions;
import io.eddy.client.TxnOp;
import io.eddy.samples.ConfigWatcher.Config;
import io.eddy.server.testing.ApiCluster;
import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link ConfigWatcher} against a real 3-member cluster: every snapshot is the store at its revision. */
class ConfigWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ApiCluster api;
    private static EddyClient client;

    @BeforeAll
    static void start() {
        api = ApiCluster.start(3, dir, s -> s);
        client = EddyClient.builder().endpoints(api.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everySnapshotEqualsTheStoreAtItsRevisionAfterABurstOfChanges() {
        put("cfg/a", "1");
        put("cfg/b", "2");
        put("cfh/outside", "x");
        List<Config> seen = new CopyOnWriteArrayList<>();
        Disposable watcher = ConfigWatcher.watch(client, "cfg/").subscribe(seen::add);
        try {
            MiniCluster.awaitTrue(WAIT, "the first snapshot", () -> !seen.isEmpty());
            assertThat(seen.get(0).entries()).isEqualTo(Map.of("a", "1", "b", "2"));

            // The burst: concurrent puts, deletes, multi-key txns, and writes outside the prefix.
            long last = Flux.range(0, 120)
                    .flatMap(ConfigWatcherTest::write, 8)
                    .reduce(Math::max)
                    .block(WAIT);
            MiniCluster.awaitTrue(WAIT, "a snapshot at or after revision " + last,
                    () -> seen.get(seen.size() - 1).revision() >= last);
        } finally {
            watcher.dispose();
        }

        List<Config> configs = List.copyOf(seen);
        assertThat(configs).extracting(Config::revision).as("one snapshot per revision, ascending")
                .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(configs.size()).as("snapshots").isGreaterThan(20);
        for (Config config : configs) {
            assertThat(config.entries()).as("snapshot at revision %d", config.revision())
                    .isEqualTo(storeAt(config.revision()));
            // A txn writes t1..t3 together: a snapshot never shows part of it.
            assertThat(config.entries().keySet().stream().filter(k -> k.startsWith("t"))
                    .map(k -> config.entries().get(k)).distinct().count()).as("txn keys agree").isLessThanOrEqualTo(1);
        }
        Config lastConfig = configs.get(configs.size() - 1);
        assertThat(lastConfig.changesSince(configs.get(0))).isNotEmpty();
    }

    /**
     * Write number {@code i} of the burst; emits its revision when it changed a key under cfg/
     * (a write outside it, or a delete of a missing key, makes no revision under the prefix).
     */
    private static Mono<Long> write(int i) {
        String value = "v" + i;
        return switch (i % 5) {
            case 0, 1 -> client.kv().put(bs("cfg/k" + (i % 7)), bs(value)).map(r -> r.header().revision());
            case 2 -> client.kv().delete(bs("cfg/k" + (i % 7)))
                    .filter(r -> r.deleted() > 0).map(r -> r.header().revision());
            case 3 -> client.kv().txn()
                    .then(TxnOp.put(bs("cfg/t1"), bs(value)), TxnOp.put(bs("cfg/t2"), bs(value)),
                            TxnOp.put(bs("cfg/t3"), bs(value)))
                    .commit().map(r -> r.header().revision());
            default -> client.kv().put(bs("cfh/k" + i), bs(value)).then(Mono.empty());
        };
    }

    private static Map<String, String> storeAt(long revision) {
        return client.kv().get(bs("cfg/"), GetOptions.prefix(bs("cfg/")).withRevision(revision)).block(WAIT).kvs()
                .stream()
                .collect(Collectors.toMap(kv -> kv.key().toUtf8().substring(4), kv -> kv.value().toUtf8(),
                        (a, b) -> a, TreeMap::new));
    }

    private static void put(String key, String value) {
        client.kv().put(bs(key), bs(value)).block(WAIT);
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
