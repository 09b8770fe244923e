package io.eddy.cli;

import picocli.CommandLine.IVersionProvider;

/** eddyctl's version: the jar's Implementation-Version (the Maven project version), else "dev". */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = EddyCtl.class.getPackage().getImplementationVersion();
        return new String[] {"eddyctl version: " + (version == null ? "dev" : version)};
    }
}
