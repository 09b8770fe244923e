package io.eddy.cli;

import io.eddy.cli.output.EndpointHealth;
import io.eddy.cli.output.EndpointStatus;
import io.eddy.client.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code endpoint status|health}: asks each endpoint (each member's client address with
 * {@code --cluster}) for its status, or whether it serves a linearizable read. An endpoint that
 * fails is reported on stderr and makes the command fail after the others are printed, as in
 * etcdctl.
 */
@Command(name = "endpoint", description = "Endpoint related commands", mixinStandardHelpOptions = true,
        subcommands = {EndpointCommand.Status.class, EndpointCommand.Health.class})
final class EndpointCommand implements Runnable {
    @Override
    public void run() {
        throw new UsageException("endpoint needs a subcommand: status or health");
    }

    /** The endpoints to ask: the flag's, or with {@code cluster} every member's client address. */
    static List<String> endpoints(Session session, boolean cluster) {
        if (!cluster) {
            return session.endpoints();
        }
        List<String> endpoints = new ArrayList<>();
        for (Member member : session.await(session.client().cluster().members())) {
            endpoints.addAll(member.clientAddresses());
        }
        return endpoints;
    }

    /** {@code endpoint status}. */
    @Command(name = "status", description = "Prints out the status of endpoints specified in `--endpoints` flag",
            mixinStandardHelpOptions = true)
    static final class Status extends CtlCommand {
        @Option(names = "--cluster", arity = "0..1", description = "use all endpoints from the cluster member list")
        boolean cluster;

        @Override
        boolean printsTables() {
            return true;
        }

        @Override
        void run(Session session) {
            List<EndpointStatus> statuses = new ArrayList<>();
            boolean failed = false;
            for (String endpoint : endpoints(session, cluster)) {
                try {
                    io.eddy.client.Status status = session.await(session.clientOf(endpoint).maintenance().status());
                    statuses.add(new EndpointStatus(endpoint, status));
                } catch (RuntimeException e) {
                    failed = true;
                    session.context().err().println("Failed to get the status of endpoint " + endpoint + " ("
                            + EddyCtl.describe(e) + ")");
                }
            }
            session.printer().endpointStatus(statuses);
            if (failed) {
                throw new CommandFailedException("some endpoints did not answer");
            }
        }
    }

    /** {@code endpoint health}. */
    @Command(name = "health", description = "Checks the healthiness of endpoints specified in `--endpoints` flag",
            mixinStandardHelpOptions = true)
    static final class Health extends CtlCommand {
        @Option(names = "--cluster", arity = "0..1", description = "use all endpoints from the cluster member list")
        boolean cluster;

        @Override
        boolean printsTables() {
            return true;
        }

        @Override
        void run(Session session) {
            List<EndpointHealth> healths = new ArrayList<>();
            for (String endpoint : endpoints(session, cluster)) {
                long start = System.nanoTime();
                String error = "";
                try {
                    session.await(session.clientOf(endpoint).kv().get(bytes("health")));
                } catch (RuntimeException e) {
                    error = EddyCtl.describe(e);
                }
                healths.add(new EndpointHealth(endpoint, error.isEmpty(), Duration.ofNanos(System.nanoTime() - start),
                        error));
            }
            session.printer().endpointHealth(healths);
            if (healths.stream().anyMatch(h -> !h.healthy())) {
                throw new CommandFailedException("unhealthy cluster");
            }
        }
    }
}
