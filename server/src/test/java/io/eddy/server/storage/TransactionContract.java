package io.eddy.server.storage;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.B;
import static io.eddy.server.storage.StorageTesting.C;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static io.eddy.server.storage.StorageTesting.dump;
import static io.eddy.server.storage.StorageTesting.entries;
import static io.eddy.server.storage.StorageTesting.keys;
import static io.eddy.server.storage.StorageTesting.keysBackward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads, writes, transaction visibility and engine lifecycle. */
public interface TransactionContract extends EngineFixture {

    @Test
    default void getPutOverwriteDelete() {
        Engine engine = open();
        commit(engine, txn -> {
            assertThat(txn.get(A, b(1))).isNull();
            txn.put(A, b(1), b(10));
            txn.put(A, b(2), b(20));
            txn.put(A, b(3), new byte[0]);
            txn.put(A, b(1), b(11)); // overwrite
        });
        try (WriteTxn txn = engine.beginWrite()) {
            assertThat(txn.get(A, b(1))).isEqualTo(b(11));
            assertThat(txn.get(A, b(3))).isEmpty();
            assertThat(txn.delete(A, b(2))).isTrue();
            assertThat(txn.delete(A, b(2))).isFalse();
            assertThat(txn.delete(A, b(9))).isFalse();
            txn.put(A, b(4), b(40));
            assertThat(txn.delete(A, b(4))).isTrue(); // own uncommitted write
            txn.commit();
        }
        try (ReadTxn txn = engine.beginRead()) {
            assertThat(entries(txn, A)).containsExactly("01=0b", "03=");
            assertThat(txn.get(A, b(2))).isNull();
            assertThat(txn.get(A, b(4))).isNull();
        }
    }

    @Test
    default void aWriteTransactionSeesItsOwnWrites() {
        Engine engine = open();
        commit(engine, txn -> {
            for (int k : new int[] {1, 3, 5, 7}) {
                txn.put(A, b(k), b(k));
            }
        });
        try (WriteTxn txn = engine.beginWrite()) {
            txn.put(A, b(2), b(2));
            txn.put(A, b(1), b(0x11));
            assertThat(txn.delete(A, b(5))).isTrue();
            assertThat(txn.get(A, b(1))).isEqualTo(b(0x11));
            assertThat(txn.get(A, b(2))).isEqualTo(b(2));
            assertThat(txn.get(A, b(5))).isNull();
            assertThat(entries(txn, A)).containsExactly("01=11", "02=02", "03=03", "07=07");
            assertThat(keysBackward(txn, A)).containsExactly("07", "03", "02", "01");
            try (Cursor cursor = txn.cursor(A)) {
                assertThat(cursor.seek(b(4))).isTrue();
                assertThat(cursor.key()).isEqualTo(b(7));
            }
        }
    }

    @Test
    default void aCursorFollowsWritesMadeBetweenItsMoves() {
        Engine engine = open();
        commit(engine, txn -> {
            for (int k : new int[] {1, 3, 5, 7}) {
                txn.put(A, b(k), b(k));
            }
        });
        try (WriteTxn txn = engine.beginWrite(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.first()).isTrue();       // on 1, before any write to the table
            txn.put(A, b(2), b(2));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(2));  // sees the insert
            txn.delete(A, b(3));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(5));  // skips the deletion
            txn.put(A, b(4), b(4));
            assertThat(cursor.prev()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(4));
            txn.delete(A, b(4));                       // delete the current entry
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(5));
            txn.delete(A, b(5));
            assertThat(cursor.prev()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(2));
            txn.put(A, b(2), b(0x22));                 // overwrite the current entry
            txn.put(A, b(0), b(0));
            assertThat(cursor.prev()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(1));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.value()).isEqualTo(b(0x22));
            txn.delete(A, b(7));
            assertThat(cursor.next()).isFalse();       // 2 was the last one left
            assertThat(cursor.last()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(2));
            txn.put(A, b(9), b(9));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(9));
            assertThat(cursor.first()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0));
        }
        assertThat(dump(engine).get(A.name())).containsExactly("01=01", "03=03", "05=05", "07=07");
    }

    @Test
    default void uncommittedWritesAreInvisibleAndDiscardedOnClose() {
        Engine engine = open();
        commit(engine, txn -> txn.put(A, b(1), b(1)));
        try (WriteTxn txn = engine.beginWrite()) {
            txn.put(A, b(1), b(2));
            txn.put(A, b(2), b(2));
            txn.put(B, b(2), b(2));
            try (ReadTxn reader = engine.beginRead()) {
                assertThat(reader.get(A, b(1))).isEqualTo(b(1));
                assertThat(entries(reader, A)).containsExactly("01=01");
                assertThat(keys(reader, B)).isEmpty();
            }
        } // closed without commit
        assertThat(dump(engine)).isEqualTo(Map.of(A.name(), List.of("01=01"), B.name(), List.of(), C.name(), List.of()));
        commit(engine, txn -> txn.put(C, b(3), b(3))); // the write permit was released
        assertThat(dump(engine).get(C.name())).containsExactly("03=03");
    }

    @Test
    default void aReaderKeepsItsSnapshotAcrossLaterCommits() {
        Engine engine = open();
        commit(engine, txn -> {
            txn.put(A, b(1), b(1));
            txn.put(A, b(2), b(2));
            txn.put(B, b(1), b(1));
        });
        try (ReadTxn reader = engine.beginRead()) {
            for (int round = 0; round < 5; round++) {
                int r = round;
                commit(engine, txn -> {
                    txn.put(A, b(1), b(0x10 + r));
                    txn.delete(A, b(2));
                    txn.put(A, b(3 + r), b(3));
                    txn.delete(B, b(1));
                });
            }
            assertThat(reader.get(A, b(1))).isEqualTo(b(1));
            assertThat(reader.get(A, b(2))).isEqualTo(b(2));
            assertThat(entries(reader, A)).containsExactly("01=01", "02=02");
            assertThat(keysBackward(reader, A)).containsExactly("02", "01");
            assertThat(entries(reader, B)).containsExactly("01=01");
        }
        try (ReadTxn reader = engine.beginRead()) {
            assertThat(entries(reader, A)).containsExactly("01=14", "03=03", "04=03", "05=03", "06=03", "07=03");
            assertThat(keys(reader, B)).isEmpty();
        }
    }

    @Test
    default void aFinishedWriteTransactionRefusesUse() {
        Engine engine = open();
        WriteTxn txn = engine.beginWrite();
        txn.put(A, b(1), b(1));
        txn.commit();
        assertThatThrownBy(() -> txn.put(A, b(2), b(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> txn.get(A, b(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(txn::commit).isInstanceOf(IllegalStateException.class);
        txn.close(); // allowed, does nothing
        ReadTxn reader = engine.beginRead();
        reader.close();
        reader.close();
        assertThatThrownBy(() -> reader.get(A, b(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void tablesAreIndependent() {
        Engine engine = open();
        assertThat(engine.tables()).containsExactly(A, B, C);
        commit(engine, txn -> {
            txn.put(A, b(1), b(0xA));
            txn.put(B, b(1), b(0xB));
            txn.put(B, b(2), b(0xB));
        });
        commit(engine, txn -> assertThat(txn.delete(A, b(1))).isTrue());
        try (ReadTxn txn = engine.beginRead()) {
            assertThat(txn.get(A, b(1))).isNull();
            assertThat(entries(txn, B)).containsExactly("01=0b", "02=0b");
            assertThat(keys(txn, C)).isEmpty();
            Table unknown = new Table("unknown");
            assertThatThrownBy(() -> txn.get(unknown, b(1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> txn.cursor(unknown)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void closeIsRefusedWhileATransactionIsOpenAndThenFinal() {
        Engine engine = open();
        ReadTxn reader = engine.beginRead();
        assertThatThrownBy(engine::close).isInstanceOf(StorageException.class).hasMessageContaining("open");
        reader.close();
        WriteTxn writer = engine.beginWrite();
        assertThatThrownBy(engine::close).isInstanceOf(StorageException.class);
        writer.close();
        engine.close();
        engine.close(); // idempotent
        assertThatThrownBy(engine::beginRead).isInstanceOf(StorageException.class);
        assertThatThrownBy(engine::beginWrite).isInstanceOf(StorageException.class);
    }

    @Test
    default void committedDataSurvivesCloseAndReopen() {
        assumeTrue(supportsReopen(), "the engine does not persist");
        Engine engine = open();
        commit(engine, txn -> {
            txn.put(A, b(1), b(1));
            txn.put(B, b(0xFF, 0xFF), new byte[0]);
            txn.put(C, b(0x80), b(0x80));
        });
        commit(engine, txn -> txn.delete(C, b(0x80)));
        try (WriteTxn txn = engine.beginWrite()) {
            txn.put(A, b(2), b(2)); // never committed
        }
        Map<String, List<String>> before = dump(engine);
        engine.close();
        Engine again = reopen(engine);
        assertThat(dump(again)).isEqualTo(before);
        assertThat(before.get(A.name())).containsExactly("01=01");
        commit(again, txn -> txn.put(A, b(3), b(3)));
        again.close();
        assertThat(dump(reopen(again)).get(A.name())).containsExactly("01=01", "03=03");
    }
}
