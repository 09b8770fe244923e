package io.eddy.server.config;

import java.util.HashMap;
import java.util.Map;

/** An immutable set of values for {@link Setting}s; unset keys read as their default. */
public final class Settings {
    private static final Settings DEFAULTS = new Settings(Map.of());

    private final Map<Setting<?>, Object> values;

    private Settings(Map<Setting<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** Every setting at its default. */
    public static Settings defaults() {
        return DEFAULTS;
    }

    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting);
        return value == null ? setting.defaultValue() : setting.type().cast(value);
    }

    /** A copy with {@code setting} set to {@code value}. */
    public <T> Settings with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> copy = new HashMap<>(values);
        copy.put(setting, setting.type().cast(value));
        return new Settings(copy);
    }
}
