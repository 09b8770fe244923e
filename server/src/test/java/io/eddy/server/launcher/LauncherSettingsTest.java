package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import io.eddy.server.config.Settings;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How flags, environment variables and the config file resolve to settings. */
class LauncherSettingsTest {
    @TempDir
    Path dir;

    @Test
    void nothingGivenMeansEveryDefault() {
        NodeConfig config = configured(Map.of());
        for (Setting<?> setting : EddySettings.all()) {
            assertThat(config.settings().get(setting)).as(setting.name()).isEqualTo(setting.defaultValue());
        }
        assertThat(config.name()).isEqualTo("default");
        assertThat(config.dataDir()).isEqualTo(Path.of("default.eddy"));
    }

    @Test
    void flagWinsOverEnvironmentWhichWinsOverFileWhichWinsOverDefault() throws IOException {
        Path file = write("eddy.conf", """
                # etcd-like
                name: from-file
                raft.election-timeout-min = 700
                initial-cluster-token: file-token
                """);
        Map<String, String> env = Map.of(
                "EDDY_RAFT_ELECTION_TIMEOUT_MIN", "800",
                "EDDY_INITIAL_CLUSTER_TOKEN", "env-token",
                "EDDY_LIMITS_MAX_TXN_OPS", "65");
        Settings settings = configured(env, "--config-file", file.toString(),
                "--initial-cluster-token", "flag-token", "--limits.max-txn-ops=66").settings();

        assertThat(settings.get(EddySettings.MAX_KEY_BYTES)).isEqualTo(EddySettings.MAX_KEY_BYTES.defaultValue());
        assertThat(settings.get(EddySettings.NAME)).isEqualTo("from-file");
        assertThat(settings.get(EddySettings.ELECTION_TIMEOUT_MIN)).isEqualTo(800L);
        assertThat(settings.get(EddySettings.INITIAL_CLUSTER_TOKEN)).isEqualTo("flag-token");
        assertThat(settings.get(EddySettings.MAX_TXN_OPS)).isEqualTo(66);
    }

    @Test
    void configFileComesFromTheFlagElseFromTheEnvironment() throws IOException {
        Path fromEnv = write("env.conf", "name=env-file\n");
        Path fromFlag = write("flag.conf", "name=flag-file\n");
        Map<String, String> env = Map.of("EDDY_CONFIG_FILE", fromEnv.toString());

        assertThat(configured(env).name()).isEqualTo("env-file");
        assertThat(configured(env, "--config-file=" + fromFlag).name()).isEqualTo("flag-file");
    }

    @Test
    void everySettingIsAFlag() {
        List<String> args = new ArrayList<>();
        EddySettings.all().forEach(setting -> args.add("--" + setting.name() + "=" + sample(setting)));
        Flags.Parsed parsed = Flags.parse(Flags.commandLine("test"), args.toArray(String[]::new));

        assertAllSamples(SettingsResolver.resolve(parsed.settings(), Map.of(), Map.of(), null).settings());
    }

    @Test
    void everySettingIsAnEnvironmentVariable() {
        Map<String, String> env = EddySettings.all().stream()
                .collect(Collectors.toMap(SettingsResolver::envName, LauncherSettingsTest::sample));
        SettingsResolver.Resolution resolution = SettingsResolver.resolve(Map.of(), env, Map.of(), null);

        assertAllSamples(resolution.settings());
        assertThat(resolution.warnings()).isEmpty();
    }

    @Test
    void everySettingIsAConfigFileKey() throws IOException {
        String text = EddySettings.all().stream()
                .map(setting -> setting.name() + ": " + sample(setting)).collect(Collectors.joining("\n"));
        Map<String, String> file = ConfigFile.read(write("all.conf", text));

        assertAllSamples(SettingsResolver.resolve(Map.of(), Map.of(), file, "all.conf").settings());
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(SettingsResolver.envName(EddySettings.INITIAL_CLUSTER)).isEqualTo("EDDY_INITIAL_CLUSTER");
        assertThat(SettingsResolver.envName(EddySettings.ELECTION_TIMEOUT_MIN))
                .isEqualTo("EDDY_RAFT_ELECTION_TIMEOUT_MIN");
        assertThat(SettingsResolver.envName(EddySettings.XODUS_CACHE_BYTES))
                .isEqualTo("EDDY_STORAGE_XODUS_CACHE_BYTES");
        assertThat(EddySettings.all().stream().map(SettingsResolver::envName).distinct().count())
                .isEqualTo(EddySettings.all().size());
    }

    @Test
    void allListsEverySettingOnce() {
        assertThat(EddySettings.all()).contains(EddySettings.NAME, EddySettings.DATA_DIR,
                EddySettings.INITIAL_CLUSTER_STATE, EddySettings.ELECTION_TIMEOUT_MIN, EddySettings.MAX_KEY_BYTES);
        assertThat(EddySettings.all().stream().map(Setting::name).distinct().count())
                .isEqualTo(EddySettings.all().size());
    }

    @Test
    void unknownEddyVariablesAreWarnedAboutNotRejected() {
        Map<String, String> env = Map.of("EDDY_NAMEE", "x", "EDDY_CONFIG_FILE", "", "HOME", "/root");
        SettingsResolver.Resolution resolution = SettingsResolver.resolve(Map.of(), env, Map.of(), null);

        assertThat(resolution.warnings()).singleElement().asString().contains("EDDY_NAMEE");
        assertThat(resolution.settings().get(EddySettings.NAME)).isEqualTo("default");
    }

    @Test
    void configFileRejectsUnknownKeysInOneLine() throws IOException {
        Path file = write("typo.conf", "name=n1\nraft.election-timeout=100\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raft.election-timeout")
                .hasMessageNotContaining("\n");
    }

    private NodeConfig configured(Map<String, String> env, String... args) {
        Console console = new Console();
        Launcher.Outcome outcome = console.configure(env, args);
        assertThat(console.err()).isEmpty();
        assertThat(outcome.config()).as("configuration of %s", List.of(args)).isNotNull();
        return outcome.config();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A valid value of {@code setting} that is not its default. */
    private static String sample(Setting<?> setting) {
        Object value = setting.defaultValue();
        if (value instanceof Integer i) {
            return String.valueOf(i + 1);
        }
        if (value instanceof Long l) {
            return String.valueOf(l + 1);
        }
        return "sample-" + setting.name();
    }

    private static void assertAllSamples(Settings settings) {
        Map<String, String> actual = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (Setting<?> setting : EddySettings.all()) {
            actual.put(setting.name(), String.valueOf(settings.get(setting)));
            expected.put(setting.name(), sample(setting));
        }
        assertThat(actual).isEqualTo(expected);
    }
}
