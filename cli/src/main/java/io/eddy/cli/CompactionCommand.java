package io.eddy.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compaction <revision>}: discards the history before {@code revision}. {@code --physical}
 * is accepted for etcdctl's sake: Eddy's compaction returns once it is applied by the cluster.
 */
@Command(name = "compaction", description = "Compacts the event history in etcd", mixinStandardHelpOptions = true)
final class CompactionCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<revision>")
    List<String> args = List.of();

    @Option(names = "--physical", arity = "0..1",
            description = "accepted for etcdctl compatibility (Eddy's compaction is applied when the command returns)")
    boolean physical;

    private long revision;

    @Override
    void prepare(Context context) {
        if (args.size() != 1) {
            throw new UsageException("compaction command needs 1 argument");
        }
        try {
            revision = Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            throw new UsageException("strconv.ParseInt: parsing \"" + args.get(0) + "\": invalid syntax");
        }
    }

    @Override
    void run(Session session) {
        session.await(session.client().kv().compact(revision));
        session.printer().compaction(revision);
    }
}
