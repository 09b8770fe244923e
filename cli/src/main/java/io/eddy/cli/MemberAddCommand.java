package io.eddy.cli;

import io.eddy.client.EddyClient;
import io.eddy.client.Member;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code member add <name> --peer-urls=<host:port>}: adds a member (a learner with
 * {@code --learner}) and prints the settings to start it with, as etcdctl prints its ETCD_*
 * variables.
 */
@Command(name = "add", description = "Adds a member into the cluster", mixinStandardHelpOptions = true)
final class MemberAddCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<memberName>")
    List<String> args = List.of();

    @Option(names = "--peer-urls", defaultValue = "", description = "the new member's peer address (host:port)")
    String peerUrls;

    @Option(names = "--learner", arity = "0..1", description = "indicates if the new member is raft learner")
    boolean learner;

    private String peer;

    @Override
    void prepare(Context context) {
        if (args.size() != 1) {
            throw new UsageException("member name not provided");
        }
        if (peerUrls.isBlank()) {
            throw new UsageException("member peer urls not provided");
        }
        if (peerUrls.contains(",")) {
            throw new UsageException("an Eddy member has one peer address, not several: " + peerUrls);
        }
        peer = peerUrls.startsWith("http://") ? peerUrls.substring("http://".length()) : peerUrls;
    }

    @Override
    void run(Session session) {
        EddyClient client = session.client();
        String name = args.get(0);
        List<Member> members = session.await(client.cluster().add(name, peer, learner));
        Member added = members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new CommandFailedException("member " + name + " is not in the new member list"));
        PrintStream out = session.context().out();
        out.println("Member " + Long.toHexString(added.id()) + " added to cluster " + MemberCommand.clusterId(session, client));
        out.println();
        out.println("EDDY_NAME=\"" + name + "\"");
        out.println("EDDY_INITIAL_CLUSTER=\"" + members.stream().filter(m -> !m.peerAddresses().isEmpty())
                .map(m -> m.name() + "=" + m.peerAddresses().get(0)).collect(Collectors.joining(",")) + "\"");
        out.println("EDDY_LISTEN_PEER=\"" + peer + "\"");
        out.println("EDDY_INITIAL_CLUSTER_STATE=\"existing\"");
        out.flush();
    }
}
