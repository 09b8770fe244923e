package io.eddy.cli;

import io.eddy.client.SnapshotFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code snapshot save <file>}: saves a consistent backup of one member's store, checked against its SHA-256. */
@Command(name = "snapshot", description = "Manages etcd node snapshots", mixinStandardHelpOptions = true,
        subcommands = SnapshotCommand.Save.class)
final class SnapshotCommand implements Runnable {
    @Override
    public void run() {
        throw new UsageException("snapshot needs a subcommand: save");
    }

    /** {@code snapshot save <file>}. */
    @Command(name = "save", description = "Stores an etcd node backend snapshot to a given file",
            mixinStandardHelpOptions = true)
    static final class Save extends CtlCommand {
        @Parameters(arity = "0..*", paramLabel = "<filename>")
        List<String> args = List.of();

        @Override
        void prepare(Context context) {
            if (args.size() != 1) {
                throw new UsageException("snapshot save expects one argument");
            }
        }

        @Override
        void run(Session session) {
            SnapshotFile saved = session.client().maintenance().snapshot(Path.of(args.get(0))).block();
            session.context().out().println("Snapshot saved at " + saved.file() + " (" + saved.bytes() + " bytes, revision "
                    + saved.revision() + ", sha256 " + saved.sha256() + ")");
        }
    }
}
