package io.eddy.server.storage;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static io.eddy.server.storage.StorageTesting.hex;
import static io.eddy.server.storage.StorageTesting.keys;
import static io.eddy.server.storage.StorageTesting.keysBackward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Key order and the {@link Cursor} contract. */
public interface CursorContract extends EngineFixture {

    /** Sorted as unsigned bytes, a prefix before the keys that extend it. */
    List<byte[]> ORDERED = List.of(
            b(0x00), b(0x00, 0x00), b(0x00, 0x01), b(0x01), b(0x61), b(0x61, 0x00), b(0x61, 0x62),
            b(0x7F), b(0x7F, 0x00), b(0x7F, 0xFF), b(0x80), b(0x80, 0x00), b(0xFE),
            b(0xFF), b(0xFF, 0x00), b(0xFF, 0xFF), b(0xFF, 0xFF, 0xFF));

    private Engine withOrderedKeys() {
        Engine engine = open();
        List<byte[]> shuffled = new ArrayList<>(ORDERED);
        Collections.shuffle(shuffled, new Random(7));
        commit(engine, txn -> shuffled.forEach(key -> txn.put(A, key, key)));
        return engine;
    }

    private static List<String> hexes(List<byte[]> keys) {
        return keys.stream().map(StorageTesting::hex).toList();
    }

    @Test
    default void keysSortAsUnsignedBytesBothWays() {
        Engine engine = withOrderedKeys();
        try (ReadTxn txn = engine.beginRead()) {
            List<String> expected = new ArrayList<>(hexes(ORDERED));
            assertThat(keys(txn, A)).containsExactlyElementsOf(expected);
            Collections.reverse(expected);
            assertThat(keysBackward(txn, A)).containsExactlyElementsOf(expected);
            for (byte[] key : ORDERED) {
                assertThat(txn.get(A, key)).isEqualTo(key);
            }
        }
    }

    /**
     * A prefix-free table (Xodus: a Patricia tree) keeps the same contract for keys that
     * share long prefixes but never prefix each other: terminated variable-length keys and
     * fixed-length suffixes, as the MVCC layout writes them.
     */
    @Test
    default void prefixFreeTablesKeepTheOrderBothWays() {
        Table table = new Table("prefix-free", true);
        Engine engine = open(List.of(table));
        Random random = new Random(11);
        java.util.TreeSet<String> expected = new java.util.TreeSet<>();
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] key = new byte[1 + random.nextInt(4) + 2 + 8];
            for (int j = 0; j < key.length - 10; j++) {
                key[j] = (byte) (random.nextBoolean() ? 0x61 : random.nextInt(256) | 0x01); // never 00
            }
            key[key.length - 10] = 0x00; // terminator: no key can extend another's body
            key[key.length - 9] = 0x01;
            for (int j = key.length - 8; j < key.length; j++) {
                key[j] = (byte) (random.nextBoolean() ? 0xFF : random.nextInt(256));
            }
            if (expected.add(hex(key))) {
                written.add(key);
            }
        }
        commit(engine, txn -> written.forEach(key -> txn.put(table, key, key)));
        try (ReadTxn txn = engine.beginRead()) {
            List<String> forward = new ArrayList<>(expected);
            assertThat(keys(txn, table)).containsExactlyElementsOf(forward);
            Collections.reverse(forward);
            assertThat(keysBackward(txn, table)).containsExactlyElementsOf(forward);
            try (Cursor cursor = txn.cursor(table)) {
                for (byte[] key : written.subList(0, 200)) {
                    assertThat(cursor.seek(key)).isTrue();
                    assertThat(cursor.key()).isEqualTo(key);
                    String before = expected.lower(hex(key));
                    if (before == null) {
                        assertThat(cursor.prev()).isFalse();
                    } else {
                        assertThat(cursor.prev()).isTrue();
                        assertThat(hex(cursor.key())).isEqualTo(before);
                    }
                }
            }
        }
    }

    @Test
    default void seekFindsTheFirstKeyAtOrAfter() {
        Engine engine = withOrderedKeys();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.seek(b(0x7F))).isTrue();               // exact
            assertThat(cursor.key()).isEqualTo(b(0x7F));
            assertThat(cursor.seek(b(0x7F, 0x00, 0x00))).isTrue();  // between: after a prefix
            assertThat(cursor.key()).isEqualTo(b(0x7F, 0xFF));
            assertThat(cursor.seek(b(0x02))).isTrue();               // between
            assertThat(cursor.key()).isEqualTo(b(0x61));
            assertThat(cursor.seek(b(0x00))).isTrue();               // the first key
            assertThat(cursor.key()).isEqualTo(b(0x00));
            assertThat(cursor.seek(new byte[0])).isTrue();           // before the first
            assertThat(cursor.key()).isEqualTo(b(0x00));
            assertThat(cursor.seek(b(0xFF, 0xFF, 0xFF))).isTrue();   // the last key
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.seek(b(0xFF, 0xFF, 0xFF, 0x00))).isFalse(); // past the last
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.prev()).isFalse();
        }
    }

    @Test
    default void seekThenWalkBothWays() {
        Engine engine = withOrderedKeys();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.seek(b(0x80))).isTrue();
            assertThat(cursor.prev()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0x7F, 0xFF));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0x80, 0x00));
            assertThat(cursor.value()).isEqualTo(b(0x80, 0x00));
        }
    }

    @Test
    default void aNewCursorIsUnpositioned() {
        Engine engine = withOrderedKeys();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.prev()).isFalse();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
            assertThat(cursor.first()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0x00));
        }
    }

    @Test
    default void runningOffAnEndUnpositions() {
        Engine engine = withOrderedKeys();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.last()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0xFF, 0xFF, 0xFF));
            assertThat(cursor.next()).isFalse();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            assertThat(cursor.prev()).isFalse();  // stays unpositioned: does not step back
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.first()).isTrue();
            assertThat(cursor.prev()).isFalse();
            assertThat(cursor.next()).isFalse();
            assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
            assertThat(cursor.last()).isTrue();
            assertThat(cursor.prev()).isTrue();
            assertThat(cursor.key()).isEqualTo(b(0xFF, 0xFF));
        }
    }

    @Test
    default void emptyTableHasNoPosition() {
        Engine engine = open();
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(cursor.first()).isFalse();
            assertThat(cursor.last()).isFalse();
            assertThat(cursor.seek(b(0x00))).isFalse();
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.prev()).isFalse();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    default void returnedArraysAreCopiesAndArgumentsAreNotKept() {
        Engine engine = open();
        byte[] key = b(0x10);
        byte[] value = b(0x20);
        try (WriteTxn txn = engine.beginWrite()) {
            txn.put(A, key, value);
            key[0] = 0x11;   // mutating the caller's arrays after put changes nothing stored
            value[0] = 0x21;
            txn.commit();
        }
        try (ReadTxn txn = engine.beginRead(); Cursor cursor = txn.cursor(A)) {
            assertThat(txn.get(A, b(0x11))).isNull();
            byte[] got = txn.get(A, b(0x10));
            assertThat(got).isEqualTo(b(0x20));
            got[0] = 0x55;
            assertThat(txn.get(A, b(0x10))).isEqualTo(b(0x20));
            assertThat(cursor.first()).isTrue();
            cursor.key()[0] = 0x55;
            cursor.value()[0] = 0x55;
            assertThat(hex(cursor.key()) + "=" + hex(cursor.value())).isEqualTo("10=20");
        }
    }

    @Test
    default void emptyKeysAreRejectedAndAbsent() {
        Engine engine = withOrderedKeys();
        try (WriteTxn txn = engine.beginWrite()) {
            assertThatThrownBy(() -> txn.put(A, new byte[0], b(1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(txn.get(A, new byte[0])).isNull();
            assertThat(txn.delete(A, new byte[0])).isFalse();
        }
    }

    @Test
    default void closedCursorsAndCursorsOfEndedTransactionsRefuseUse() {
        Engine engine = withOrderedKeys();
        Cursor leftOpen;
        try (ReadTxn txn = engine.beginRead()) {
            Cursor cursor = txn.cursor(A);
            assertThat(cursor.first()).isTrue();
            cursor.close();
            cursor.close(); // idempotent
            assertThatThrownBy(cursor::next).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            leftOpen = txn.cursor(A);
            assertThat(leftOpen.first()).isTrue();
        }
        assertThatThrownBy(leftOpen::next).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(leftOpen::first).isInstanceOf(IllegalStateException.class);
        leftOpen.close();
    }
}
