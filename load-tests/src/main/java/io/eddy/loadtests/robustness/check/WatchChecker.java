package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.ObservedBatch;
import io.eddy.loadtests.robustness.history.WatchEvent;
import io.eddy.loadtests.robustness.history.WatchSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The watch guarantees of each session, against the writes that took effect (OK writes and
 * UNKNOWN ones seen applied, by revision; see {@link WriteIndex}). The expected revisions of a
 * session are those of the writes that changed a key in its range, from its start revision on.
 *
 * <ul>
 *   <li>Ordered and unique: event batches have strictly increasing revisions (a duplicate or a
 *       reordering breaks it; a revision split over two batches too).</li>
 *   <li>Atomic per revision: a batch holds exactly the write's changes to keys in the range (key,
 *       put or delete, value), every event carrying the batch's revision; a batch of a revision
 *       that no write made is reported.</li>
 *   <li>No gaps: no expected revision is skipped, up to the last revision the session reached
 *       (its last batch, event or progress).</li>
 *   <li>Progress only after all earlier events: a progress notification at P comes after every
 *       expected revision &lt;= P was delivered, and never goes back.</li>
 *   <li>prevKv correct (when the session asked for it): the key's last change before the event
 *       was a put with that value and modRevision; absent when it was a delete or nothing. An
 *       absent prevKv is accepted where a never-seen UNKNOWN delete may explain it.</li>
 * </ul>
 */
final class WatchChecker {
    private static final int MAX_PER_SESSION = 5;

    private record Event(String key, boolean put, String value) {
    }

    private WatchChecker() {
    }

    static List<Violation> check(List<WatchSession> sessions, WriteIndex index) {
        List<Violation> violations = new ArrayList<>();
        for (WatchSession session : sessions) {
            List<String> found = checkSession(session, index);
            for (String message : found.subList(0, Math.min(MAX_PER_SESSION, found.size()))) {
                violations.add(new Violation("watch", "session " + session.id() + " (watcher " + session.watcher()
                        + ", " + session.key() + ".." + session.rangeEnd() + " from " + session.startRevision() + "): "
                        + message, List.of()));
            }
        }
        return violations;
    }

    private static List<String> checkSession(WatchSession session, WriteIndex index) {
        List<String> problems = new ArrayList<>();
        NavigableMap<Long, List<Event>> expected = new TreeMap<>();
        long highest = session.batches().stream().mapToLong(ObservedBatch::revision).max().orElse(0);
        // only the revisions this session reached matter: a bounded view keeps a long run's check linear
        for (Map.Entry<Long, WriteIndex.Write> w : index.byRevision().subMap(session.startRevision(), true,
                Math.max(highest, session.startRevision()), true).entrySet()) {
            List<Event> events = w.getValue().changes().stream().filter(c -> session.covers(c.key()))
                    .map(c -> new Event(c.key(), c.put(), c.put() ? c.value() : "")).sorted(ORDER).toList();
            if (!events.isEmpty()) {
                expected.put(w.getKey(), events);
            }
        }
        long last = session.startRevision() - 1; // last delivered event revision
        long reached = last;
        for (int i = 0; i < session.batches().size(); i++) {
            ObservedBatch batch = session.batches().get(i);
            String at = "batch " + i + " at revision " + batch.revision();
            if (batch.isProgress()) {
                if (batch.revision() < reached) {
                    problems.add(at + ": progress went back below " + reached);
                }
                Long owed = expected.higherKey(last);
                if (owed != null && owed <= batch.revision()) {
                    problems.add(at + ": progress notification before revision " + owed + " was delivered");
                }
                reached = Math.max(reached, batch.revision());
                continue;
            }
            if (batch.revision() <= last) {
                problems.add(at + ": not after the previous revision " + last + " (duplicate, reordered or split)");
                continue;
            }
            Long skipped = expected.higherKey(last);
            if (skipped != null && skipped < batch.revision()) {
                problems.add(at + ": gap, revision " + skipped + " (" + expected.get(skipped) + ") was skipped");
            }
            List<Event> got = batch.events().stream()
                    .map(e -> new Event(e.kv().key(), e.put(), e.put() ? e.kv().value() : "")).sorted(ORDER).toList();
            List<Event> want = expected.get(batch.revision());
            if (want == null) {
                problems.add(at + ": no known write in the range made this revision; events " + got);
            } else if (!got.equals(want)) {
                problems.add(at + ": events " + got + " are not exactly the write's " + want);
            }
            for (WatchEvent e : batch.events()) {
                if (e.kv().modRevision() != batch.revision()) {
                    problems.add(at + ": event " + e.kv() + " of another revision");
                }
                if (session.prevKv()) {
                    String wrong = checkPrevKv(e, batch, index);
                    if (wrong != null) {
                        problems.add(at + ": " + wrong);
                    }
                }
            }
            last = batch.revision();
            reached = Math.max(reached, last);
        }
        Long missing = expected.higherKey(last);
        if (missing != null && missing <= reached) {
            problems.add("revision " + missing + " " + expected.get(missing) + " was never delivered, though the"
                    + " session reached revision " + reached);
        }
        return problems;
    }

    private static String checkPrevKv(WatchEvent e, ObservedBatch batch, WriteIndex index) {
        String key = e.kv().key();
        Map.Entry<Long, WriteIndex.Change> before = index.changes(key).lowerEntry(batch.revision());
        Kv prev = e.prevKv();
        boolean existed = before != null && before.getValue().put();
        if (prev == null) {
            if (existed && !index.unseenDeleteBefore(key, batch.receivedNanos())) {
                return "event on " + key + " has no prevKv but " + key + " was put at revision " + before.getKey();
            }
            return null;
        }
        if (!existed || before.getKey() != prev.modRevision() || !prev.value().equals(before.getValue().value())) {
            return "event on " + key + " has prevKv " + prev + " but the last change before it is "
                    + (before == null ? "none" : before.getValue() + " at " + before.getKey());
        }
        return null;
    }

    private static final Comparator<Event> ORDER = Comparator.comparing(Event::key).thenComparing(Event::put)
            .thenComparing(Event::value);
}
