package io.eddy.server.launcher;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A config file: {@link Properties} syntax in UTF-8 ({@code key=value}, {@code key: value},
 * {@code #} comments, backslash escapes), keys being the setting names of
 * {@link EddySettings#all()}. Every key must be a setting: a typo is an error, not a
 * silently ignored line.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * Reads the file into setting name to text.
     *
     * @throws IllegalArgumentException one line: the file cannot be read, or names an unknown key
     */
    static Map<String, String> read(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + path + ": cannot read it ("
                    + Failures.oneLine(e) + ")");
        }
        Set<String> known = EddySettings.all().stream().map(Setting::name).collect(Collectors.toSet());
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("config file " + path + ": unknown setting '" + key
                        + "' (see --help)");
            }
            values.put(key, properties.getProperty(key));
        }
        return values;
    }
}
