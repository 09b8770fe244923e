package io.eddy.loadtests.bench;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small JSON writer for the result file (no JSON library is a dependency): maps, collections,
 * records (by component, in declaration order), strings, numbers, booleans and null. Objects
 * and arrays whose members are all scalars go on one line; the rest is indented. Non-finite
 * numbers become null.
 */
final class Json {
    private Json() {
    }

    /** {@code value} as JSON text. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Record record) {
            value = fields(record);
        }
        if (value instanceof Map<?, ?> map) {
            boolean flat = map.values().stream().allMatch(Json::scalar);
            out.append('{');
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(i++ == 0 ? "" : ",").append(flat ? (i == 1 ? "" : " ") : "\n" + inner);
                string(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), inner);
            }
            out.append(flat || map.isEmpty() ? "" : "\n" + indent).append('}');
        } else if (value instanceof Collection<?> list) {
            boolean flat = list.stream().allMatch(Json::scalar);
            out.append('[');
            String inner = indent + "  ";
            int i = 0;
            for (Object item : list) {
                out.append(i++ == 0 ? "" : ",").append(flat ? (i == 1 ? "" : " ") : "\n" + inner);
                write(out, item, inner);
            }
            out.append(flat || list.isEmpty() ? "" : "\n" + indent).append(']');
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(out, value.toString());
        }
    }

    /** Whether {@code value} prints on one line: a scalar, or a record or map of scalars. */
    private static boolean scalar(Object value) {
        if (value instanceof Record record) {
            return fields(record).values().stream().allMatch(Json::plain);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(Json::plain);
        }
        return plain(value);
    }

    private static boolean plain(Object value) {
        return !(value instanceof Record || value instanceof Map || value instanceof Collection);
    }

    private static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                fields.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
        return fields;
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
