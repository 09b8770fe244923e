package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Header;
import io.eddy.client.Member;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code member list}: one row per member (id, status, name, peer address, client address, learner). */
@Command(name = "list", description = "Lists all members in the cluster", mixinStandardHelpOptions = true)
final class MemberListCommand extends CtlCommand {
    @Override
    boolean printsTables() {
        return true;
    }

    @Override
    void run(Session session) {
        EddyClient client = session.client();
        List<Member> members = session.await(client.cluster().members());
        Header header = session.format().equals("json")
                ? session.await(client.maintenance().status()).header()
                : new Header(0, 0, 0, 0);
        session.printer().memberList(header, members);
    }
}
