package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** etcdctl's (Go's) duration syntax, both ways. */
class DurationsTest {
    @Test
    void parsesGoDurations() {
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[] {"5", "", "s", "5x", "-1s", "0s", "5 s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid duration");
        }
    }

    @Test
    void formatsAsGoPrints() {
        assertThat(Durations.format(Duration.ofNanos(1_667_515))).isEqualTo("1.667515ms");
        assertThat(Durations.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("1.5µs");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
