package io.eddy.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: Eddy's keys and values. Ordered as the store orders keys
 * (unsigned bytes, a prefix before its extensions). Arrays passed in or handed out are
 * copies, so an instance never changes.
 */
public final class ByteSequence implements Comparable<ByteSequence> {
    /** The empty sequence. */
    public static final ByteSequence EMPTY = new ByteSequence(new byte[0]);
    /** {@code "\0"}: as a range end it means "to the end of the key space"; as a key, the first key. */
    public static final ByteSequence NUL = new ByteSequence(new byte[] {0});

    private final byte[] bytes;

    private ByteSequence(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A sequence holding a copy of {@code bytes}. */
    public static ByteSequence of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteSequence(bytes.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static ByteSequence fromUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length == 0 ? EMPTY : new ByteSequence(bytes);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes decoded as UTF-8 (malformed input is replaced, as {@link String#String(byte[], java.nio.charset.Charset)} does). */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * The byte at {@code index}.
     *
     * @throws IndexOutOfBoundsException when {@code index} is not in {@code [0, size())}
     */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** True when the first bytes are {@code prefix}'s (every sequence starts with the empty one). */
    public boolean startsWith(ByteSequence prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** A new sequence: these bytes followed by {@code other}'s. */
    public ByteSequence concat(ByteSequence other) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new ByteSequence(joined);
    }

    /**
     * The end of the range of every key that starts with this prefix (etcd's convention):
     * the prefix with trailing {@code FF} bytes dropped and its last byte incremented. A
     * prefix that is empty or all {@code FF} has no such end: the range runs to the end of
     * the key space, written {@link #NUL}.
     */
    public ByteSequence prefixEnd() {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(bytes, i + 1);
                end[i]++;
                return new ByteSequence(end);
            }
        }
        return NUL;
    }

    @Override
    public int compareTo(ByteSequence other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteSequence sequence && Arrays.equals(bytes, sequence.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The text when the bytes are printable UTF-8, else {@code 0x} and hex. */
    @Override
    public String toString() {
        String text = toUtf8();
        boolean printable = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)
                && text.codePoints().noneMatch(c -> Character.isISOControl(c));
        return printable ? text : "0x" + HexFormat.of().formatHex(bytes);
    }
}
