package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Member;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code member remove <name|id>}: removes a member. */
@Command(name = "remove", description = "Removes a member from the cluster", mixinStandardHelpOptions = true)
final class MemberRemoveCommand extends CtlCommand {
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
        session.await(client.cluster().remove(member.name()));
        session.context().out().println("Member " + Long.toHexString(member.id()) + " removed from cluster " + cluster);
    }
}
