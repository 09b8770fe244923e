package io.eddy.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ByteSequence;
import io.eddy.client.GetResult;
import io.eddy.client.Header;
import io.eddy.client.KeyValue;
import io.eddy.client.Member;
import io.eddy.client.WatchBatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The printers against outputs etcdctl 3.4 printed (recorded by hand from etcdctl runs). */
class OutputTest {
    private static final Member MEMBER = new Member(0x2e1259d415f2a040L, "e1", List.of("http://127.0.0.1:23800"),
            List.of("http://127.0.0.1:23790"), false, true);

    @Test
    void memberTableIsEtcdctls() {
        assertThat(print("table", p -> p.memberList(new Header(0, 0, 0, 0), List.of(MEMBER)))).isEqualTo("""
                +------------------+---------+------+------------------------+------------------------+------------+
                |        ID        | STATUS  | NAME |       PEER ADDRS       |      CLIENT ADDRS      | IS LEARNER |
                +------------------+---------+------+------------------------+------------------------+------------+
                | 2e1259d415f2a040 | started |   e1 | http://127.0.0.1:23800 | http://127.0.0.1:23790 |      false |
                +------------------+---------+------+------------------------+------------------------+------------+
                """);
        assertThat(print("simple", p -> p.memberList(new Header(0, 0, 0, 0), List.of(MEMBER))))
                .isEqualTo("2e1259d415f2a040, started, e1, http://127.0.0.1:23800, http://127.0.0.1:23790, false\n");
    }

    @Test
    void memberJsonIsEtcdctls() {
        Header header = new Header(324952591200643719L, 3319814642761637952L, 0, 2);
        assertThat(print("json", p -> p.memberList(header, List.of(MEMBER)))).isEqualTo(
                "{\"header\":{\"cluster_id\":324952591200643719,\"member_id\":3319814642761637952,\"raft_term\":2},"
                        + "\"members\":[{\"ID\":3319814642761637952,\"name\":\"e1\",\"peerURLs\":[\"http://127.0.0.1:23800\"],"
                        + "\"clientURLs\":[\"http://127.0.0.1:23790\"]}]}\n");
    }

    @Test
    void idsAreUnsigned() {
        Header header = new Header(-1L, 0, 4, 0);
        assertThat(print("json", p -> p.get(new GetResult(header, List.of(), false, 0), false)))
                .isEqualTo("{\"header\":{\"cluster_id\":18446744073709551615,\"revision\":4}}\n");
    }

    @Test
    void rawBytesAreWrittenAsTheyAre() {
        KeyValue kv = new KeyValue(ByteSequence.of(new byte[] {(byte) 0xff, 'k'}), ByteSequence.fromUtf8("x\ny"), 2, 2, 1, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Printer.of("simple", new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), false)
                .get(new GetResult(new Header(0, 0, 2, 0), List.of(kv), false, 1), false);
        assertThat(out.toByteArray()).containsExactly(0xff, 'k', '\n', 'x', '\n', 'y', '\n');
    }

    @Test
    void aProgressNotificationIsPrintedAsEtcdctl() {
        assertThat(print("simple", p -> p.watch(new WatchBatch(42, List.of())))).isEqualTo("progress notify: 42\n");
        assertThat(print("json", p -> p.watch(new WatchBatch(42, List.of()))))
                .isEqualTo("{\"Header\":{\"revision\":42},\"Events\":null,\"CompactRevision\":0,\"Canceled\":false,"
                        + "\"Created\":false}\n");
    }

    @Test
    void databaseSizesAreHumanisedAsEtcdctl() {
        assertThat(Rows.humanBytes(20480)).isEqualTo("20 kB");
        assertThat(Rows.humanBytes(20500)).isEqualTo("20 kB");
        assertThat(Rows.humanBytes(1_550_000)).isEqualTo("1.6 MB");
        assertThat(Rows.humanBytes(9)).isEqualTo("9 B");
        assertThat(Rows.humanBytes(999)).isEqualTo("999 B");
    }

    private static String print(String format, Consumer<Printer> action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        action.accept(Printer.of(format, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), false));
        return out.toString(StandardCharsets.UTF_8);
    }
}
