package io.eddy.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The version-key encoding preserves order, is prefix-free and round-trips. */
class KeyCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void workedExampleFromTheJavadoc() {
        assertThat(HEX.formatHex(KeyCodec.escape(new byte[] {'a'}))).isEqualTo("610001");
        assertThat(HEX.formatHex(KeyCodec.escape(new byte[] {'a', 0}))).isEqualTo("6100ff0001");
        assertThat(HEX.formatHex(KeyCodec.escape(new byte[] {'a', 'b'}))).isEqualTo("61620001");
        byte[] a5 = KeyCodec.versionKey(new byte[] {'a'}, 5);
        byte[] a2 = KeyCodec.versionKey(new byte[] {'a'}, 2);
        byte[] aZero3 = KeyCodec.versionKey(new byte[] {'a', 0}, 3);
        assertThat(Arrays.compareUnsigned(a5, a2)).as("newer versions first").isNegative();
        assertThat(Arrays.compareUnsigned(a2, aZero3)).as("all of 'a' before 'a\\0'").isNegative();
        assertThat(KeyCodec.revisionOf(a5)).isEqualTo(5);
    }

    @Test
    void versionKeysSortByUserKeyThenNewestFirst() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            byte[] a = randomKey(random);
            byte[] b = randomKey(random);
            long ra = 1 + random.nextInt(1000);
            long rb = 1 + random.nextInt(1000);
            int expected = Arrays.compareUnsigned(a, b);
            if (expected == 0) {
                expected = Long.compare(rb, ra);
            }
            int actual = Arrays.compareUnsigned(KeyCodec.versionKey(a, ra), KeyCodec.versionKey(b, rb));
            assertThat(Integer.signum(actual))
                    .as("seed %d: %s@%d vs %s@%d", seed, HEX.formatHex(a), ra, HEX.formatHex(b), rb)
                    .isEqualTo(Integer.signum(expected));
        }
    }

    @Test
    void unescapeInvertsEscapeAndSkipPositionsBoundAKey() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            byte[] key = randomKey(random);
            byte[] versionKey = KeyCodec.versionKey(key, 1 + random.nextInt(Integer.MAX_VALUE));
            assertThat(KeyCodec.unescape(versionKey, KeyCodec.escapedLength(versionKey))).as("seed %d", seed)
                    .isEqualTo(key);
            byte[] after = KeyCodec.afterAllVersions(versionKey, KeyCodec.escapedLength(versionKey));
            assertThat(Arrays.compareUnsigned(versionKey, after)).as("seed %d", seed).isNegative();
            byte[] next = Arrays.copyOf(key, key.length + 1); // the smallest key after `key`
            assertThat(Arrays.compareUnsigned(after, KeyCodec.versionKey(next, Long.MAX_VALUE)))
                    .as("seed %d", seed).isNegative();
        }
    }

    /** Short keys over a tiny alphabet that stresses 00 and FF. */
    private static byte[] randomKey(Random random) {
        byte[] alphabet = {0, 0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, 'a'};
        byte[] key = new byte[1 + random.nextInt(5)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return key;
    }
}
