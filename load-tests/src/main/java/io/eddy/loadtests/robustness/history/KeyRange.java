package io.eddy.loadtests.robustness.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** etcd's range convention on UTF-8 keys, compared as unsigned bytes as the store does. */
public final class KeyRange {
    private KeyRange() {
    }

    /** Whether {@code k} is in {@code [from, end)}; an empty end means {@code from} alone, "\0" every key from {@code from}. */
    public static boolean contains(String from, String end, String k) {
        if (end.isEmpty()) {
            return from.equals(k);
        }
        if (compare(k, from) < 0) {
            return false;
        }
        return end.equals("\0") || compare(k, end) < 0;
    }

    /** Unsigned byte order of the UTF-8 encodings. */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
