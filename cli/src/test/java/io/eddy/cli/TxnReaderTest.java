package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.client.ByteSequence;
import io.eddy.client.Cmp;
import io.eddy.client.GetOptions;
import io.eddy.client.TxnOp;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** etcdctl's txn syntax: comparisons, operation lines, quoting. */
class TxnReaderTest {
    @Test
    void readsTheThreeSectionsUpToEmptyLinesOrTheEnd() {
        TxnReader reader = new TxnReader(new BufferedReader(new StringReader(
                "mod(\"k\") > \"0\"\nvalue(\"k\") = \"a b\"\n\nput k v\nget k --prefix\n\ndel k")));
        assertThat(reader.compares()).containsExactly(Cmp.modRevision(bs("k"), Cmp.Op.GREATER, 0),
                Cmp.value(bs("k"), Cmp.Op.EQUAL, bs("a b")));
        assertThat(reader.ops()).containsExactly(TxnOp.put(bs("k"), bs("v")),
                TxnOp.get(bs("k"), GetOptions.prefix(bs("k"))));
        assertThat(reader.ops()).hasSize(1);
        assertThat(reader.ops()).as("at the end of the input").isEmpty();
    }

    @Test
    void parsesEveryTargetAndOperator() {
        assertThat(TxnReader.compare("ver(\"k\") != \"2\"")).isEqualTo(Cmp.version(bs("k"), Cmp.Op.NOT_EQUAL, 2));
        assertThat(TxnReader.compare("c(\"k\") < \"9\"")).isEqualTo(Cmp.createRevision(bs("k"), Cmp.Op.LESS, 9));
        assertThat(TxnReader.compare("version(\"k\") = \"0\"")).isEqualTo(Cmp.version(bs("k"), Cmp.Op.EQUAL, 0));
        assertThat(TxnReader.compare("lease(\"k\") = \"ff\"")).isEqualTo(Cmp.lease(bs("k"), Cmp.Op.EQUAL, 255));
        assertThat(TxnReader.compare("val(\"a\\\"b\\n\") = `raw\\n`"))
                .isEqualTo(Cmp.value(bs("a\"b\n"), Cmp.Op.EQUAL, bs("raw\\n")));
    }

    @Test
    void splitsOperationArgumentsAsEtcdctl() {
        assertThat(TxnReader.argify("put \"a key\" 'single \"quoted\"' plain")).containsExactly("put", "a key",
                "single \"quoted\"", "plain");
        assertThat(TxnReader.op("put \"k 1\" \"v\\t2\"")).isEqualTo(TxnOp.put(bs("k 1"), bs("v\t2")));
    }

    @Test
    void reportsMalformedLines() {
        assertThatThrownBy(() -> TxnReader.compare("mod k > 0")).isInstanceOf(UsageException.class)
                .hasMessage("malformed comparison: mod k > 0");
        assertThatThrownBy(() -> TxnReader.compare("mod(\"k\") >= \"0\"")).isInstanceOf(UsageException.class)
                .hasMessage("malformed comparison: mod(\"k\") >= \"0\" (unknown operator >=)");
        assertThatThrownBy(() -> TxnReader.op("put")).hasMessage("invalid txn request: put");
        assertThatThrownBy(() -> TxnReader.op("get k --nope")).hasMessageStartingWith("invalid txn request: get k --nope");
        assertThatThrownBy(() -> TxnReader.op("put k")).isInstanceOf(UsageException.class)
                .hasMessage("put command needs 1 argument and input from stdin or 2 arguments");
    }

    private static ByteSequence bs(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
