package io.eddy.loadtests.robustness.check;

import static io.eddy.loadtests.robustness.check.Histories.batch;
import static io.eddy.loadtests.robustness.check.Histories.deleteEvent;
import static io.eddy.loadtests.robustness.check.Histories.kv;
import static io.eddy.loadtests.robustness.check.Histories.progress;
import static io.eddy.loadtests.robustness.check.Histories.putEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made watch histories: the broken ones must be rejected by the watch check, the valid one accepted. */
class WatchCheckerTest {
    /** Writes: x=a at 2, y=b at 3, CAS writing x and y = c at 4, x deleted at 5 (all under prefix k/). */
    private static Histories writes() {
        return new Histories()
                .put("k/x", "a", 0, 10, 2)
                .put("k/y", "b", 20, 30, 3)
                .cas(List.of("k/x", "k/y"), "a", "c", 40, 50, 4, true, null)
                .delete("k/x", 60, 70, 5, 1);
    }

    private static CheckReport check(Histories h) {
        return new HistoryChecker(100_000, Duration.ofSeconds(10)).check(h.history());
    }

    private static void assertWatchViolation(Histories h, String containing) {
        CheckReport report = check(h);
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VIOLATION);
        assertThat(report.violations()).as(report.summary())
                .allMatch(v -> v.check().equals("watch"))
                .anyMatch(v -> v.message().contains(containing));
    }

    @Test
    void aCompleteWatchWithProgressAndPrevKvPasses() {
        CheckReport report = check(writes().watch("k/", "k0", 2, true,
                batch(2, 11, putEvent("k/x", "a", 2, 1, null)),
                progress(2, 12),
                batch(3, 31, putEvent("k/y", "b", 3, 1, null)),
                batch(4, 51, putEvent("k/x", "c", 4, 2, kv("k/x", "a", 2, 1)),
                        putEvent("k/y", "c", 4, 2, kv("k/y", "b", 3, 1))),
                batch(5, 71, deleteEvent("k/x", 5, kv("k/x", "c", 4, 2))),
                progress(5, 80))
                // resumed from 4: sees exactly the suffix
                .watch("k/", "k0", 4, false,
                        batch(4, 51, putEvent("k/x", "c", 4, 2, null), putEvent("k/y", "c", 4, 2, null)),
                        batch(5, 71, deleteEvent("k/x", 5, null)))
                // one key only: the CAS shows as its one event
                .watch("k/y", "", 3, false,
                        batch(3, 31, putEvent("k/y", "b", 3, 1, null)),
                        batch(4, 51, putEvent("k/y", "c", 4, 2, null)),
                        progress(5, 72)));
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.OK);
    }

    @Test
    void reorderedWatch() {
        assertWatchViolation(writes().watch("k/", "k0", 2, false,
                batch(3, 31, putEvent("k/y", "b", 3, 1, null)),
                batch(2, 32, putEvent("k/x", "a", 2, 1, null))), "not after the previous revision");
    }

    @Test
    void duplicatedEvent() {
        assertWatchViolation(writes().watch("k/", "k0", 2, false,
                batch(2, 11, putEvent("k/x", "a", 2, 1, null)),
                batch(2, 12, putEvent("k/x", "a", 2, 1, null))), "not after the previous revision");
    }

    @Test
    void watchGap() {
        assertWatchViolation(writes().watch("k/", "k0", 2, false,
                batch(2, 11, putEvent("k/x", "a", 2, 1, null)),
                batch(4, 51, putEvent("k/x", "c", 4, 2, null), putEvent("k/y", "c", 4, 2, null))), "gap, revision 3");
    }

    @Test
    void missingFirstRevision() {
        assertWatchViolation(writes().watch("k/", "k0", 2, false,
                batch(3, 31, putEvent("k/y", "b", 3, 1, null))), "gap, revision 2");
    }

    @Test
    void splitRevision() {
        assertWatchViolation(writes().watch("k/", "k0", 4, false,
                batch(4, 51, putEvent("k/x", "c", 4, 2, null)),
                batch(4, 52, putEvent("k/y", "c", 4, 2, null))), "not exactly the write's");
    }

    @Test
    void earlyProgress() {
        assertWatchViolation(writes().watch("k/", "k0", 2, false,
                batch(2, 11, putEvent("k/x", "a", 2, 1, null)),
                progress(3, 25),
                batch(3, 31, putEvent("k/y", "b", 3, 1, null))), "progress notification before revision 3");
    }

    @Test
    void revisionNeverDeliveredBeforeTheLastProgress() {
        assertWatchViolation(writes().watch("k/y", "", 3, false,
                batch(3, 31, putEvent("k/y", "b", 3, 1, null)),
                progress(5, 72)), "progress notification before revision 4");
    }

    @Test
    void wrongPrevKv() {
        assertWatchViolation(writes().watch("k/", "k0", 4, true,
                batch(4, 51, putEvent("k/x", "c", 4, 2, kv("k/x", "a", 2, 1)),
                        putEvent("k/y", "c", 4, 2, null))), "has no prevKv");
    }

    @Test
    void eventOfAnotherKeyRange() {
        assertWatchViolation(writes().watch("k/y", "", 2, false,
                batch(2, 11, putEvent("k/x", "a", 2, 1, null))), "no known write in the range");
    }
}
