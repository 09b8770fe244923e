package io.eddy.server.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Engine-independent logical backup: every entry of every table of an {@link Engine}, taken
 * from one read transaction, as a self-checking byte stream that any engine can load.
 *
 * <h2>Format, version 1</h2>
 * All integers are unsigned and big-endian; {@code u8}, {@code u16}, {@code u32},
 * {@code u64} are 1, 2, 4 and 8 bytes.
 * <pre>
 * backup   = magic version tableCount tableName{tableCount} section{tableCount} crc
 * magic    = the 8 ASCII bytes "EDDYBKUP"  (45 44 44 59 42 4B 55 50)
 * version  = u16, 1
 * tableCount = u16, at least 1
 * tableName  = u16 length, then that many bytes of UTF-8 (the table's name, 1 to 64 chars)
 * section  = entry* tableEnd      one per table, in the order of the names above
 * entry    = u8 0x01, u32 keyLength, key bytes, u32 valueLength, value bytes
 * tableEnd = u8 0x00, u64 number of entries in the section
 * crc      = u32 CRC-32C (Castagnoli, as java.util.zip.CRC32C / iSCSI) of every byte before it
 * </pre>
 * Within a section keys are non-empty and strictly ascending as unsigned bytes. Keys and
 * values are at most {@value #MAX_FIELD_BYTES} bytes. Nothing follows the checksum.
 *
 * <p>Memory stays bounded: both directions stream, holding one entry (plus I/O buffers) at a
 * time. Restore loads in write transactions of at most {@value #BATCH_ENTRIES} entries or
 * {@value #BATCH_BYTES} bytes of keys and values, committing the last one only after the
 * checksum has been verified.
 */
public final class EngineBackup {

    /** Largest key or value the format carries. */
    public static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;
    /** Most entries restored per write transaction. */
    public static final int BATCH_ENTRIES = 10_000;
    /** Most key and value bytes restored per write transaction (a single entry may exceed it). */
    public static final int BATCH_BYTES = 4 * 1024 * 1024;

    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "EDDYBKUP".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_TABLE_END = 0x00;
    private static final int TAG_ENTRY = 0x01;
    private static final int IO_BUFFER = 64 * 1024;

    private EngineBackup() {
    }

    /**
     * Writes a backup of {@code engine} to {@code out} from one read transaction (a consistent
     * snapshot; it stays open for the whole copy). {@code out} is flushed, not closed.
     *
     * @return the number of bytes written
     * @throws StorageException if writing fails or an entry exceeds the format's limits
     */
    public static long write(Engine engine, OutputStream out) {
        Objects.requireNonNull(out, "out");
        List<Table> tables = engine.tables();
        if (tables.size() > 0xFFFF) {
            throw new StorageException("too many tables for the backup format: " + tables.size());
        }
        CRC32C crc = new CRC32C();
        BufferedOutputStream buffered = new BufferedOutputStream(out, IO_BUFFER);
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
        long written = 0;
        try (ReadTxn txn = engine.beginRead()) {
            data.write(MAGIC);
            data.writeShort(FORMAT_VERSION);
            data.writeShort(tables.size());
            written += MAGIC.length + 4;
            for (Table table : tables) {
                byte[] name = table.name().getBytes(StandardCharsets.UTF_8);
                data.writeShort(name.length);
                data.write(name);
                written += 2 + name.length;
            }
            for (Table table : tables) {
                written += writeSection(txn, table, data);
            }
            data.flush();
            long checksum = crc.getValue();
            data.writeInt((int) checksum);
            data.flush();
            return written + 4;
        } catch (IOException e) {
            throw new StorageException("cannot write the backup: " + e.getMessage(), e);
        }
    }

    private static long writeSection(ReadTxn txn, Table table, DataOutputStream data) throws IOException {
        long written = 0;
        long entries = 0;
        try (Cursor cursor = txn.cursor(table)) {
            for (boolean on = cursor.first(); on; on = cursor.next()) {
                byte[] key = cursor.key();
                byte[] value = cursor.value();
                if (key.length > MAX_FIELD_BYTES || value.length > MAX_FIELD_BYTES) {
                    throw new StorageException("an entry of table " + table + " exceeds the backup format's "
                            + MAX_FIELD_BYTES + "-byte limit");
                }
                data.writeByte(TAG_ENTRY);
                data.writeInt(key.length);
                data.write(key);
                data.writeInt(value.length);
                data.write(value);
                written += 9L + key.length + value.length;
                entries++;
            }
        }
        data.writeByte(TAG_TABLE_END);
        data.writeLong(entries);
        return written + 9;
    }

    /**
     * Loads a backup read from {@code in} (to its end; not closed) into {@code target}, whose
     * tables must all be empty and must be exactly the backup's tables (by name, any order).
     * Nothing else may write to {@code target} meanwhile. On failure the entries already loaded
     * are deleted again (best effort), so the target is left empty.
     *
     * @throws StorageException if the target is not empty, the tables differ, or the stream is
     *                          truncated, corrupt or unreadable
     */
    public static void restore(InputStream in, Engine target) {
        Objects.requireNonNull(in, "in");
        requireEmpty(target);
        CRC32C crc = new CRC32C();
        DataInputStream data = new DataInputStream(new CheckedInputStream(new BufferedInputStream(in, IO_BUFFER), crc));
        BatchLoader loader = new BatchLoader(target);
        try {
            List<Table> order = readHeader(data, target);
            for (Table table : order) {
                readSection(data, table, loader);
            }
            long computed = crc.getValue();
            long stored = data.readInt() & 0xFFFFFFFFL;
            if (stored != computed) {
                throw corrupt(String.format("checksum mismatch (stored %08x, computed %08x)", stored, computed));
            }
            if (data.read() != -1) {
                throw corrupt("unexpected bytes after the checksum");
            }
            loader.finish();
        } catch (EOFException e) {
            throw failed(loader, new StorageException("backup stream is truncated", e));
        } catch (CharacterCodingException e) {
            throw failed(loader, corrupt("a table name is not valid UTF-8"));
        } catch (IOException e) {
            throw failed(loader, new StorageException("cannot read the backup stream: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw failed(loader, e);
        }
    }

    private static List<Table> readHeader(DataInputStream data, Engine target) throws IOException {
        byte[] magic = data.readNBytes(MAGIC.length);
        if (magic.length < MAGIC.length) {
            throw new EOFException();
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw corrupt("not an Eddy engine backup (bad magic)");
        }
        int version = data.readUnsignedShort();
        if (version != FORMAT_VERSION) {
            throw corrupt("unsupported backup format version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        int count = data.readUnsignedShort();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] name = readExactly(data, data.readUnsignedShort());
            names.add(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name)).toString());
        }
        List<String> expected = target.tables().stream().map(Table::name).toList();
        Set<String> unique = new HashSet<>(names);
        if (unique.size() != names.size() || !unique.equals(new HashSet<>(expected))) {
            throw new StorageException("the backup's tables " + names + " do not match the engine's tables " + expected);
        }
        List<Table> order = new ArrayList<>();
        for (String name : names) {
            order.add(target.tables().get(expected.indexOf(name)));
        }
        return order;
    }

    private static void readSection(DataInputStream data, Table table, BatchLoader loader) throws IOException {
        byte[] previous = null;
        long entries = 0;
        while (true) {
            int tag = data.readUnsignedByte();
            if (tag == TAG_TABLE_END) {
                long stated = data.readLong();
                if (stated != entries) {
                    throw corrupt("table " + table + " ends after " + entries + " entries but states " + stated);
                }
                return;
            }
            if (tag != TAG_ENTRY) {
                throw corrupt(String.format("unknown record tag 0x%02x in table %s", tag, table));
            }
            byte[] key = readField(data, "key", table);
            byte[] value = readField(data, "value", table);
            if (key.length == 0) {
                throw corrupt("empty key in table " + table);
            }
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                throw corrupt("keys of table " + table + " are not in ascending order");
            }
            loader.put(table, key, value);
            previous = key;
            entries++;
        }
    }

    private static byte[] readField(DataInputStream data, String what, Table table) throws IOException {
        long length = data.readInt() & 0xFFFFFFFFL;
        if (length > MAX_FIELD_BYTES) {
            throw corrupt("a " + what + " of table " + table + " claims " + length + " bytes, over the format's limit");
        }
        return readExactly(data, (int) length);
    }

    private static byte[] readExactly(DataInputStream data, int length) throws IOException {
        byte[] bytes = data.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return bytes;
    }

    private static void requireEmpty(Engine target) {
        try (ReadTxn txn = target.beginRead()) {
            for (Table table : target.tables()) {
                try (Cursor cursor = txn.cursor(table)) {
                    if (cursor.first()) {
                        throw new StorageException("cannot restore into a non-empty engine: table " + table + " has entries");
                    }
                }
            }
        }
    }

    private static StorageException corrupt(String detail) {
        return new StorageException("corrupt backup stream: " + detail);
    }

    /** Undoes a failed restore, then returns {@code failure} to throw. */
    private static RuntimeException failed(BatchLoader loader, RuntimeException failure) {
        try {
            loader.abortAndClear();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    /** Loads entries in bounded write transactions. */
    private static final class BatchLoader {
        private final Engine target;
        private WriteTxn txn;
        private int entries;
        private long bytes;
        private boolean wroteAny;

        BatchLoader(Engine target) {
            this.target = target;
        }

        void put(Table table, byte[] key, byte[] value) {
            if (txn == null) {
                txn = target.beginWrite();
                wroteAny = true;
            }
            txn.put(table, key, value);
            entries++;
            bytes += key.length + value.length;
            if (entries >= BATCH_ENTRIES || bytes >= BATCH_BYTES) {
                commit();
            }
        }

        void finish() {
            if (txn != null) {
                commit();
            }
        }

        private void commit() {
            WriteTxn done = txn;
            txn = null;
            entries = 0;
            bytes = 0;
            try (done) {
                done.commit();
            }
        }

        /** Discards the open batch and deletes what earlier batches loaded (the target was empty). */
        void abortAndClear() {
            if (txn != null) {
                WriteTxn open = txn;
                txn = null;
                open.close();
            }
            if (wroteAny) {
                for (Table table : target.tables()) {
                    clear(table);
                }
            }
        }

        private void clear(Table table) {
            while (true) {
                try (WriteTxn clearing = target.beginWrite()) {
                    List<byte[]> keys = new ArrayList<>();
                    try (Cursor cursor = clearing.cursor(table)) {
                        for (boolean on = cursor.first(); on && keys.size() < BATCH_ENTRIES; on = cursor.next()) {
                            keys.add(cursor.key());
                        }
                    }
                    if (keys.isEmpty()) {
                        return;
                    }
                    keys.forEach(key -> clearing.delete(table, key));
                    clearing.commit();
                }
            }
        }
    }
}
