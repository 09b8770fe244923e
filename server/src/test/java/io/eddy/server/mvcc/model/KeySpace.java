package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A small random key space, so that generated operations collide: 12 to 40 keys of 1 to 3
 * bytes, always including the edge bytes 0x00 and 0xFF (the smallest key "\0", keys that
 * equal the "all keys" range end, keys whose prefix end carries), plus range ends and values.
 */
final class KeySpace {
    private static final byte[] ALPHABET = {0x00, 0x01, 'a', 'b', 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final byte[][] EDGES = {{0x00}, {(byte) 0xFF}, {0x00, 0x00}, {(byte) 0xFF, (byte) 0xFF},
            {'a'}, {'a', 0x00}, {'a', (byte) 0xFF}, {'a', (byte) 0xFF, (byte) 0xFF}};

    private final Random random;
    private final List<ByteString> keys;

    KeySpace(Random random) {
        this.random = random;
        TreeSet<ByteString> pool = new TreeSet<>(ReferenceModel.KEY_ORDER);
        for (byte[] edge : EDGES) {
            pool.add(ByteString.copyFrom(edge));
        }
        int size = 12 + random.nextInt(29);
        while (pool.size() < size) {
            pool.add(randomKey());
        }
        keys = List.copyOf(pool);
    }

    List<ByteString> keys() {
        return keys;
    }

    /** Usually a key of the pool, sometimes any short key. */
    ByteString key() {
        return random.nextInt(20) == 0 ? randomKey() : keys.get(random.nextInt(keys.size()));
    }

    /** Distinct pool keys, as many as asked for (at most the pool). */
    List<ByteString> distinctKeys(int count) {
        List<ByteString> shuffled = new ArrayList<>(keys);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private ByteString randomKey() {
        byte[] key = new byte[1 + random.nextInt(3)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return ByteString.copyFrom(key);
    }

    /** A range end for {@code key}: none, "\0", the prefix end, another key (possibly before it). */
    ByteString end(ByteString key) {
        int dice = random.nextInt(100);
        if (dice < 35) {
            return ByteString.EMPTY;
        }
        if (dice < 45) {
            return ReferenceModel.ALL_KEYS;
        }
        if (dice < 60) {
            return prefixEnd(key);
        }
        if (dice < 65) {
            return key;
        }
        return key();
    }

    /** etcd's prefix end: increment the last byte below 0xFF, dropping what follows; "\0" if none. */
    static ByteString prefixEnd(ByteString key) {
        byte[] bytes = key.toByteArray();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != (byte) 0xFF) {
                bytes[i]++;
                return ByteString.copyFrom(bytes, 0, i + 1);
            }
        }
        return ReferenceModel.ALL_KEYS;
    }

    /** A small value: empty one time in six, otherwise 1 to 8 (sometimes up to 40) random bytes. */
    ByteString value() {
        if (random.nextInt(6) == 0) {
            return ByteString.EMPTY;
        }
        byte[] value = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 8)];
        for (int i = 0; i < value.length; i++) {
            value[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
        }
        return ByteString.copyFrom(value);
    }

    /** Exactly {@code size} random bytes. */
    ByteString bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }
}
