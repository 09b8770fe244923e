package io.eddy.cli;

import io.eddy.client.ByteSequence;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The frame of every eddyctl command: resolve the global flags into a {@link Session}, check
 * the command's own arguments ({@link #prepare}, before any connection), run it, close the
 * clients. Failures propagate to {@link EddyCtl}'s handler, which prints {@code Error: ...}
 * and picks the exit code.
 */
abstract class CtlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (Session session = Session.of((EddyCtl) spec.root().userObject(), printsTables())) {
            prepare(session.context());
            run(session);
        }
        return ExitCodes.SUCCESS;
    }

    /** True for the commands etcdctl prints as tables with {@code -w table}. */
    boolean printsTables() {
        return false;
    }

    /** Checks arguments and reads what the command needs from standard input; throws {@link UsageException}. */
    void prepare(Context context) {
    }

    /** Runs the command: requests, then printing. */
    abstract void run(Session session);

    /** The UTF-8 bytes of a command-line argument. */
    static ByteSequence bytes(String text) {
        return ByteSequence.fromUtf8(text);
    }
}
