package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.RangeResponse;
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
 * steps that resume after the store is closed mid-pass, and never changes what reads see.
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
