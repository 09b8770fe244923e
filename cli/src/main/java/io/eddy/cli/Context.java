package io.eddy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Where one run of eddyctl reads and writes: its standard streams, its environment, whether
 * standard input is a terminal, and a signal that ends a long-running command (a watch) as
 * Ctrl-C does. {@link #system()} is the process's own; tests build their own to run eddyctl
 * in-process.
 *
 * @param in        standard input (values of {@code put}, the lines of {@code txn})
 * @param out       standard output; values are written to it as raw bytes
 * @param err       standard error (the {@code Error: ...} line)
 * @param env       environment variables ({@code EDDY_ENDPOINTS})
 * @param terminal  true when standard input is a terminal: {@code txn} then prompts
 * @param interrupt completes when a running watch must stop (never, for the process: Ctrl-C
 *                  ends the JVM)
 */
public record Context(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
        Mono<Void> interrupt) {
    /** Checks the fields and copies the environment. */
    public Context {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(interrupt, "interrupt");
    }

    /** The process's streams and environment; a watch runs until the process is stopped. */
    public static Context system() {
        return new Context(System.in, System.out, System.err, System.getenv(), System.console() != null,
                Mono.never());
    }
}
