package io.eddy.server.launcher;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import io.eddy.server.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves every setting of {@link EddySettings#all()} from its sources, highest first:
 * flags, environment variables ({@code EDDY_<NAME>}), the config file, the default.
 * Pure: the environment and the file contents are passed in.
 */
final class SettingsResolver {
    /** Prefix of the environment variables the launcher reads. */
    static final String ENV_PREFIX = "EDDY_";
    /** Names the config file when {@code --config-file} is not given. */
    static final String CONFIG_FILE_ENV = "EDDY_CONFIG_FILE";

    private SettingsResolver() {
    }

    /**
     * The settings and any warnings (unknown {@code EDDY_*} variables, in name order).
     */
    record Resolution(Settings settings, List<String> warnings) {
        Resolution {
            warnings = List.copyOf(warnings);
        }
    }

    /** The environment variable of a setting: {@code EDDY_} + the name upper-cased, '.' and '-' as '_'. */
    static String envName(Setting<?> setting) {
        return ENV_PREFIX + setting.name().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Applies the sources over the defaults.
     *
     * @param flags    setting name to text, as given on the command line
     * @param env      the process environment (only {@code EDDY_*} entries are read)
     * @param file     setting name to text, from the config file (empty when there is none)
     * @param fileName how to name the config file in messages
     * @throws IllegalArgumentException with a one-line message naming the setting and where
     *                                  the bad value came from
     */
    static Resolution resolve(Map<String, String> flags, Map<String, String> env, Map<String, String> file,
                              String fileName) {
        Settings settings = Settings.defaults();
        for (Setting<?> setting : EddySettings.all()) {
            String fromFlag = flags.get(setting.name());
            String fromEnv = env.get(envName(setting));
            String fromFile = file.get(setting.name());
            if (fromFlag != null) {
                settings = apply(settings, setting, fromFlag, "--" + setting.name());
            } else if (fromEnv != null) {
                settings = apply(settings, setting, fromEnv, "environment variable " + envName(setting));
            } else if (fromFile != null) {
                settings = apply(settings, setting, fromFile, "config file " + fileName);
            }
        }
        return new Resolution(settings, unknownVariables(env));
    }

    private static Settings apply(Settings settings, Setting<?> setting, String text, String source) {
        try {
            return settings.withText(setting, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (from " + source + ")");
        }
    }

    private static List<String> unknownVariables(Map<String, String> env) {
        Set<String> known = new TreeSet<>();
        known.add(CONFIG_FILE_ENV);
        EddySettings.all().forEach(setting -> known.add(envName(setting)));
        List<String> warnings = new ArrayList<>();
        new TreeSet<>(env.keySet()).stream()
                .filter(name -> name.startsWith(ENV_PREFIX) && !known.contains(name))
                .forEach(name -> warnings.add("ignoring environment variable " + name + ": no such setting"));
        return warnings;
    }
}
