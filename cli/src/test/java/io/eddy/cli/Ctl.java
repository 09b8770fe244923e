package io.eddy.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Runs eddyctl in-process ({@link EddyCtl#execute}) with captured streams. Against a test
 * cluster it sets {@code --command-timeout} to {@link #COMMAND_TIMEOUT} unless the arguments set
 * it: the first requests after a cluster starts can take longer than etcdctl's 5 s on a loaded
 * two-core machine, and these tests judge outputs, not speed.
 */
final class Ctl {
    static final String COMMAND_TIMEOUT = "20s";

    private Ctl() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code args} against {@code endpoints} (none: eddyctl's own resolution) with {@code stdin}. */
    static Result run(List<String> endpoints, Map<String, String> env, String stdin, Mono<Void> interrupt,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>();
        if (!endpoints.isEmpty()) {
            all.add("--endpoints=" + String.join(",", endpoints));
            if (List.of(args).stream().noneMatch(arg -> arg.startsWith("--command-timeout"))) {
                all.add("--command-timeout=" + COMMAND_TIMEOUT);
            }
        }
        all.addAll(List.of(args));
        Context context = new Context(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, false, interrupt);
        int code = EddyCtl.execute(all.toArray(String[]::new), context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} against {@code endpoints} with empty standard input. */
    static Result run(List<String> endpoints, String... args) {
        return run(endpoints, Map.of(), "", Mono.never(), args);
    }
}
