package io.eddy.server.mvcc;

import static io.eddy.server.mvcc.StoreDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.server.errors.EddyException;
import io.eddy.server.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MvccStore#rangePage}: keyset pages at a fixed revision, bounded by keys, bytes and keys visited. */
class RangePageTest {
    private StoreDriver driver;

    @BeforeEach
    void open() {
        driver = new StoreDriver(MvccStore.open(new MemoryEngine(Schema.TABLES), Limits.DEFAULTS));
    }

    @Test
    void pagesFollowEachOtherAtTheirRevisionWhateverIsWrittenLater() {
        for (int k = 0; k < 10; k++) {
            driver.put(key(k), "v" + k);
        }
        long pinned = driver.store().revision();
        driver.delete(DeleteRangeRequest.newBuilder().setKey(bytes(key(5))).build());
        driver.put(key(7), "changed");
        driver.put("k/03a", "new");

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        ByteString from = bytes("k/");
        RangeRequest range = RangeRequest.newBuilder().setKey(from).setRangeEnd(bytes("k0")).build();
        while (true) {
            RangePage page = driver.store().rangePage(range.toBuilder().setKey(from).build(), pinned, 3, 1 << 20, 100);
            sizes.add(page.kvs().size());
            page.kvs().forEach(kv -> seen.add(kv.getKey().toStringUtf8() + "=" + kv.getValue().toStringUtf8()));
            if (page.exhausted()) {
                break;
            }
            from = page.next();
        }
        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(seen).hasSize(10).contains("k/05=v5", "k/07=v7").doesNotContain("k/03a=new");
    }

    @Test
    void aPageStopsBeforeTheKeyThatWouldPassTheByteBoundButAlwaysTakesOne() {
        String big = "x".repeat(1000);
        for (int k = 0; k < 5; k++) {
            driver.put(key(k), big);
        }
        long revision = driver.store().revision();
        RangeRequest range = RangeRequest.newBuilder().setKey(bytes("k/")).setRangeEnd(bytes("k0")).build();

        RangePage two = driver.store().rangePage(range, revision, 100, 2500, 100);
        assertThat(two.kvs()).hasSize(2);
        assertThat(two.kvs().stream().mapToInt(KeyValue::getSerializedSize).sum()).isLessThanOrEqualTo(2500);
        assertThat(two.next()).isEqualTo(bytes(key(2)));

        RangePage one = driver.store().rangePage(range, revision, 100, 10, 100);
        assertThat(one.kvs()).as("the first key even when larger than the bound").hasSize(1);
        assertThat(one.next()).isEqualTo(bytes(key(1)));
    }

    @Test
    void filtersAndKeysOnlyApplyAndAPageVisitsAtMostMaxScanned() {
        for (int k = 0; k < 10; k++) {
            driver.put(key(k), "v");
        }
        long revision = driver.store().revision();
        long lastTwo = revision - 1;
        RangeRequest filtered = RangeRequest.newBuilder().setKey(bytes("k/")).setRangeEnd(bytes("k0"))
                .setMinModRevision(lastTwo).setKeysOnly(true).build();

        RangePage skipped = driver.store().rangePage(filtered, revision, 100, 1 << 20, 4);
        assertThat(skipped.kvs()).as("four keys visited, all filtered out").isEmpty();
        assertThat(skipped.next()).isEqualTo(bytes(key(4)));

        RangePage rest = driver.store().rangePage(filtered.toBuilder().setKey(skipped.next()).build(), revision,
                100, 1 << 20, 100);
        assertThat(rest.kvs()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly(key(8), key(9));
        assertThat(rest.kvs()).allSatisfy(kv -> assertThat(kv.getValue().isEmpty()).isTrue());
        assertThat(rest.exhausted()).isTrue();
    }

    @Test
    void compactedAndFutureRevisionsAreRefused() {
        driver.put("a", "1");
        long first = driver.store().revision();
        driver.put("a", "2");
        driver.compact(driver.store().revision());
        RangeRequest range = RangeRequest.newBuilder().setKey(bytes("a")).build();

        assertThatThrownBy(() -> driver.store().rangePage(range, first, 10, 1 << 20, 100))
                .isInstanceOfSatisfying(EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPACTED));
        assertThatThrownBy(() -> driver.store().rangePage(range, first + 100, 10, 1 << 20, 100))
                .isInstanceOfSatisfying(EddyException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FUTURE_REVISION));
    }

    private static String key(int k) {
        return String.format("k/%02d", k);
    }
}
