package io.eddy.loadtests.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The key space and the value of a run: {@code count} keys named {@code prefix} + a zero-padded
 * index, padded to {@code keyBytes} bytes when that is longer, so keys sort in index order and
 * {@code [key(i), key(i + n))} holds exactly {@code n} keys. The value is {@code valueBytes}
 * pseudo-random bytes (fixed seed), the same for every write, so a compare on the value holds
 * for every key once loaded.
 */
record Keys(String prefix, int count, int keyBytes, byte[] value) {
    /** The keys the key-value workloads use. */
    static Keys of(int count, int keyBytes, int valueBytes) {
        byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        return new Keys("bench/", count, keyBytes, value);
    }

    /** Checks the fields. */
    Keys {
        if (count < 1) {
            throw new IllegalArgumentException("--keys must be at least 1");
        }
    }

    /** The name of key {@code index} ({@code 0 <= index <= count}: {@code key(count)} ends a range of the last keys). */
    byte[] key(int index) {
        int digits = Math.max(Integer.toString(count).length(), keyBytes - prefix.length());
        // Padded by hand: String.format parses its pattern on every call, and this runs per request
        // in the tool's JVM, which shares the cores with the members it measures.
        String number = Integer.toString(index);
        StringBuilder key = new StringBuilder(prefix.length() + Math.max(digits, number.length())).append(prefix);
        for (int pad = digits - number.length(); pad > 0; pad--) {
            key.append('0');
        }
        return key.append(number).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first index of a range of {@code n} keys that fits in the key space, drawn from {@code random}. */
    int rangeStart(int n, java.util.random.RandomGenerator random) {
        return random.nextInt(Math.max(1, count - n + 1));
    }
}
