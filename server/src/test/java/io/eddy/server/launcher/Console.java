package io.eddy.server.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Captured stdout and stderr of one in-process launcher run. */
final class Console {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    List<String> errLines() {
        return err().lines().toList();
    }

    /** {@link Launcher#configure} with this console's streams. */
    Launcher.Outcome configure(Map<String, String> env, String... args) {
        return Launcher.configure(args, env, out, err);
    }

    /** {@link Launcher#run} that must not get as far as a running member. */
    int runExpectingNoMember(Map<String, String> env, String... args) {
        return Launcher.run(args, env, out, err, member -> {
            member.stop("test");
            throw new AssertionError("a member started for " + List.of(args));
        });
    }
}
