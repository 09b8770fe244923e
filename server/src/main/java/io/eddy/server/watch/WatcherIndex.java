package io.eddy.server.watch;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The synced watchers by what they watch, for matching each event's key: single-key watchers
 * in a hash map (O(1) per event), range and prefix watchers in a map ordered by start key,
 * grouped by identical range, scanned from the first start up to the event's key
 * (O(number of distinct ranges starting at or before the key) per event: cheap for many
 * watchers of a few prefixes, linear in the worst case; an interval tree is the next step if
 * that case matters). Hub thread only.
 */
final class WatcherIndex {
    private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();
    /** Stands for "no end" in {@link #ranges} (a real end always sorts after its start, so never empty). */
    private static final ByteString NO_END = ByteString.EMPTY;

    private final Map<ByteString, List<Watcher>> exact = new HashMap<>();
    private final NavigableMap<ByteString, Map<ByteString, List<Watcher>>> ranges = new TreeMap<>(ORDER);
    private int size;
    private int withPrevKv;

    void add(Watcher watcher) {
        WatchSpec spec = watcher.spec;
        if (spec.singleKey()) {
            exact.computeIfAbsent(spec.key(), k -> new ArrayList<>(1)).add(watcher);
        } else {
            ranges.computeIfAbsent(spec.key(), k -> new HashMap<>(2))
                    .computeIfAbsent(end(spec), k -> new ArrayList<>(1)).add(watcher);
        }
        size++;
        withPrevKv += spec.prevKv() ? 1 : 0;
    }

    void remove(Watcher watcher) {
        WatchSpec spec = watcher.spec;
        boolean removed;
        if (spec.singleKey()) {
            List<Watcher> list = exact.get(spec.key());
            removed = list != null && list.remove(watcher);
            if (list != null && list.isEmpty()) {
                exact.remove(spec.key());
            }
        } else {
            Map<ByteString, List<Watcher>> byEnd = ranges.get(spec.key());
            List<Watcher> list = byEnd == null ? null : byEnd.get(end(spec));
            removed = list != null && list.remove(watcher);
            if (list != null && list.isEmpty()) {
                byEnd.remove(end(spec));
                if (byEnd.isEmpty()) {
                    ranges.remove(spec.key());
                }
            }
        }
        if (removed) {
            size--;
            withPrevKv -= spec.prevKv() ? 1 : 0;
        }
    }

    /** Calls {@code action} for every watcher whose range holds {@code key}. */
    void forEachMatch(ByteString key, Consumer<Watcher> action) {
        List<Watcher> single = exact.get(key);
        if (single != null) {
            single.forEach(action);
        }
        for (Map<ByteString, List<Watcher>> byEnd : ranges.headMap(key, true).values()) {
            for (Map.Entry<ByteString, List<Watcher>> entry : byEnd.entrySet()) {
                if (entry.getKey().isEmpty() || ORDER.compare(key, entry.getKey()) < 0) {
                    entry.getValue().forEach(action);
                }
            }
        }
    }

    /** Every watcher, in no particular order. */
    List<Watcher> all() {
        List<Watcher> all = new ArrayList<>(size);
        exact.values().forEach(all::addAll);
        ranges.values().forEach(byEnd -> byEnd.values().forEach(all::addAll));
        return all;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Whether a watcher whose range holds {@code key} wants previous versions (the shared log
     * read fetches them for such keys only). O(1) when no watcher wants them.
     */
    boolean wantsPrevKv(ByteString key) {
        if (withPrevKv == 0) {
            return false;
        }
        List<Watcher> single = exact.get(key);
        if (single != null && single.stream().anyMatch(w -> w.spec.prevKv())) {
            return true;
        }
        for (Map<ByteString, List<Watcher>> byEnd : ranges.headMap(key, true).values()) {
            for (Map.Entry<ByteString, List<Watcher>> entry : byEnd.entrySet()) {
                if ((entry.getKey().isEmpty() || ORDER.compare(key, entry.getKey()) < 0)
                        && entry.getValue().stream().anyMatch(w -> w.spec.prevKv())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ByteString end(WatchSpec spec) {
        return spec.rangeEnd() == null ? NO_END : spec.rangeEnd();
    }
}
