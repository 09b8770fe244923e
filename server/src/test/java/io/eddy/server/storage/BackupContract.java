package io.eddy.server.storage;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.B;
import static io.eddy.server.storage.StorageTesting.C;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static io.eddy.server.storage.StorageTesting.dump;
import static io.eddy.server.storage.StorageTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** {@link EngineBackup} written from and restored into the engine under test. */
public interface BackupContract extends EngineFixture {

    private static byte[] backup(Engine engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = EngineBackup.write(engine, out);
        assertThat(written).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static void restore(byte[] backup, Engine target) {
        EngineBackup.restore(new ByteArrayInputStream(backup), target);
    }

    private Engine small() {
        Engine engine = open();
        commit(engine, txn -> {
            txn.put(A, b(0x01), b(0x0A, 0x0B));
            txn.put(A, b(0x00, 0x00), b(0x01));
            txn.put(C, b(0xFF, 0xFF), new byte[0]);
        });
        return engine;
    }

    private static void assertEmpty(Engine engine) {
        assertThat(dump(engine).values()).allSatisfy(entries -> assertThat(entries).isEmpty());
    }

    @Test
    default void theStreamHasTheDocumentedFormat() {
        byte[] actual = backup(small());
        ByteBuffer expected = ByteBuffer.allocate(actual.length);
        expected.put(utf8("EDDYBKUP")).putShort((short) 1).putShort((short) 3);
        for (String name : List.of("alpha", "beta", "gamma")) {
            expected.putShort((short) name.length()).put(utf8(name));
        }
        expected.put((byte) 1).putInt(2).put(b(0x00, 0x00)).putInt(1).put(b(0x01));  // alpha
        expected.put((byte) 1).putInt(1).put(b(0x01)).putInt(2).put(b(0x0A, 0x0B));
        expected.put((byte) 0).putLong(2);
        expected.put((byte) 0).putLong(0);                                          // beta
        expected.put((byte) 1).putInt(2).put(b(0xFF, 0xFF)).putInt(0);              // gamma
        expected.put((byte) 0).putLong(1);
        CRC32C crc = new CRC32C();
        crc.update(expected.array(), 0, expected.position());
        expected.putInt((int) crc.getValue());
        assertThat(expected.hasRemaining()).isFalse();
        assertThat(actual).isEqualTo(expected.array());
    }

    @Test
    default void restoreReproducesEveryTable() {
        Engine source = small();
        Engine target = open();
        restore(backup(source), target);
        assertThat(dump(target)).isEqualTo(dump(source));
    }

    @Test
    default void aLargeMixedBackupRoundTrips() {
        Engine source = open();
        StorageTesting.fillMixed(source);
        Engine target = open();
        restore(backup(source), target);
        Map<String, List<String>> expected = dump(source);
        assertThat(expected.get(A.name())).hasSize(12_000);
        assertThat(dump(target)).isEqualTo(expected);
    }

    @Test
    default void theBackupIsOneSnapshotEvenWhileCommitsHappen() {
        Engine source = open();
        StorageTesting.fillMixed(source);
        Map<String, List<String>> before = dump(source);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream committingMidway = new OutputStream() {
            private boolean fired;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                if (!fired) { // the backup's first bytes reach us while it is still scanning A
                    fired = true;
                    commit(source, txn -> {
                        txn.put(A, b(0xFF), b(0xFF));
                        txn.delete(C, b(0x80));
                        txn.put(B, utf8("blob/0"), b(0));
                    });
                }
                sink.write(bytes, off, len);
            }
        };
        EngineBackup.write(source, committingMidway);
        assertThat(dump(source)).isNotEqualTo(before);
        Engine target = open();
        restore(sink.toByteArray(), target);
        assertThat(dump(target)).isEqualTo(before);
    }

    @Test
    default void everyTruncationFailsClearlyAndLeavesTheTargetEmpty() {
        byte[] backup = backup(small());
        Engine target = open();
        for (int length = 0; length < backup.length; length++) {
            byte[] truncated = Arrays.copyOf(backup, length);
            assertThatThrownBy(() -> restore(truncated, target))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("truncated");
            assertEmpty(target);
        }
        restore(backup, target);
        assertThat(dump(target)).isEqualTo(dump(small()));
    }

    @Test
    default void everyCorruptedByteFailsAndLeavesTheTargetEmpty() {
        byte[] backup = backup(small());
        Engine target = open();
        for (int at = 0; at < backup.length; at++) {
            byte[] corrupt = backup.clone();
            corrupt[at] ^= 0x01;
            assertThatThrownBy(() -> restore(corrupt, target))
                    .as("bit flipped at byte %d", at)
                    .isInstanceOf(StorageException.class)
                    .message().isNotBlank();
            assertEmpty(target);
        }
    }

    @Test
    default void corruptionDeepInALargeBackupIsCaughtByTheChecksum() {
        Engine source = open();
        StorageTesting.fillMixed(source);
        byte[] corrupt = backup(source);
        corrupt[corrupt.length / 2] ^= 0x40; // inside one of table B's 20 KiB values
        Engine target = open();
        assertThatThrownBy(() -> restore(corrupt, target))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("checksum mismatch");
        assertEmpty(target); // the batches already committed were removed again
    }

    @Test
    default void headerAndTrailerProblemsHaveClearMessages() {
        byte[] backup = backup(small());
        Engine target = open();
        byte[] magic = backup.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> restore(magic, target)).hasMessageContaining("not an Eddy engine backup");
        byte[] version = backup.clone();
        version[9] = 2;
        assertThatThrownBy(() -> restore(version, target)).hasMessageContaining("unsupported backup format version 2");
        byte[] trailing = Arrays.copyOf(backup, backup.length + 1);
        assertThatThrownBy(() -> restore(trailing, target)).hasMessageContaining("after the checksum");
        assertEmpty(target);
    }

    @Test
    default void restoreIntoANonEmptyEngineIsRefused() {
        byte[] backup = backup(small());
        Engine target = open();
        commit(target, txn -> txn.put(B, b(7), b(7)));
        Map<String, List<String>> before = dump(target);
        assertThatThrownBy(() -> restore(backup, target))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("non-empty");
        assertThat(dump(target)).isEqualTo(before);
    }

    @Test
    default void theTablesMustMatchByNameInAnyOrder() {
        byte[] backup = backup(small());
        Engine fewer = open(List.of(A, B));
        assertThatThrownBy(() -> restore(backup, fewer))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("do not match");
        assertEmpty(fewer);
        Engine reordered = open(List.of(C, A, B));
        restore(backup, reordered);
        assertThat(dump(reordered).get(A.name())).isEqualTo(dump(small()).get(A.name()));
    }
}
