package io.eddy.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.Event;
import io.eddy.server.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change log's previous versions are looked up only for the keys the reader asks for
 * (a watch of one key reading a page full of other keys' events fetches none of theirs).
 */
class ChangeLogPrevKvTest {
    @Test
    void previousVersionsOnlyForTheKeysTheReaderSelects() {
        StoreDriver driver = new StoreDriver(MvccStore.open(new MemoryEngine(Schema.TABLES), Limits.DEFAULTS));
        long from = driver.store().revision() + 1;
        for (int round = 0; round < 3; round++) {
            driver.put("a", "a" + round);
            driver.put("b", "b" + round);
        }
        ChangePage selected = driver.store().changes(from, 100, key -> key.equals(StoreDriver.bytes("a")));
        List<Event> events = selected.changes().stream().flatMap(change -> change.events().stream()).toList();
        assertThat(events).hasSize(6);
        assertThat(events).filteredOn(e -> e.getKv().getKey().toStringUtf8().equals("b"))
                .as("no previous version for a key the reader did not select").noneMatch(Event::hasPrevKv);
        assertThat(events).filteredOn(e -> e.getKv().getKey().toStringUtf8().equals("a"))
                .extracting(e -> e.hasPrevKv() ? e.getPrevKv().getValue().toStringUtf8() : "-")
                .containsExactly("-", "a0", "a1");

        List<Event> all = driver.store().changes(from, 100, true).changes().stream()
                .flatMap(change -> change.events().stream()).toList();
        assertThat(all).filteredOn(Event::hasPrevKv).hasSize(4);
        assertThat(driver.store().changes(from, 100, false).changes().stream()
                .flatMap(change -> change.events().stream())).noneMatch(Event::hasPrevKv);
    }
}
