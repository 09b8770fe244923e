package io.eddy.loadtests.robustness.check;

import static io.eddy.loadtests.robustness.check.Histories.kv;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made key-value histories that break linearizability: every one must be rejected, by the named check. */
class RejectedHistoriesTest {
    static CheckReport check(Histories h) {
        return new HistoryChecker(1_000_000, Duration.ofSeconds(20)).check(h.history());
    }

    static void assertRejectedBy(Histories h, String check) {
        CheckReport report = check(h);
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VIOLATION);
        assertThat(report.violations()).as(report.summary()).anyMatch(v -> v.check().equals(check));
    }

    @Test
    void staleReadWithAnOldHeaderRevision() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .put("x", "b", 20, 30, 3)
                .get("x", 40, 50, 2, kv("x", "a", 2, 1));
        assertRejectedBy(h, "revisions");
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void staleReadWithACurrentHeaderRevisionIsFoundByTheSearch() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .put("x", "b", 20, 30, 3)
                .get("x", 40, 50, 3, kv("x", "a", 2, 1));
        CheckReport report = check(h);
        assertThat(report.violations()).as(report.summary()).extracting(Violation::check)
                .containsExactly("linearizability");
        assertThat(report.minimalFailing()).hasSize(3);
    }

    @Test
    void lostWrite() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .get("x", 20, 30, 2, null);
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void lostWriteSeenByARange() {
        Histories h = new Histories()
                .put("k/1", "a", 0, 10, 2)
                .put("k/2", "b", 0, 10, 3)
                .range("k/", "k0", 20, 30, 3, kv("k/2", "b", 3, 1));
        assertRejectedBy(h, "ranges");
    }

    @Test
    void duplicatedWrite() {
        // the put of "a" was applied again (a retry) after "b": a read sees it at a later revision
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .put("x", "b", 20, 30, 3)
                .get("x", 40, 50, 4, kv("x", "a", 4, 3));
        assertRejectedBy(h, "writes");
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void unknownWriteSeenAtTwoRevisions() {
        Histories h = new Histories()
                .putUnknown("x", "a", 0)
                .get("x", 10, 20, 2, kv("x", "a", 2, 1))
                .put("x", "b", 30, 40, 3)
                .get("x", 50, 60, 4, kv("x", "a", 4, 3));
        assertRejectedBy(h, "writes");
    }

    @Test
    void failedWriteThatWasApplied() {
        Histories h = new Histories()
                .putFailed("x", "a", 0, 10)
                .get("x", 20, 30, 2, kv("x", "a", 2, 1));
        assertRejectedBy(h, "writes");
    }

    @Test
    void valueNoWriteWrote() {
        Histories h = new Histories().get("x", 20, 30, 2, kv("x", "zzz", 2, 1));
        assertRejectedBy(h, "writes");
    }

    @Test
    void twoCasOnAnAbsentKeyBothSucceed() {
        Histories h = new Histories()
                .cas(List.of("x"), null, "a", 0, 10, 2, true, null)
                .cas(List.of("x"), null, "b", 0, 10, 3, true, null);
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void writeRevisionsAgainstRealTime() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 5)
                .put("y", "b", 20, 30, 4);
        assertRejectedBy(h, "revisions");
    }

    @Test
    void twoWritesWithOneRevision() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .put("y", "b", 0, 10, 2);
        assertRejectedBy(h, "writes");
    }

    @Test
    void versionThatSkipsAPut() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .get("x", 20, 30, 2, kv("x", "a", 2, 2));
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void deleteThatDeletedNothingWhileTheKeyExisted() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .delete("x", 20, 30, 2, 0);
        assertRejectedBy(h, "linearizability");
    }

    @Test
    void smallestFailingCutLeavesOutTheLaterOperations() {
        Histories h = new Histories()
                .put("x", "a", 0, 10, 2)
                .put("x", "b", 20, 30, 3)
                .get("x", 40, 50, 3, kv("x", "a", 2, 1));
        for (int i = 0; i < 20; i++) {
            h.put("x", "later" + i, 100 + 20 * i, 110 + 20 * i, 4 + i);
        }
        CheckReport report = check(h);
        assertThat(report.verdict()).isEqualTo(Verdict.VIOLATION);
        assertThat(report.minimalFailing()).extracting(op -> op.id()).containsExactly(0, 1, 2);
    }

    @Test
    void aMissingKeyIsNotExplainedByADeleteNoWatcherSawWhenTheWatchersSawEveryRevision() {
        // the range at revision 2 must show x: an UNKNOWN delete invoked after the put completed
        // would have had its own revision, delivered to the watcher, which saw every revision
        Histories h = new Histories()
                .put("x", "a", 10, 20, 2)
                .deleteUnknown("x", 30)
                .range("x", "y", 50, 60, 2)
                .watch("x", "y", 2, false, Histories.batch(2, 21, Histories.putEvent("x", "a", 2, 1, null)));
        CheckReport report = HistoryChecker.DEFAULT.check(h.history());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VIOLATION);
        assertThat(report.violations()).anyMatch(v -> v.check().equals("ranges") && v.message().contains("misses x"));

        Histories unwatched = new Histories()
                .put("x", "a", 10, 20, 2)
                .deleteUnknown("x", 30)
                .range("x", "y", 50, 60, 2);
        assertThat(HistoryChecker.DEFAULT.check(unwatched.history()).verdict())
                .as("without the watcher the delete may explain it").isEqualTo(Verdict.OK);
    }
}
