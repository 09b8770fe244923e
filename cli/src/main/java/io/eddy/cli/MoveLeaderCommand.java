package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Member;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code move-leader <name|id>}: hands the leadership to a voter; returns once it leads. */
@Command(name = "move-leader", description = "Transfers leadership to another etcd cluster member.",
        mixinStandardHelpOptions = true)
final class MoveLeaderCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<transferee name|member ID>")
    List<String> args = List.of();

    @Override
    void prepare(Context context) {
        if (args.size() != 1) {
            throw new UsageException("move-leader command needs 1 argument");
        }
    }

    @Override
    void run(Session session) {
        EddyClient client = session.client();
        Member target = MemberCommand.find(session, client, args.get(0));
        String from = session.await(client.cluster().members()).stream().filter(Member::leader)
                .map(m -> Long.toHexString(m.id())).findFirst().orElse("0");
        session.await(client.cluster().moveLeader(target.name()));
        session.context().out().println("Leadership transferred from " + from + " to " + Long.toHexString(target.id()));
    }
}
