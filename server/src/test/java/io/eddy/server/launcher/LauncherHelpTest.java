package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --help} and {@code --version}. */
class LauncherHelpTest {
    @Test
    void helpListsEverySettingWithDefaultUnitDescriptionAndVariable() {
        Console console = new Console();
        int code = console.runExpectingNoMember(Map.of(), "--help");

        assertThat(code).isZero();
        assertThat(console.err()).isEmpty();
        // picocli wraps long lines: compare with whitespace folded.
        String help = console.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--config-file=<path>", "EDDY_CONFIG_FILE", "Exit codes");
        for (Setting<?> setting : EddySettings.all()) {
            assertThat(help).as(setting.name()).contains(
                    "--" + setting.name() + "=" + Flags.label(setting),
                    setting.description(),
                    "default: " + Flags.defaultText(setting) + ";",
                    "env: " + SettingsResolver.envName(setting));
            if (!setting.unit().isEmpty()) {
                assertThat(help).as(setting.name()).contains("<" + setting.unit() + ">");
            }
        }
    }

    @Test
    void defaultsShowTheirUnit() {
        assertThat(Flags.defaultText(EddySettings.ELECTION_TIMEOUT_MIN)).isEqualTo("1000 ms");
        assertThat(Flags.defaultText(EddySettings.MAX_VALUE_BYTES)).isEqualTo("1048576 bytes (1 MiB)");
        assertThat(Flags.defaultText(EddySettings.MAX_KEY_BYTES)).isEqualTo("8192 bytes (8 KiB)");
        assertThat(Flags.defaultText(EddySettings.MAX_TXN_OPS)).isEqualTo("128");
        assertThat(Flags.defaultText(EddySettings.DATA_DIR)).isEqualTo("empty");
        assertThat(Flags.defaultText(EddySettings.LISTEN_CLIENT)).isEqualTo("127.0.0.1:7379");
    }

    @Test
    void shortHelpFlagToo() {
        Console console = new Console();

        assertThat(console.runExpectingNoMember(Map.of(), "-h")).isZero();
        assertThat(console.out()).startsWith("Usage: eddy-server");
    }

    @Test
    void versionPrintsOneLine() {
        Console console = new Console();
        int code = console.runExpectingNoMember(Map.of(), "--version");

        assertThat(code).isZero();
        assertThat(console.out().lines()).singleElement().asString()
                .isEqualTo("eddy-server " + Launcher.version());
        assertThat(Launcher.version()).isNotBlank().doesNotContain("${");
    }
}
