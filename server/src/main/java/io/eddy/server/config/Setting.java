package io.eddy.server.config;

import java.util.Objects;

/**
 * One typed configuration key.
 *
 * @param name         dotted name, e.g. {@code limits.max-key-bytes}
 * @param type         value type ({@code Integer}, {@code Long}, {@code String}, ...)
 * @param defaultValue used when nothing sets the key
 * @param unit         unit of the value ("bytes", "ms", "count"), or "" when it has none
 * @param description  one line for help texts and docs
 */
public record Setting<T>(String name, Class<T> type, T defaultValue, String unit, String description) {
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return name;
    }
}
