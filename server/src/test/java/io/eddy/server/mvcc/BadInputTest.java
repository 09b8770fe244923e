package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.CommandResult;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gets its own error code and changes nothing (revision, applied
 * data and hash are as before); where etcd answers without an error, so does Eddy.
 */
class BadInputTest {
    private static final Limits LIMITS = new Limits(16, 64, 4096, 128);

    @TempDir
    Path dir;
    private XodusEngine engine;
    private StoreDriver driver;

    @BeforeEach
    void open() {
        engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS);
        driver = new StoreDriver(MvccStore.open(engine, LIMITS));
        driver.put("a", "1");
        driver.put("b", "2");
        driver.put("a", "3");
        assertThat(driver.compact(3).hasError()).isFalse();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void emptyKey() {
        expectRejected(ErrorCode.EMPTY_KEY, () -> driver.put("", "x"));
        expectRejected(ErrorCode.EMPTY_KEY, () -> driver.delete(DeleteRangeRequest.getDefaultInstance()));
        expectRejected(ErrorCode.EMPTY_KEY, () -> driver.txn(TxnRequest.newBuilder()
                .addSuccess(op(PutRequest.newBuilder().setValue(bytes("x")).build())).build()));
        assertRangeFails(ErrorCode.EMPTY_KEY, RangeRequest.getDefaultInstance());
    }

    @Test
    void futureAndCompactedRevisions() {
        assertRangeFails(ErrorCode.FUTURE_REVISION, RangeRequest.newBuilder().setKey(bytes("a")).setRevision(5).build());
        assertRangeFails(ErrorCode.COMPACTED, RangeRequest.newBuilder().setKey(bytes("a")).setRevision(2).build());
        expectRejected(ErrorCode.COMPACTED, () -> driver.compact(3));
        expectRejected(ErrorCode.FUTURE_REVISION, () -> driver.compact(5));
        expectRejected(ErrorCode.FUTURE_REVISION, () -> driver.txn(TxnRequest.newBuilder()
                .addSuccess(op(PutRequest.newBuilder().setKey(bytes("c")).build()))
                .addSuccess(RequestOp.newBuilder().setRequestRange(
                        RangeRequest.newBuilder().setKey(bytes("a")).setRevision(5))).build()));
        EddyException compacted = catchRange(RangeRequest.newBuilder().setKey(bytes("a")).setRevision(1).build());
        assertThat(compacted.error().getCompactRevision()).isEqualTo(3);
    }

    @Test
    void txnLimitsAndDuplicates() {
        TxnRequest.Builder tooMany = TxnRequest.newBuilder();
        for (int i = 0; i < 129; i++) {
            tooMany.addSuccess(op(PutRequest.newBuilder().setKey(bytes("k" + i)).build()));
        }
        expectRejected(ErrorCode.TOO_MANY_TXN_OPS, () -> driver.txn(tooMany.build()));
        expectRejected(ErrorCode.DUPLICATE_KEY, () -> driver.txn(TxnRequest.newBuilder()
                .addSuccess(op(PutRequest.newBuilder().setKey(bytes("k")).build()))
                .addSuccess(op(PutRequest.newBuilder().setKey(bytes("k")).build())).build()));
        expectRejected(ErrorCode.DUPLICATE_KEY, () -> driver.txn(TxnRequest.newBuilder()
                .addFailure(op(PutRequest.newBuilder().setKey(bytes("k")).build()))
                .addFailure(RequestOp.newBuilder().setRequestDeleteRange(
                        DeleteRangeRequest.newBuilder().setKey(bytes("a")).setRangeEnd(bytes("z")))).build()));
    }

    /** etcd accepts one order of these siblings; Eddy refuses both (one write per key per revision). */
    @Test
    void siblingNestedTxnsMayNotPutAndDeleteOneKeyInEitherOrder() {
        RequestOp putK = RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder()
                .addSuccess(op(PutRequest.newBuilder().setKey(bytes("k")).build()))).build();
        RequestOp deleteK = RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder()
                .addFailure(RequestOp.newBuilder().setRequestDeleteRange(
                        DeleteRangeRequest.newBuilder().setKey(bytes("k"))))).build();
        expectRejected(ErrorCode.DUPLICATE_KEY, () -> driver.txn(TxnRequest.newBuilder()
                .addSuccess(putK).addSuccess(deleteK).build()));
        expectRejected(ErrorCode.DUPLICATE_KEY, () -> driver.txn(TxnRequest.newBuilder()
                .addSuccess(deleteK).addSuccess(putK).build()));
        CommandResult exclusive = driver.txn(TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder()
                        .addSuccess(op(PutRequest.newBuilder().setKey(bytes("k")).build()))
                        .addFailure(RequestOp.newBuilder().setRequestDeleteRange(
                                DeleteRangeRequest.newBuilder().setKey(bytes("k")))))).build());
        assertThat(exclusive.hasError()).as("then and else of one txn never run together").isFalse();
    }

    @Test
    void sizeLimits() {
        expectRejected(ErrorCode.KEY_TOO_LARGE, () -> driver.put("k".repeat(17), "x"));
        expectRejected(ErrorCode.VALUE_TOO_LARGE, () -> driver.put("k", "v".repeat(65)));
        TxnRequest.Builder large = TxnRequest.newBuilder();
        for (int i = 0; i < 80; i++) {
            large.addSuccess(op(PutRequest.newBuilder().setKey(bytes("k" + i)).setValue(bytes("v".repeat(60))).build()));
        }
        expectRejected(ErrorCode.REQUEST_TOO_LARGE, () -> driver.txn(large.build()));
        assertRangeFails(ErrorCode.KEY_TOO_LARGE, RangeRequest.newBuilder().setKey(bytes("k".repeat(17))).build());
    }

    @Test
    void ignoreFlags() {
        expectRejected(ErrorCode.VALUE_PROVIDED, () -> driver.put(PutRequest.newBuilder()
                .setKey(bytes("a")).setValue(bytes("x")).setIgnoreValue(true).build()));
        expectRejected(ErrorCode.LEASE_PROVIDED, () -> driver.put(PutRequest.newBuilder()
                .setKey(bytes("a")).setLease(7).setIgnoreLease(true).build()));
        expectRejected(ErrorCode.KEY_NOT_FOUND, () -> driver.put(PutRequest.newBuilder()
                .setKey(bytes("missing")).setIgnoreValue(true).build()));
    }

    @Test
    void etcdAnswersTheseWithoutAnError() {
        RangeRequest backwards = RangeRequest.newBuilder().setKey(bytes("b")).setRangeEnd(bytes("a")).build();
        assertThat(driver.store().range(backwards).getKvsList()).isEmpty();
        RangeRequest latest = RangeRequest.newBuilder().setKey(bytes("a")).setRevision(-1).build();
        assertThat(driver.store().range(latest).getKvs(0).getValue()).isEqualTo(bytes("3"));
        assertThat(driver.store().range(latest.toBuilder().setRevision(0).build()).getKvs(0).getModRevision())
                .isEqualTo(4);
    }

    /** Applies {@code write}, expects {@code code}, and checks nothing changed. */
    private void expectRejected(ErrorCode code, Supplier<CommandResult> write) {
        long revision = driver.store().revision();
        KvHash hash = driver.store().hash(0);
        CommandResult result = write.get();
        assertThat(result.hasError()).as("expected %s, got %s", code, result).isTrue();
        assertThat(result.getError().getCode()).isEqualTo(code);
        assertThat(result.getError().getMessage()).isNotBlank();
        assertThat(driver.store().revision()).isEqualTo(revision);
        assertThat(driver.store().hash(0)).isEqualTo(hash);
    }

    private void assertRangeFails(ErrorCode code, RangeRequest request) {
        assertThat(catchRange(request).code()).isEqualTo(code);
    }

    private EddyException catchRange(RangeRequest request) {
        try {
            driver.store().range(request);
        } catch (EddyException e) {
            return e;
        }
        throw new AssertionError("range should have failed: " + request);
    }

    private static RequestOp op(PutRequest put) {
        return RequestOp.newBuilder().setRequestPut(put).build();
    }
}
