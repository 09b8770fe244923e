package io.eddy.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSequenceTest {

    private static ByteSequence b(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteSequence.of(bytes);
    }

    @Test
    void prefixEndFollowsEtcd() {
        assertThat(ByteSequence.fromUtf8("a").prefixEnd()).isEqualTo(ByteSequence.fromUtf8("b"));
        assertThat(ByteSequence.fromUtf8("config/").prefixEnd()).isEqualTo(ByteSequence.fromUtf8("config0"));
        assertThat(b(0x61, 0xFF).prefixEnd()).isEqualTo(b(0x62));
        assertThat(b(0x61, 0xFF, 0xFF).prefixEnd()).isEqualTo(b(0x62));
        assertThat(b(0xFF, 0xFF).prefixEnd()).as("no end: to the end of the key space").isEqualTo(ByteSequence.NUL);
        assertThat(ByteSequence.EMPTY.prefixEnd()).isEqualTo(ByteSequence.NUL);
    }

    @Test
    void everyKeyWithThePrefixSortsBelowItsEnd() {
        ByteSequence prefix = b(0x61, 0xFF);
        ByteSequence end = prefix.prefixEnd();
        for (ByteSequence key : List.of(prefix, prefix.concat(b(0x00)), prefix.concat(b(0xFF, 0xFF, 0xFF)))) {
            assertThat(key.startsWith(prefix)).isTrue();
            assertThat(key.compareTo(end)).as("%s < %s", key, end).isNegative();
        }
        assertThat(end.startsWith(prefix)).isFalse();
    }

    @Test
    void ordersAsUnsignedBytesAndIsImmutable() {
        List<ByteSequence> sorted = List.of(b(0x00), b(0x00, 0x00), b(0x01), b(0x7F), b(0x80), b(0xFF), b(0xFF, 0x00));
        List<ByteSequence> shuffled = new ArrayList<>(sorted);
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(sorted);

        byte[] source = {1, 2, 3};
        ByteSequence sequence = ByteSequence.of(source);
        source[0] = 9;
        sequence.toByteArray()[1] = 9;
        assertThat(sequence).isEqualTo(b(1, 2, 3));
    }

    @Test
    void utf8AndDisplay() {
        assertThat(ByteSequence.fromUtf8("héllo").toUtf8()).isEqualTo("héllo");
        assertThat(ByteSequence.fromUtf8("key/1")).hasToString("key/1");
        assertThat(b(0x00, 0xFF)).hasToString("0x00ff");
    }
}
