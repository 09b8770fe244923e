package io.eddy.server.launcher;

import io.eddy.server.launcher.Member.StartupFailure;
import io.eddy.server.launcher.SettingsResolver.Resolution;
import io.eddy.server.node.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * {@code eddy-server}: runs one Eddy member (see the package documentation for the settings,
 * their sources and the exit codes). {@link #main} is {@link #run} with the real environment
 * and streams, serving until the JVM is told to stop.
 */
public final class Launcher {
    /** The program's name in messages and help. */
    static final String PROGRAM = "eddy-server";
    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {
    }

    /** What to do once the member runs; returns the exit code. The member is the callee's to stop. */
    @FunctionalInterface
    interface Serve {
        int serve(Member member);
    }

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // With fewer than 3 CPUs the JDK's common pool has parallelism 1 and every async
        // CompletableFuture step without an executor (Ratis has some on its append path) gets
        // a new thread: hundreds per second. Must run before anything touches the pool.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        // gRPC (inside Ratis) logs through java.util.logging: one format, one set of levels.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        DroppedErrors.install();
        int code = run(args, System.getenv(), System.out, System.err, Launcher::untilShutdown);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * The outcome of reading the command line: either an exit code (help, version, bad
     * usage) or the member's configuration.
     */
    record Outcome(int exitCode, NodeConfig config) {
        static Outcome exit(int code) {
            return new Outcome(code, null);
        }
    }

    /**
     * Parses the settings, starts the member and hands it to {@code serve}; or, when the first
     * argument is {@code restore}, runs {@link RestoreCommand} with the others instead.
     *
     * @param env the environment ({@code EDDY_*} variables)
     * @param out where {@code --help} and {@code --version} go
     * @param err where the one-line error goes
     * @return 0 after help or version; 2 for bad usage or settings and 1 when the member could
     *         not start (both with one line on {@code err}); else what {@code serve} returns
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Serve serve) {
        if (args.length > 0 && args[0].equals(RestoreCommand.NAME)) {
            return RestoreCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Outcome outcome = configure(args, env, out, err);
        if (outcome.config() == null) {
            return outcome.exitCode();
        }
        Member member;
        try {
            member = Member.start(outcome.config(), version());
        } catch (StartupFailure e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return EXIT_START_FAILED;
        }
        return serve.serve(member);
    }

    /**
     * Reads flags, environment and config file: prints help or version to {@code out}, or one
     * line to {@code err} for bad usage (exit code 2), or returns the configuration.
     */
    static Outcome configure(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String version = version();
        try {
            CommandLine commandLine = Flags.commandLine(version);
            Flags.Parsed parsed;
            try {
                parsed = Flags.parse(commandLine, args);
            } catch (CommandLine.ParameterException e) {
                err.println(PROGRAM + ": " + Failures.fold(String.valueOf(e.getMessage())) + " (see --help)");
                return Outcome.exit(EXIT_USAGE);
            }
            if (parsed.help()) {
                commandLine.usage(out, Help.Ansi.OFF);
                return Outcome.exit(EXIT_OK);
            }
            if (parsed.version()) {
                out.println(PROGRAM + " " + version);
                return Outcome.exit(EXIT_OK);
            }
            String configFile = parsed.configFile() != null ? parsed.configFile()
                    : env.get(SettingsResolver.CONFIG_FILE_ENV);
            boolean hasFile = configFile != null && !configFile.isBlank();
            Map<String, String> file = hasFile ? ConfigFile.read(Path.of(configFile)) : Map.of();
            Resolution resolution = SettingsResolver.resolve(parsed.settings(), env, file, configFile);
            NodeConfig config = NodeConfig.from(resolution.settings());
            resolution.warnings().forEach(LOG::warn);
            return new Outcome(EXIT_OK, config);
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + ": " + Failures.fold(String.valueOf(e.getMessage())));
            return Outcome.exit(EXIT_USAGE);
        }
    }

    /** Serves until the JVM shuts down (SIGINT, SIGTERM): a shutdown hook stops the member. */
    static int untilShutdown(Member member) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean requested = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            requested.set(true);
            member.stop("shutdown requested");
            done.countDown();
        }, "eddy-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            member.stop("shutdown requested");
            return EXIT_OK;
        }
        // The Raft server can also stop on its own (a storage failure in apply stops it by
        // design): then the process must not linger as a member that serves nothing.
        member.node().stopped().thenRun(done::countDown);
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (requested.get()) {
            return EXIT_OK;
        }
        LOG.error("member {} stopped on its own; exiting", member.node().name());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and stops an already stopped member: harmless
        }
        member.stop("the Raft server stopped");
        return EXIT_START_FAILED;
    }

    /** The project version the jar was built from ({@code dev} when run from unfiltered classes). */
    static String version() {
        return io.eddy.server.config.BuildVersion.get();
    }
}
