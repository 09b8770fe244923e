package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.Table;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase compaction: phase one hides history at once; phase two removes it in bounded
 * steps that resume after the store is closed mid-pass, and never changes what reads see;
 * the watch hub's retained reads see history below the compact revision until a pass to it
 * starts, which a caller can hold back.
 */
class CompactionTest {
    @TempDir
    Path dir;

    @Test
    void physicalPhaseResumesAfterReopenAndKeepsObservableState() {
        long compactAt;
        RangeResponse atCompact;
        RangeResponse current;
        KvHash hashBefore;
        try (XodusEngine engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS)) {
            StoreDriver driver = new StoreDriver(MvccStore.open(engine, Limits.DEFAULTS));
            for (int round = 0; round < 5; round++) {
                for (int k = 0; k < 200; k++) {
                    driver.put("key/" + k, "v" + round);
                }
            }
            driver.delete(DeleteRangeRequest.newBuilder().setKey(bytes("key/1")).setRangeEnd(bytes("key/2")).build());
            compactAt = driver.store().revision();
            for (int k = 0; k < 50; k++) {
                driver.put("key/" + k, "after");
            }
            atCompact = driver.all(compactAt);
            current = driver.all(0);
            assertThat(driver.compact(compactAt).hasError()).isFalse();
            hashBefore = driver.store().hash(0); // after phase one: phase two must not change it
            assertThat(driver.store().compactionPending()).isTrue();
            assertThat(driver.store().compactStep(100)).as("work remains after one small step").isTrue();
            assertThat(driver.store().compactStep(100)).isTrue();
        } // closed in the middle of the pass

        try (XodusEngine engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS)) {
            StoreDriver driver = new StoreDriver(MvccStore.open(engine, Limits.DEFAULTS));
            assertThat(driver.store().compactionPending()).isTrue();
            int steps = 0;
            while (driver.store().compactStep(100)) {
                steps++;
                assertThat(steps).as("compaction should finish in bounded steps").isLessThan(1000);
                assertThat(driver.all(compactAt)).isEqualTo(atCompact);
            }
            assertThat(driver.store().compactionPending()).isFalse();
            assertThat(driver.all(compactAt)).isEqualTo(atCompact);
            assertThat(driver.all(0)).isEqualTo(current);
            assertThat(driver.store().hash(0)).isEqualTo(hashBefore);

            // What remains: per key, versions above compactAt and the live version at compactAt.
            long live = atCompact.getKvsCount();
            assertThat(revisionsIn(engine, Schema.KV, true)).hasSize((int) (live + 50));
            assertThat(revisionsIn(engine, Schema.CHANGES, false)).allMatch(r -> r >= compactAt);
        }
    }

    @Test
    void aCompactionRequestedDuringAPassRunsAfterIt() {
        try (XodusEngine engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS)) {
            StoreDriver driver = new StoreDriver(MvccStore.open(engine, Limits.DEFAULTS));
            for (int round = 0; round < 4; round++) {
                for (int k = 0; k < 100; k++) {
                    driver.put("k" + k, "v" + round);
                }
            }
            driver.compact(150);
            assertThat(driver.store().compactStep(10)).isTrue();
            long second = driver.store().revision();
            driver.compact(second);
            while (driver.store().compactStep(50)) {
                assertThat(driver.store().compactRevision()).isEqualTo(second);
            }
            assertThat(revisionsIn(engine, Schema.KV, true)).hasSize(100);
            assertThat(revisionsIn(engine, Schema.CHANGES, false)).containsOnly(second);
        }
    }

    @Test
    void retainedReadsServeHistoryBelowTheCompactRevisionUntilAPassToItStarts() {
        try (XodusEngine engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS)) {
            StoreDriver driver = new StoreDriver(MvccStore.open(engine, Limits.DEFAULTS));
            MvccStore store = driver.store();
            for (int i = 0; i < 10; i++) {
                driver.put("k", "v" + i); // revisions 2..11
            }
            long compactAt = 8;
            driver.compact(compactAt);
            assertThatThrownBy(() -> store.changes(3, 100, true)).isInstanceOf(EddyException.class)
                    .hasMessageContaining("compacted");
            assertThat(store.retainedRevision()).isZero();
            ChangePage retained = store.retainedChanges(3, 100, key -> true);
            assertThat(retained.changes()).extracting(Change::revision).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L,
                    10L, 11L);
            assertThat(retained.changes().get(0).events().get(0).getPrevKv().getValue().toStringUtf8())
                    .as("previous versions above the retained revision are still there").isEqualTo("v0");

            // Held: a pass to 8 needs a limit of at least 8; nothing is removed.
            assertThat(store.compactStep(100, compactAt - 1)).isEqualTo(CompactStep.HELD);
            assertThat(store.retainedRevision()).isZero();
            assertThat(store.retainedChanges(3, 100, key -> false)).isEqualTo(store.retainedChanges(3, 100,
                    key -> false));
            assertThat(revisionsIn(engine, Schema.CHANGES, false)).hasSize(10);

            // A read transaction begun before the pass keeps its floor and its history: a removal
            // committed after it began is not in its snapshot.
            try (ReadTxn before = engine.beginRead()) {
                assertThat(store.compactStep(100, compactAt)).isEqualTo(CompactStep.MORE);
                assertThat(Compactor.retainedFrom(before)).isZero();
                assertThat(ChangeLogReader.read(before, 3, 100, key -> true, 0).changes()).hasSize(9);
            }
            assertThat(store.retainedRevision()).as("the pass has started").isEqualTo(compactAt);
            assertThatThrownBy(() -> store.retainedChanges(3, 100, key -> true))
                    .isInstanceOfSatisfying(EddyException.class,
                            e -> assertThat(e.error().getCompactRevision()).isEqualTo(compactAt));
            assertThat(store.retainedChanges(compactAt, 100, key -> true).changes()).extracting(Change::revision)
                    .containsExactly(8L, 9L, 10L, 11L);

            // A pass under way continues whatever the limit; the next one waits for it.
            long second = store.revision();
            driver.compact(second);
            CompactStep step;
            int steps = 0;
            do {
                step = store.compactStep(1, 0);
                assertThat(++steps).as("the pass to 8 finishes in bounded steps").isLessThan(100);
            } while (step == CompactStep.MORE);
            assertThat(step).isEqualTo(CompactStep.HELD);
            assertThat(store.retainedRevision()).isEqualTo(compactAt);
            assertThat(revisionsIn(engine, Schema.CHANGES, false)).allMatch(r -> r >= compactAt).hasSize(4);
            while (store.compactStep(100)) {
                assertThat(++steps).isLessThan(200);
            }
            assertThat(store.retainedRevision()).isEqualTo(second);
            assertThat(store.compactStep(100, 0)).isEqualTo(CompactStep.FINISHED);
        }
    }

    private static List<Long> revisionsIn(XodusEngine engine, Table table, boolean versionKeys) {
        List<Long> revisions = new ArrayList<>();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(table)) {
            for (boolean ok = cursor.first(); ok; ok = cursor.next()) {
                byte[] key = cursor.key();
                revisions.add(versionKeys ? KeyCodec.revisionOf(key) : KeyCodec.changeRevision(key));
            }
        }
        return revisions;
    }
}
