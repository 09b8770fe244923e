package io.eddy.loadtests.robustness.check;

import static io.eddy.loadtests.robustness.check.Histories.kv;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid histories, unknown outcomes either way included: every one must pass. */
class AcceptedHistoriesTest {
    static void assertAccepted(Histories h) {
        CheckReport report = new HistoryChecker(1_000_000, Duration.ofSeconds(20)).check(h.history());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.OK);
    }

    @Test
    void concurrentReadSeesTheOldOrTheNewValue() {
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .put("x", "b", 20, 40, 3)
                .get("x", 25, 35, 2, kv("x", "a", 2, 1))
                .get("x", 26, 45, 3, kv("x", "b", 3, 2)));
    }

    @Test
    void unknownPutThatTookEffect() {
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .putUnknown("x", "b", 20)
                .get("x", 100, 110, 3, kv("x", "b", 3, 2))
                .put("x", "c", 120, 130, 4));
    }

    @Test
    void unknownPutThatDidNotTakeEffect() {
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .putUnknown("x", "b", 20)
                .get("x", 100, 110, 2, kv("x", "a", 2, 1))
                .put("x", "c", 120, 130, 3)
                .get("x", 140, 150, 3, kv("x", "c", 3, 2)));
    }

    @Test
    void unknownPutThatTookEffectUnseenAndWasOverwritten() {
        // the version says it happened: c is the third put of x
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .putUnknown("x", "b", 20)
                .put("x", "c", 120, 130, 4)
                .get("x", 140, 150, 4, kv("x", "c", 4, 3)));
    }

    @Test
    void unknownCasEitherWay() {
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .casUnknown(List.of("x"), "a", "b", 20)
                .get("x", 30, 40, 3, kv("x", "b", 3, 2))
                .casUnknown(List.of("x"), "b", "c", 50)
                .get("x", 60, 70, 3, kv("x", "b", 3, 2)));
    }

    @Test
    void casOnSeveralKeysAndFailedCas() {
        assertAccepted(new Histories()
                .cas(List.of("x", "x/shadow"), null, "a", 0, 10, 2, true, null)
                .cas(List.of("x", "x/shadow"), null, "b", 20, 30, 2, false, kv("x", "a", 2, 1))
                .get("x/shadow", 40, 50, 2, kv("x/shadow", "a", 2, 1))
                .range("x", "y", 60, 70, 2, kv("x", "a", 2, 1), kv("x/shadow", "a", 2, 1)));
    }

    @Test
    void deletesAndAnUnknownDeleteSeenOnlyByAWatch() {
        assertAccepted(new Histories()
                .put("x", "a", 0, 10, 2)
                .delete("x", 20, 30, 3, 1)
                .delete("x", 40, 50, 3, 0)
                .put("x", "b", 60, 70, 4)
                .deleteUnknown("x", 80)
                .get("x", 200, 210, 5, null)
                .watch("x", "", 2, true,
                        Histories.batch(2, 11, Histories.putEvent("x", "a", 2, 1, null)),
                        Histories.batch(3, 31, Histories.deleteEvent("x", 3, kv("x", "a", 2, 1))),
                        Histories.batch(4, 71, Histories.putEvent("x", "b", 4, 1, null)),
                        Histories.batch(5, 150, Histories.deleteEvent("x", 5, kv("x", "b", 4, 1))),
                        Histories.progress(5, 220)));
    }

    @Test
    void searchGivesUpInsteadOfHanging() {
        // linearizable (the read of nothing first, then v1..v29, then v0), but the search tries
        // v0 first and would wade through the subsets of the other puts before backtracking
        Histories h = new Histories();
        for (int i = 0; i < 30; i++) {
            h.putUnknown("x", "v" + i, i);
        }
        h.get("x", 1000, 1005, 1, null);
        h.get("x", 2000, 2005, 100, kv("x", "v0", 100, 30));
        CheckReport report = new HistoryChecker(20_000, Duration.ofSeconds(5)).check(h.history());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.partitionsGaveUp()).isEqualTo(1);
    }

    @Test
    void unknownWritesNobodySawAreLeftOutWhenTheWatchersSawEveryRevision() {
        // as above, but a watcher delivered every revision (2): the puts nobody saw did not take
        // effect before anything observed, so the search does not try their subsets
        Histories h = new Histories();
        h.put("x", "a", 10, 20, 2);
        for (int i = 0; i < 30; i++) {
            h.putUnknown("x", "v" + i, 30 + i);
        }
        h.get("x", 1000, 1005, 2, kv("x", "a", 2, 1));
        h.watch("x", "", 2, false, Histories.batch(2, 21, Histories.putEvent("x", "a", 2, 1, null)));
        CheckReport report = new HistoryChecker(20_000, Duration.ofSeconds(5)).check(h.history());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.OK);
        assertThat(report.watchedThrough()).isEqualTo(2);
    }
}
