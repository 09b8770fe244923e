package io.eddy.cli;

/** eddyctl's exit codes (docs/eddyctl.md lists them). */
public final class ExitCodes {
    /** The command did what was asked (a txn whose guard failed included). */
    public static final int SUCCESS = 0;
    /** The command failed: the cluster refused it or could not be reached, or a watch was cancelled. */
    public static final int FAILURE = 1;
    /** What was typed is wrong: unknown flag, bad argument or value, malformed txn line. Nothing was sent. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
