package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Member;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code member promote <name|id>}: makes a learner a voter once it has caught up. */
@Command(name = "promote", description = "Promotes a non-voting member in the cluster", mixinStandardHelpOptions = true)
final class MemberPromoteCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<name|memberID>")
    List<String> args = List.of();

    @Override
    void prepare(Context context) {
        if (args.size() != 1) {
            throw new UsageException("member ID is not provided");
        }
    }

    @Override
    void run(Session session) {
        EddyClient client = session.client();
        Member member = MemberCommand.find(session, client, args.get(0));
        String cluster = MemberCommand.clusterId(session, client);
        session.await(client.cluster().promote(member.name()));
        session.context().out().println("Member " + Long.toHexString(member.id()) + " promoted in cluster " + cluster);
    }
}
