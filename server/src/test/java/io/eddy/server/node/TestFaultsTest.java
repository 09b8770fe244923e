package io.eddy.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test-fault switch is off unless the system property names a known fault. */
class TestFaultsTest {
    @AfterEach
    void clear() {
        System.clearProperty(TestFaults.PROPERTY);
    }

    @Test
    void offWhenUnset() {
        assertThat(TestFaults.fromSystemProperty("n1")).isEqualTo(TestFaults.NONE);
        assertThat(TestFaults.NONE.staleReads()).isFalse();
    }

    @Test
    void staleReadsWhenAsked() {
        System.setProperty(TestFaults.PROPERTY, " stale-reads ");
        assertThat(TestFaults.fromSystemProperty("n1").staleReads()).isTrue();
    }

    @Test
    void anUnknownFaultFailsTheStart() {
        System.setProperty(TestFaults.PROPERTY, "stale-reads,lose-writes");
        assertThatThrownBy(() -> TestFaults.fromSystemProperty("n1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lose-writes");
    }
}
