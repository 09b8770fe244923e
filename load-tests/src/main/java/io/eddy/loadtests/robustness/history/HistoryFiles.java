package io.eddy.loadtests.robustness.history;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A history as JSON lines, so that a failing history can be kept and checked again: one line
 * per operation ({@code "type":"op"}) then one per watch session ({@code "type":"watch"}).
 * {@link #read} gives back an equal {@link History}.
 */
public final class HistoryFiles {
    private HistoryFiles() {
    }

    /** Writes {@code history} to {@code file} (replacing it). */
    public static void write(History history, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Operation op : history.operations()) {
                out.write(line(toMap(op)));
                out.newLine();
            }
            for (WatchSession session : history.watches()) {
                out.write(line(toMap(session)));
                out.newLine();
            }
        }
    }

    /** Reads a file written by {@link #write}; throws IllegalArgumentException naming the bad line. */
    public static History read(Path file) throws IOException {
        List<Operation> ops = new ArrayList<>();
        List<WatchSession> watches = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Map<?, ?> map = (Map<?, ?>) Json.parse(line);
                    switch ((String) map.get("type")) {
                        case "op" -> ops.add(operation(map));
                        case "watch" -> watches.add(session(map));
                        default -> throw new IllegalArgumentException("unknown type " + map.get("type"));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return new History(ops, watches);
    }

    private static String line(Map<String, Object> map) {
        StringBuilder out = new StringBuilder();
        Json.write(out, map);
        return out.toString();
    }

    private static Map<String, Object> toMap(Operation op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "op");
        m.put("id", op.id());
        m.put("client", op.client());
        m.put("kind", op.kind().name());
        m.put("keys", op.keys());
        m.put("rangeEnd", op.rangeEnd());
        m.put("value", op.value());
        m.put("expected", op.expected());
        m.put("invoke", op.invokeNanos());
        m.put("complete", op.completeNanos());
        m.put("outcome", op.outcome().name());
        m.put("revision", op.result().revision());
        m.put("succeeded", op.result().succeeded());
        m.put("deleted", op.result().deleted());
        m.put("kvs", op.result().kvs().stream().map(HistoryFiles::toMap).toList());
        m.put("error", op.error());
        return m;
    }

    private static Map<String, Object> toMap(Kv kv) {
        if (kv == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", kv.key());
        m.put("value", kv.value());
        m.put("mod", kv.modRevision());
        m.put("ver", kv.version());
        return m;
    }

    private static Map<String, Object> toMap(WatchSession w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "watch");
        m.put("id", w.id());
        m.put("watcher", w.watcher());
        m.put("key", w.key());
        m.put("rangeEnd", w.rangeEnd());
        m.put("start", w.startRevision());
        m.put("prevKv", w.prevKv());
        m.put("startNanos", w.startNanos());
        m.put("endNanos", w.endNanos());
        m.put("end", w.end());
        List<Object> batches = new ArrayList<>();
        for (ObservedBatch b : w.batches()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("rev", b.revision());
            bm.put("at", b.receivedNanos());
            bm.put("events", b.events().stream().map(e -> {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("put", e.put());
                em.put("kv", toMap(e.kv()));
                em.put("prev", toMap(e.prevKv()));
                return (Object) em;
            }).toList());
            batches.add(bm);
        }
        m.put("batches", batches);
        return m;
    }

    private static Operation operation(Map<?, ?> m) {
        OpResult result = new OpResult(num(m, "revision"), (Boolean) m.get("succeeded"), num(m, "deleted"),
                ((List<?>) m.get("kvs")).stream().map(o -> kv((Map<?, ?>) o)).toList());
        return new Operation((int) num(m, "id"), (int) num(m, "client"), OpKind.valueOf((String) m.get("kind")),
                ((List<?>) m.get("keys")).stream().map(o -> (String) o).toList(), (String) m.get("rangeEnd"),
                (String) m.get("value"), (String) m.get("expected"), num(m, "invoke"), num(m, "complete"),
                Outcome.valueOf((String) m.get("outcome")), result, (String) m.get("error"));
    }

    private static WatchSession session(Map<?, ?> m) {
        List<ObservedBatch> batches = new ArrayList<>();
        for (Object o : (List<?>) m.get("batches")) {
            Map<?, ?> b = (Map<?, ?>) o;
            List<WatchEvent> events = ((List<?>) b.get("events")).stream().map(e -> {
                Map<?, ?> em = (Map<?, ?>) e;
                return new WatchEvent((Boolean) em.get("put"), kv((Map<?, ?>) em.get("kv")),
                        kv((Map<?, ?>) em.get("prev")));
            }).toList();
            batches.add(new ObservedBatch(num(b, "rev"), events, num(b, "at")));
        }
        return new WatchSession((int) num(m, "id"), (int) num(m, "watcher"), (String) m.get("key"),
                (String) m.get("rangeEnd"), num(m, "start"), (Boolean) m.get("prevKv"), num(m, "startNanos"),
                num(m, "endNanos"), batches, (String) m.get("end"));
    }

    private static Kv kv(Map<?, ?> m) {
        return m == null ? null : new Kv((String) m.get("key"), (String) m.get("value"), num(m, "mod"), num(m, "ver"));
    }

    private static long num(Map<?, ?> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("field " + field + " is not a number: " + v);
        }
        return l;
    }
}
