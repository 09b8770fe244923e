package io.eddy.server.mvcc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.mvcc.ChangePage;
import io.eddy.server.mvcc.MvccStore;
import java.util.List;

/**
 * Asserts that two stores hold the same logical state: revision, compact revision, every
 * key at the current revision (range {@code ["\0", "\0")}: the whole response, values
 * included), {@code hash(0)}, and the change log from the compact revision on.
 * Failure messages name keys and revisions, never whole values.
 */
final class StoreComparison {
    private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});
    private static final int CHANGE_PAGE_EVENTS = 2_000;

    private StoreComparison() {
    }

    static void assertSameState(MvccStore expected, MvccStore actual, String where) {
        assertEquals(expected.revision(), actual.revision(), where + ": revision");
        assertEquals(expected.compactRevision(), actual.compactRevision(), where + ": compact revision");
        RangeRequest all = RangeRequest.newBuilder().setKey(ALL).setRangeEnd(ALL).build();
        assertSameRange(expected.range(all), actual.range(all), where);
        assertEquals(expected.hash(0), actual.hash(0), where + ": hash(0)");
        assertSameChanges(expected, actual, where);
    }

    private static void assertSameRange(RangeResponse expected, RangeResponse actual, String where) {
        assertEquals(expected.getHeader().getRevision(), actual.getHeader().getRevision(),
                where + ": range revision");
        assertEquals(expected.getCount(), actual.getCount(), where + ": range count");
        assertEquals(expected.getMore(), actual.getMore(), where + ": range more");
        List<KeyValue> e = expected.getKvsList();
        List<KeyValue> a = actual.getKvsList();
        for (int k = 0; k < Math.min(e.size(), a.size()); k++) {
            if (!e.get(k).equals(a.get(k))) {
                fail(where + ": key #" + k + " differs: expected " + describe(e.get(k)) + ", got " + describe(a.get(k)));
            }
        }
        assertEquals(e.size(), a.size(), where + ": number of keys");
    }

    private static void assertSameChanges(MvccStore expected, MvccStore actual, String where) {
        long from = expected.compactRevision();
        while (true) {
            ChangePage e = expected.changes(from, CHANGE_PAGE_EVENTS, false);
            ChangePage a = actual.changes(from, CHANGE_PAGE_EVENTS, false);
            for (int c = 0; c < Math.min(e.changes().size(), a.changes().size()); c++) {
                if (!e.changes().get(c).equals(a.changes().get(c))) {
                    fail(where + ": change log differs at revision " + e.changes().get(c).revision() + " (got "
                            + a.changes().get(c).revision() + ", " + a.changes().get(c).events().size()
                            + " events, expected " + e.changes().get(c).events().size() + ")");
                }
            }
            assertEquals(e.changes().size(), a.changes().size(), where + ": change page size from " + from);
            assertEquals(e.nextRevision(), a.nextRevision(), where + ": change page end from " + from);
            if (e.changes().isEmpty()) {
                return;
            }
            from = e.nextRevision();
        }
    }

    static String describe(KeyValue kv) {
        return "{key=" + kv.getKey().toStringUtf8() + ", create=" + kv.getCreateRevision() + ", mod="
                + kv.getModRevision() + ", version=" + kv.getVersion() + ", lease=" + kv.getLease() + ", value="
                + kv.getValue().size() + " bytes, hash " + kv.getValue().hashCode() + "}";
    }
}
