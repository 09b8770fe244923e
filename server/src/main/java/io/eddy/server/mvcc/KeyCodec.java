package io.eddy.server.mvcc;

import java.util.Arrays;

/**
 * Order-preserving encodings of the {@link Schema#KV} and {@link Schema#CHANGES} keys.
 *
 * <h2>Version keys ({@code kv} table)</h2>
 * A version key is {@code escape(userKey) ++ be64(~revision)}:
 * <ul>
 *   <li>{@code escape} writes each byte of the user key, except that {@code 00} becomes
 *       {@code 00 FF}, then the terminator {@code 00 01}. The result is prefix-free
 *       (a terminator cannot occur inside an escaped body, where every {@code 00} is
 *       followed by {@code FF}) and preserves order: {@code escape(a) < escape(b)} exactly
 *       when {@code a < b} as unsigned bytes. So all versions of one key are contiguous,
 *       and keys keep their order whatever suffix follows.</li>
 *   <li>{@code ~revision} (bitwise not, big-endian) makes newer versions sort first.</li>
 * </ul>
 *
 * <p>Worked example. Keys {@code "a"} (written at revisions 2 and 5, deleted at 7),
 * {@code "a\0"} (written at 3) and {@code "ab"} (written at 4) are stored as:
 * <pre>
 *   61 00 01       ~7  ->  TOMBSTONE
 *   61 00 01       ~5  ->  PUT create=2 version=2
 *   61 00 01       ~2  ->  PUT create=2 version=1
 *   61 00 FF 00 01 ~3  ->  PUT create=3 version=1     ("a\0")
 *   61 62 00 01    ~4  ->  PUT create=4 version=1     ("ab")
 * </pre>
 * Reading {@code "a"} at revision 6 seeks to {@code 61 00 01 ~6}: the first entry at or after
 * it is {@code ~5}, the newest version at or below 6. At revision 8 the seek lands on the
 * tombstone: the key does not exist. Seeking to {@code escape(k) ++ FF*8} skips every
 * version of {@code k} (revisions are positive, so {@code ~revision < FF*8}).
 *
 * <h2>Change keys ({@code changes} table)</h2>
 * {@code be64(revision) ++ be32(sub)}: the {@code sub}-th event (from 0) of a revision, in
 * the order the write made them. The value is one type byte then the raw user key.
 */
final class KeyCodec {
    static final int REVISION_BYTES = 8;
    private static final byte ESCAPE = (byte) 0xFF;
    private static final byte TERMINATOR = 0x01;

    private KeyCodec() {
    }

    /** {@code escape(userKey)}, terminator included. */
    static byte[] escape(byte[] userKey) {
        int zeros = 0;
        for (byte b : userKey) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[userKey.length + zeros + 2];
        writeEscaped(userKey, out);
        return out;
    }

    /** {@code escape(userKey) ++ be64(~revision)}. */
    static byte[] versionKey(byte[] userKey, long revision) {
        byte[] escaped = escape(userKey);
        return withRevision(escaped, escaped.length, revision);
    }

    /** The first {@code escapedLength} bytes of {@code escaped} followed by {@code be64(~revision)}. */
    static byte[] withRevision(byte[] escaped, int escapedLength, long revision) {
        byte[] out = Arrays.copyOf(escaped, escapedLength + REVISION_BYTES);
        putLong(out, escapedLength, ~revision);
        return out;
    }

    /** A key past every version of the key whose escaped form is the first {@code escapedLength} bytes. */
    static byte[] afterAllVersions(byte[] escaped, int escapedLength) {
        byte[] out = Arrays.copyOf(escaped, escapedLength + REVISION_BYTES);
        Arrays.fill(out, escapedLength, out.length, (byte) 0xFF);
        return out;
    }

    /** Length of the escaped user-key part of a version key. */
    static int escapedLength(byte[] versionKey) {
        return versionKey.length - REVISION_BYTES;
    }

    /** The revision of a version key. */
    static long revisionOf(byte[] versionKey) {
        return ~getLong(versionKey, versionKey.length - REVISION_BYTES);
    }

    /** The user key of a version key, or of an escaped key when {@code length} is its whole length. */
    static byte[] unescape(byte[] escaped, int escapedLength) {
        int bodyLength = escapedLength - 2;
        int zeros = 0;
        for (int i = 0; i < bodyLength; i++) {
            if (escaped[i] == 0) {
                zeros++;
                i++;
            }
        }
        byte[] out = new byte[bodyLength - zeros];
        int j = 0;
        for (int i = 0; i < bodyLength; i++) {
            out[j++] = escaped[i];
            if (escaped[i] == 0) {
                i++;
            }
        }
        return out;
    }

    /** True when two version keys belong to the same user key. */
    static boolean sameUserKey(byte[] versionKeyA, byte[] versionKeyB) {
        int length = escapedLength(versionKeyA);
        return length == escapedLength(versionKeyB) && Arrays.equals(versionKeyA, 0, length, versionKeyB, 0, length);
    }

    /** True when the escaped user-key part of {@code versionKey} sorts at or after {@code escapedEnd}. */
    static boolean atOrAfter(byte[] versionKey, byte[] escapedEnd) {
        return Arrays.compareUnsigned(versionKey, 0, escapedLength(versionKey), escapedEnd, 0, escapedEnd.length) >= 0;
    }

    /** {@code be64(revision) ++ be32(sub)}. */
    static byte[] changeKey(long revision, int sub) {
        byte[] out = new byte[REVISION_BYTES + 4];
        putLong(out, 0, revision);
        putInt(out, REVISION_BYTES, sub);
        return out;
    }

    static long changeRevision(byte[] changeKey) {
        return getLong(changeKey, 0);
    }

    static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        putLong(out, 0, value);
        return out;
    }

    static void putLong(byte[] out, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long getLong(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }

    private static void putInt(byte[] out, int offset, int value) {
        for (int i = 3; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void writeEscaped(byte[] userKey, byte[] out) {
        int j = 0;
        for (byte b : userKey) {
            out[j++] = b;
            if (b == 0) {
                out[j++] = ESCAPE;
            }
        }
        out[j++] = 0;
        out[j] = TERMINATOR;
    }
}
