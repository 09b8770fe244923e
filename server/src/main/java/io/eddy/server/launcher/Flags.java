package io.eddy.server.launcher;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code eddy-server}, built with picocli's programmatic API from
 * {@link EddySettings#all()}: one option {@code --<name>} per setting (taken as text and parsed
 * by {@link io.eddy.server.config.Settings#parse}, so flags, variables and the file report bad
 * values alike), plus {@code --config-file}, {@code --help} and {@code --version}. The help
 * text is generated from the settings: description, default with unit, environment variable.
 */
final class Flags {
    static final String CONFIG_FILE = "--config-file";

    private Flags() {
    }

    /** What the command line asked for. */
    record Parsed(boolean help, boolean version, String configFile, Map<String, String> settings) {
    }

    /** A fresh parser (picocli keeps parse state in the spec: one per parse). */
    static CommandLine commandLine(String version) {
        CommandSpec spec = CommandSpec.create()
                .name(Launcher.PROGRAM)
                .version(Launcher.PROGRAM + " " + version)
                .mixinStandardHelpOptions(true);
        spec.usageMessage()
                .width(100)
                .longOptionsMaxWidth(46)
                .sortOptions(false)
                .customSynopsis(Launcher.PROGRAM + " [--config-file=<path>] [--<setting>=<value>]... [-hV]",
                        Launcher.PROGRAM + " restore --snapshot=<file> [--name=<text>] [--data-dir=<path>] ..."
                                + " (see restore --help)")
                .descriptionHeading("%n")
                .description(
                        "Runs one Eddy member until SIGINT or SIGTERM.",
                        "Every setting is a flag --<name>, an environment variable EDDY_<NAME> (upper case, '.' and"
                                + " '-' as '_') or a key of the config file; a flag wins over a variable, a variable"
                                + " over the file, the file over the default.",
                        "")
                .footer("", "Exit codes: 1 the member could not start, 2 bad usage or settings; after SIGINT or"
                        + " SIGTERM the member stops cleanly (exit 130 or 143).");
        spec.addOption(OptionSpec.builder(CONFIG_FILE)
                .paramLabel("<path>")
                .type(String.class)
                .description("settings file, Java properties syntax (key=value or key: value; keys are the"
                        + " setting names below); env: " + SettingsResolver.CONFIG_FILE_ENV)
                .build());
        for (Setting<?> setting : EddySettings.all()) {
            spec.addOption(OptionSpec.builder("--" + setting.name())
                    .paramLabel(label(setting))
                    .type(String.class)
                    .description(escape(setting.description()),
                            escape("default: " + defaultText(setting) + "; env: " + SettingsResolver.envName(setting)))
                    .build());
        }
        CommandLine commandLine = new CommandLine(spec);
        commandLine.setExpandAtFiles(false);
        commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        return commandLine;
    }

    /**
     * Parses {@code args}.
     *
     * @throws CommandLine.ParameterException for an unknown flag, a missing value, a repeated flag
     */
    static Parsed parse(CommandLine commandLine, String[] args) {
        ParseResult result = commandLine.parseArgs(args);
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting<?> setting : EddySettings.all()) {
            String value = result.matchedOptionValue("--" + setting.name(), (String) null);
            if (value != null) {
                values.put(setting.name(), value);
            }
        }
        return new Parsed(result.isUsageHelpRequested(), result.isVersionHelpRequested(),
                result.matchedOptionValue(CONFIG_FILE, (String) null), values);
    }

    /** The value placeholder: the unit when it says what to write, else the kind of value. */
    static String label(Setting<?> setting) {
        if (!setting.unit().isEmpty()) {
            return "<" + setting.unit() + ">";
        }
        String kind = setting.type() == String.class ? "text" : setting.type().getSimpleName();
        return "<" + kind.toLowerCase(Locale.ROOT) + ">";
    }

    /**
     * The default as help shows it: numbers with their unit (sizes also in KiB/MiB), strings
     * as they are ("empty" when empty).
     */
    static String defaultText(Setting<?> setting) {
        String value = String.valueOf(setting.defaultValue());
        if (value.isEmpty()) {
            return "empty";
        }
        if (!(setting.defaultValue() instanceof Number number) || setting.unit().isEmpty()
                || setting.unit().equals("count")) {
            return value;
        }
        String text = value + " " + setting.unit();
        long n = number.longValue();
        if (setting.unit().equals("bytes") && n >= 1024 && n % 1024 == 0) {
            text += n % (1024 * 1024) == 0 ? " (" + n / (1024 * 1024) + " MiB)" : " (" + n / 1024 + " KiB)";
        }
        return text;
    }

    /** picocli formats descriptions ({@code %n}, {@code ${var}}): keep settings' text literal. */
    private static String escape(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }
}
