package io.eddy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.EddyClient;
import io.eddy.server.testing.ApiCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import kotlin.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kotlin coroutine wrapper (EddyCoroutines.kt) through KotlinSample, against a real 3-member cluster. */
class KotlinSampleTest {
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
    void putGetDeleteAndWatchFlowThroughSuspendFunctions() {
        GreetResult result = KotlinSample.greetBlocking(client, "kt/", 5);

        assertThat(result.getWritten()).hasSize(5).isSortedAccordingTo(Long::compare);
        assertThat(result.getWatched()).extracting(Pair::getFirst).as("each put's revision, watched in order")
                .isEqualTo(result.getWritten());
        assertThat(result.getWatched()).extracting(Pair::getSecond)
                .isEqualTo(IntStream.rangeClosed(1, 5).mapToObj(i -> List.of("kt/" + i + "=hello #" + i)).toList());
        assertThat(result.getStored()).isEqualTo(Map.of("kt/1", "hello #1", "kt/2", "hello #2", "kt/3", "hello #3",
                "kt/4", "hello #4", "kt/5", "hello #5"));
    }
}
