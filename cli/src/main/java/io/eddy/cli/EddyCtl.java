package io.eddy.cli;

import io.eddy.client.EddyClientException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code eddyctl}, the command-line client: etcdctl v3's commands, flags and outputs on Eddy's
 * reactive client. {@link #main} runs it as a process; {@link #execute} runs it in-process
 * (tests) with a {@link Context} and returns the exit code instead of exiting.
 *
 * <p>Global flags (given before or after the command): {@code -w/--write-out}, {@code --endpoints},
 * {@code --dial-timeout}, {@code --command-timeout}, {@code --hex}.
 */
@Command(name = "eddyctl", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A simple command line client for Eddy (etcdctl v3's commands and outputs).",
        subcommands = {GetCommand.class, PutCommand.class, DelCommand.class, TxnCommand.class, WatchCommand.class,
                CompactionCommand.class, MemberCommand.class, EndpointCommand.class, MoveLeaderCommand.class,
                SnapshotCommand.class, CommandLine.HelpCommand.class})
public final class EddyCtl implements Runnable {
    /** The endpoints {@code ./eddy up} starts, used when neither the flag nor EDDY_ENDPOINTS is set. */
    public static final List<String> DEFAULT_ENDPOINTS = List.of("127.0.0.1:7379", "127.0.0.1:7479", "127.0.0.1:7579");
    /** The environment variable that overrides {@link #DEFAULT_ENDPOINTS} (comma separated). */
    public static final String ENDPOINTS_ENV = "EDDY_ENDPOINTS";

    @Option(names = {"-w", "--write-out"}, scope = ScopeType.INHERIT, defaultValue = "simple", paramLabel = "<format>",
            description = "set the output format (simple, json, table)")
    String writeOut;

    @Option(names = "--endpoints", scope = ScopeType.INHERIT, split = ",", paramLabel = "<host:port>",
            description = "endpoints, comma separated (default: $EDDY_ENDPOINTS, else 127.0.0.1:7379,127.0.0.1:7479,127.0.0.1:7579)")
    List<String> endpoints;

    @Option(names = "--dial-timeout", scope = ScopeType.INHERIT, paramLabel = "<duration>",
            description = "dial timeout for client connections (default: $EDDYCTL_DIAL_TIMEOUT, else 2s)")
    String dialTimeout;

    @Option(names = "--command-timeout", scope = ScopeType.INHERIT, paramLabel = "<duration>",
            description = "timeout for short running command, excluding dial timeout (default:"
                    + " $EDDYCTL_COMMAND_TIMEOUT, else 5s)")
    String commandTimeout;

    @Option(names = "--hex", scope = ScopeType.INHERIT, description = "print byte strings as hex encoded strings")
    boolean hex;

    private final Context context;

    EddyCtl(Context context) {
        this.context = context;
    }

    /** Runs eddyctl in this process and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, Context.system()));
    }

    /**
     * Runs eddyctl with {@code args} in {@code context} and returns its exit code
     * ({@link ExitCodes}); never exits the JVM. Output goes to the context's streams.
     */
    public static int execute(String[] args, Context context) {
        CommandLine line = new CommandLine(new EddyCtl(context));
        line.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((e, arguments) -> {
            context.err().println("Error: " + e.getMessage());
            context.err().flush();
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err().println("Error: " + describe(e));
            context.err().flush();
            return e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        int code = line.execute(args);
        context.out().flush();
        return code;
    }

    /** The one-line description of a failure, after {@code Error: }. */
    static String describe(Throwable e) {
        if (e instanceof UsageException || e instanceof CommandFailedException || e instanceof EddyClientException) {
            return e.getMessage();
        }
        if (e.getCause() instanceof EddyClientException cause) {
            return cause.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }

    @Override
    public void run() {
        throw new UsageException("no command given (eddyctl --help lists them)");
    }

    /** The context of this run. */
    Context context() {
        return context;
    }
}
