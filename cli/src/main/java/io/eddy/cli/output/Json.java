package io.eddy.cli.output;

import io.eddy.client.ByteSequence;
import java.util.Base64;

/**
 * A minimal JSON writer producing what Go's {@code encoding/json} produces for etcdctl's
 * structs: fields in the order written, no spaces, strings escaped as Go escapes them (including
 * {@code <}, {@code >} and {@code &}), bytes in standard base64, and the {@code omitempty}
 * fields ({@code *IfSet} methods) left out when zero or empty.
 */
final class Json {
    private final StringBuilder text = new StringBuilder();
    private boolean first = true;

    Json begin() {
        separate();
        text.append('{');
        first = true;
        return this;
    }

    Json end() {
        text.append('}');
        first = false;
        return this;
    }

    Json beginArray() {
        separate();
        text.append('[');
        first = true;
        return this;
    }

    Json endArray() {
        text.append(']');
        first = false;
        return this;
    }

    /** Starts the value of field {@code name} (an object or array follows). */
    Json name(String name) {
        separate();
        string(name);
        text.append(':');
        first = true;
        return this;
    }

    Json field(String name, long value) {
        return name(name).raw(Long.toString(value));
    }

    Json fieldIfSet(String name, long value) {
        return value == 0 ? this : field(name, value);
    }

    /** An unsigned 64-bit field (etcd's ids), left out when zero. */
    Json unsignedIfSet(String name, long value) {
        return value == 0 ? this : name(name).raw(Long.toUnsignedString(value));
    }

    Json field(String name, boolean value) {
        return name(name).raw(Boolean.toString(value));
    }

    Json fieldIfSet(String name, boolean value) {
        return value ? field(name, true) : this;
    }

    Json field(String name, String value) {
        name(name);
        first = false;
        string(value);
        return this;
    }

    Json fieldIfSet(String name, String value) {
        return value.isEmpty() ? this : field(name, value);
    }

    Json bytesIfSet(String name, ByteSequence value) {
        return value.isEmpty() ? this : field(name, Base64.getEncoder().encodeToString(value.toByteArray()));
    }

    /** JSON's null (Go's nil slice), after {@link #name}. */
    Json nullValue() {
        return raw("null");
    }

    /** A string element of an array. */
    Json element(String value) {
        separate();
        string(value);
        return this;
    }

    private Json raw(String value) {
        text.append(value);
        first = false;
        return this;
    }

    private void separate() {
        if (!first) {
            text.append(',');
        }
        first = false;
    }

    private void string(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
