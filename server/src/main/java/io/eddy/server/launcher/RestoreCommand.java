package io.eddy.server.launcher;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import io.eddy.server.launcher.Member.StartupFailure;
import io.eddy.server.mvcc.NewClusterReset;
import io.eddy.server.node.NodeConfig;
import io.eddy.server.node.SnapshotRestore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code eddy-server restore}: makes the data directory of a member of a NEW cluster from a
 * snapshot file ({@code eddyctl snapshot save}, {@code maintenance.snapshot}), offline, like
 * {@code etcdutl snapshot restore}. Flags only (no environment variables, no config file):
 * {@code --snapshot} and the member's {@code --name}, {@code --data-dir},
 * {@code --initial-cluster} and {@code --initial-cluster-token}, with the same defaults and
 * checks as for running a member. The file is verified as it is loaded (its CRC-32C trailer and
 * structure); a data directory that exists and is not empty is refused.
 *
 * <p>Exit codes: 0 restored (one line on stdout), 1 the restore failed (unreadable, corrupt or
 * truncated snapshot, data directory not empty or in use, write failure; nothing is left in
 * the data directory), 2 bad usage; 1 and 2 come with one line on stderr.
 */
final class RestoreCommand {
    /** The first argument that selects this command. */
    static final String NAME = "restore";
    static final String SNAPSHOT = "--snapshot";
    private static final String PROGRAM = Launcher.PROGRAM + " " + NAME;
    /** The settings a restore takes; the others do not matter to it. */
    private static final List<Setting<String>> SETTINGS = List.of(EddySettings.NAME, EddySettings.DATA_DIR,
            EddySettings.INITIAL_CLUSTER, EddySettings.INITIAL_CLUSTER_TOKEN);

    private RestoreCommand() {
    }

    /** Runs the restore with {@code args} (those after {@code restore}); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine();
        Path snapshot;
        NodeConfig config;
        try {
            ParseResult parsed;
            try {
                parsed = commandLine.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                err.println(PROGRAM + ": " + Failures.fold(String.valueOf(e.getMessage())) + " (see --help)");
                return Launcher.EXIT_USAGE;
            }
            if (parsed.isUsageHelpRequested()) {
                commandLine.usage(out, Help.Ansi.OFF);
                return Launcher.EXIT_OK;
            }
            if (parsed.isVersionHelpRequested()) {
                out.println(Launcher.PROGRAM + " " + Launcher.version());
                return Launcher.EXIT_OK;
            }
            snapshot = Path.of(parsed.matchedOptionValue(SNAPSHOT, ""));
            Map<String, String> flags = new LinkedHashMap<>();
            for (Setting<String> setting : SETTINGS) {
                String value = parsed.matchedOptionValue("--" + setting.name(), (String) null);
                if (value != null) {
                    flags.put(setting.name(), value);
                }
            }
            flags.put(EddySettings.INITIAL_CLUSTER_STATE.name(), "new");
            config = NodeConfig.from(SettingsResolver.resolve(flags, Map.of(), Map.of(), "").settings());
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + ": " + Failures.fold(String.valueOf(e.getMessage())));
            return Launcher.EXIT_USAGE;
        }
        try {
            NewClusterReset.Result result = restore(snapshot, config);
            out.println(PROGRAM + ": restored " + snapshot + " (revision " + result.revision() + ", compact revision "
                    + result.compactRevision() + ") into " + config.dataDir() + " for member " + config.name()
                    + " of cluster '" + config.clusterToken() + "'; start it with --initial-cluster-state new and"
                    + " the same --name, --data-dir, --initial-cluster and --initial-cluster-token");
            return Launcher.EXIT_OK;
        } catch (StartupFailure e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return Launcher.EXIT_START_FAILED;
        }
    }

    /** Checks the file and the directory, then restores under the directory's lock; cleans up on failure. */
    private static NewClusterReset.Result restore(Path snapshot, NodeConfig config) throws StartupFailure {
        String file = SNAPSHOT.substring(2) + " " + snapshot;
        if (!Files.isRegularFile(snapshot) || !Files.isReadable(snapshot)) {
            throw new StartupFailure(file + ": " + (Files.exists(snapshot) ? "not a readable file" : "no such file"));
        }
        Path dir = config.dataDir();
        String setting = EddySettings.DATA_DIR.name() + " " + dir.toAbsolutePath();
        boolean created = !Files.exists(dir);
        if (!created) {
            if (!Files.isDirectory(dir)) {
                throw new StartupFailure(setting + ": not a directory");
            }
            if (!isEmpty(dir, setting)) {
                throw new StartupFailure(setting + ": not empty (a restore makes a new member's data directory:"
                        + " give a new or empty one)");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure(setting + ": cannot create it (" + Failures.oneLine(e) + ")");
        }
        boolean restored = false;
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            NewClusterReset.Result result = SnapshotRestore.restore(snapshot, config);
            restored = true;
            return result;
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("cannot restore " + file + " into " + setting + ": " + Failures.oneLine(e));
        } finally {
            lock.close();
            if (!restored) {
                // Leave the directory as it was, so that a second attempt is not refused as "not empty".
                deleteQuietly(dir.resolve(DataDirLock.FILE_NAME));
                if (created) {
                    deleteQuietly(dir);
                }
            }
        }
    }

    private static boolean isEmpty(Path dir, String setting) throws StartupFailure {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new StartupFailure(setting + ": cannot list it (" + Failures.oneLine(e) + ")");
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: the error already reported is the one that matters.
        }
    }

    /** The restore's command line: {@code --snapshot} and the member settings it takes. */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create()
                .name(PROGRAM)
                .version(Launcher.PROGRAM + " " + Launcher.version())
                .mixinStandardHelpOptions(true);
        spec.usageMessage()
                .width(100)
                .longOptionsMaxWidth(46)
                .sortOptions(false)
                .customSynopsis(PROGRAM + " --snapshot=<file> [--name=<text>] [--data-dir=<path>]"
                        + " [--initial-cluster=<name=host:port,...>] [--initial-cluster-token=<text>]")
                .descriptionHeading("%n")
                .description(
                        "Makes the data directory of a member of a NEW cluster from a snapshot file (eddyctl snapshot"
                                + " save), offline. Restore every member of the new cluster from the same file with its"
                                + " own --name and --data-dir, then start each with --initial-cluster-state new and the"
                                + " same --initial-cluster and --initial-cluster-token. The keys, their revisions, the"
                                + " current and compact revisions are the snapshot's; the old cluster's Raft position"
                                + " and exactly-once records are not kept.",
                        "")
                .footer("", "Exit codes: 0 restored, 1 the restore failed (snapshot unreadable, corrupt or truncated;"
                        + " data directory not empty or in use), 2 bad usage.");
        spec.addOption(OptionSpec.builder(SNAPSHOT)
                .paramLabel("<file>")
                .type(String.class)
                .required(true)
                .description("the snapshot file to restore (checked: its CRC-32C trailer and structure)")
                .build());
        for (Setting<String> setting : SETTINGS) {
            spec.addOption(OptionSpec.builder("--" + setting.name())
                    .paramLabel(Flags.label(setting))
                    .type(String.class)
                    .description(escape(setting.description()), escape("default: " + Flags.defaultText(setting)
                            + (setting == EddySettings.INITIAL_CLUSTER ? " (this member alone)" : "")))
                    .build());
        }
        CommandLine commandLine = new CommandLine(spec);
        commandLine.setExpandAtFiles(false);
        commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        return commandLine;
    }

    private static String escape(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }
}
