package io.eddy.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version this server was built from, as the launcher prints it and status reports it. */
public final class BuildVersion {
    private static final String RESOURCE = "/io/eddy/server/launcher/version.properties";

    private BuildVersion() {
    }

    /** The version of the jar ({@code dev} when running from classes the build did not filter). */
    public static String get() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "dev";
        }
        String version = properties.getProperty("version", "dev");
        return version.startsWith("${") ? "dev" : version;
    }
}
