package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Member;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code member list|add|remove|promote}: the cluster's membership. Members are named by their
 * name or by their id in hex (as etcdctl prints it).
 */
@Command(name = "member", description = "Membership related commands", mixinStandardHelpOptions = true,
        subcommands = {MemberListCommand.class, MemberAddCommand.class, MemberRemoveCommand.class,
                MemberPromoteCommand.class})
final class MemberCommand implements Runnable {
    @Override
    public void run() {
        throw new UsageException("member needs a subcommand: list, add, remove or promote");
    }

    /** The member named {@code nameOrId} (a name, or an id in hex). */
    static Member find(Session session, EddyClient client, String nameOrId) {
        List<Member> members = session.await(client.cluster().members());
        for (Member member : members) {
            if (member.name().equals(nameOrId)) {
                return member;
            }
        }
        for (Member member : members) {
            if (Long.toHexString(member.id()).equalsIgnoreCase(nameOrId)) {
                return member;
            }
        }
        throw new CommandFailedException("no member named or with id \"" + nameOrId + "\" (eddyctl member list lists them)");
    }

    /** The cluster id, in hex. */
    static String clusterId(Session session, EddyClient client) {
        return Long.toHexString(session.await(client.maintenance().status()).header().clusterId());
    }
}
