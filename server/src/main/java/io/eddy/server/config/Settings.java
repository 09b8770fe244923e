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

    /**
     * A copy with {@code setting} set from its text form.
     *
     * @throws IllegalArgumentException with a one-line reason when the text is not a valid value
     */
    public <T> Settings withText(Setting<T> setting, String text) {
        return with(setting, parse(setting, text));
    }

    /** Parses the text form of a value of {@code setting}'s type. */
    public static <T> T parse(Setting<T> setting, String text) {
        String trimmed = text.trim();
        Object value;
        try {
            if (setting.type() == String.class) {
                value = trimmed;
            } else if (setting.type() == Integer.class) {
                value = Integer.valueOf(trimmed);
            } else if (setting.type() == Long.class) {
                value = Long.valueOf(trimmed);
            } else if (setting.type() == Boolean.class) {
                if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                value = Boolean.valueOf(trimmed);
            } else {
                throw new IllegalStateException("no parser for " + setting.type());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting.name() + ": '" + text + "' is not a valid "
                    + setting.type().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + (setting.unit().isEmpty() ? "" : " (" + setting.unit() + ")"));
        }
        return setting.type().cast(value);
    }

    /** A copy with {@code setting} set to {@code value}. */
    public <T> Settings with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> copy = new HashMap<>(values);
        copy.put(setting, setting.type().cast(value));
        return new Settings(copy);
    }
}
