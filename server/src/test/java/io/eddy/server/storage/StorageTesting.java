package io.eddy.server.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Helpers for storage tests: byte literals, committed writes, readable full scans. */
public final class StorageTesting {

    public static final Table A = new Table("alpha");
    public static final Table B = new Table("beta");
    public static final Table C = new Table("gamma");
    public static final List<Table> TABLES = List.of(A, B, C);

    private static final HexFormat HEX = HexFormat.of();

    private StorageTesting() {
    }

    /** Bytes from ints 0..255. */
    public static byte[] b(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) {
                throw new IllegalArgumentException("not a byte: " + values[i]);
            }
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A 4-byte big-endian key, so that numeric order is key order. */
    public static byte[] intKey(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? "null" : HEX.formatHex(bytes);
    }

    /** Runs {@code body} in a write transaction and commits it. */
    public static void commit(Engine engine, Consumer<WriteTxn> body) {
        try (WriteTxn txn = engine.beginWrite()) {
            body.accept(txn);
            txn.commit();
        }
    }

    /** Hex keys of {@code table} in ascending order, read through a cursor. */
    public static List<String> keys(ReadTxn txn, Table table) {
        List<String> keys = new ArrayList<>();
        try (Cursor cursor = txn.cursor(table)) {
            for (boolean on = cursor.first(); on; on = cursor.next()) {
                keys.add(hex(cursor.key()));
            }
        }
        return keys;
    }

    /** Hex keys of {@code table} in descending order, read through a cursor. */
    public static List<String> keysBackward(ReadTxn txn, Table table) {
        List<String> keys = new ArrayList<>();
        try (Cursor cursor = txn.cursor(table)) {
            for (boolean on = cursor.last(); on; on = cursor.prev()) {
                keys.add(hex(cursor.key()));
            }
        }
        return keys;
    }

    /** "key=value" in hex for every entry of {@code table}, ascending. */
    public static List<String> entries(ReadTxn txn, Table table) {
        List<String> entries = new ArrayList<>();
        try (Cursor cursor = txn.cursor(table)) {
            for (boolean on = cursor.first(); on; on = cursor.next()) {
                entries.add(hex(cursor.key()) + "=" + hex(cursor.value()));
            }
        }
        return entries;
    }

    /** Every entry of every table, by table name, from one read transaction. */
    public static Map<String, List<String>> dump(Engine engine) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (ReadTxn txn = engine.beginRead()) {
            for (Table table : engine.tables()) {
                dump.put(table.name(), entries(txn, table));
            }
        }
        return dump;
    }

    /**
     * A mixed data set over {@link #TABLES}: 12,000 small entries in A, 300 entries of 20 KiB in
     * B (more than one restore batch by size), and in C a 1 MiB value, an empty value and
     * single-byte edge keys.
     */
    public static void fillMixed(Engine engine) {
        for (int start = 0; start < 12_000; start += 4_000) {
            int from = start;
            commit(engine, txn -> {
                for (int i = from; i < from + 4_000; i++) {
                    txn.put(A, intKey(i * 7), utf8("value-" + i));
                }
            });
        }
        commit(engine, txn -> {
            for (int i = 0; i < 300; i++) {
                byte[] value = new byte[20 * 1024];
                java.util.Arrays.fill(value, (byte) i);
                txn.put(B, utf8("blob/" + i), value);
            }
        });
        commit(engine, txn -> {
            byte[] big = new byte[1024 * 1024];
            new java.util.Random(42).nextBytes(big);
            txn.put(C, b(0x80), big);
            txn.put(C, b(0x00), new byte[0]);
            txn.put(C, b(0xFF, 0xFF), b(1, 2, 3));
            txn.put(C, b(0x7F), b(0x7F));
        });
    }
}
