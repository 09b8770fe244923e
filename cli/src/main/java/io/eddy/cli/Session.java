package io.eddy.cli;

import io.eddy.cli.output.Printer;
import io.eddy.client.EddyClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What one command runs with: the global flags checked and resolved (endpoints, time-outs,
 * printer) and the clients it opens, closed at the end. {@link #client()} dials first
 * ({@link Dialer}), so unreachable endpoints fail within the dial timeout.
 */
final class Session implements AutoCloseable {
    private final Context context;
    private final List<String> endpoints;
    private final Duration dialTimeout;
    private final Duration commandTimeout;
    private final Printer printer;
    private final String format;
    private final List<EddyClient> opened = new ArrayList<>();
    private EddyClient client;

    private Session(Context context, List<String> endpoints, Duration dialTimeout, Duration commandTimeout,
            Printer printer, String format) {
        this.context = context;
        this.format = format;
        this.endpoints = endpoints;
        this.dialTimeout = dialTimeout;
        this.commandTimeout = commandTimeout;
        this.printer = printer;
    }

    /**
     * Resolves the global flags of {@code root} for a command that prints tables when
     * {@code tables} is true.
     *
     * @throws UsageException for a bad duration, endpoint or output format
     */
    static Session of(EddyCtl root, boolean tables) {
        Context context = root.context();
        // As etcdctl reads ETCDCTL_DIAL_TIMEOUT and ETCDCTL_COMMAND_TIMEOUT: flag, else variable, else default.
        Duration dial = duration("--dial-timeout", orEnv(root.dialTimeout, context, "EDDYCTL_DIAL_TIMEOUT", "2s"));
        Duration command = duration("--command-timeout",
                orEnv(root.commandTimeout, context, "EDDYCTL_COMMAND_TIMEOUT", "5s"));
        String format = root.writeOut;
        if (!List.of("simple", "json", "table").contains(format)) {
            throw new UsageException("unknown output format \"" + format + "\" (simple, json or table)");
        }
        if (format.equals("table") && !tables) {
            throw new UsageException("table not supported as output format");
        }
        return new Session(context, endpoints(root), dial, command, Printer.of(format, context.out(), context.err(), root.hex),
                format);
    }

    private static String orEnv(String flag, Context context, String variable, String fallback) {
        if (flag != null) {
            return flag;
        }
        String value = context.env().get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<String> endpoints(EddyCtl root) {
        List<String> given = root.endpoints;
        if (given == null || given.isEmpty()) {
            String env = root.context().env().get(EddyCtl.ENDPOINTS_ENV);
            given = env == null || env.isBlank() ? EddyCtl.DEFAULT_ENDPOINTS : Arrays.asList(env.split(","));
        }
        List<String> endpoints = given.stream().map(String::trim).filter(e -> !e.isEmpty())
                .map(e -> e.startsWith("http://") ? e.substring("http://".length()) : e).toList();
        if (endpoints.isEmpty()) {
            throw new UsageException("no endpoints given");
        }
        for (String endpoint : endpoints) {
            try {
                EddyClient.builder().endpoints(endpoint).build().close();
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad endpoint \"" + endpoint + "\": " + e.getMessage());
            }
        }
        return endpoints;
    }

    private static Duration duration(String flag, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    /** The context of the run (streams, environment). */
    Context context() {
        return context;
    }

    /** The printer of the chosen output format. */
    Printer printer() {
        return printer;
    }

    /** The output format: simple, json or table. */
    String format() {
        return format;
    }

    /** The endpoints, in the order given. */
    List<String> endpoints() {
        return endpoints;
    }

    /** The bound of each request ({@code --command-timeout}). */
    Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * The client of every endpoint, opened on first use after dialing: fails with a
     * {@link CommandFailedException} when no endpoint accepts a connection within the dial timeout.
     * The reachable endpoints come first, so the first request goes to one of them.
     */
    EddyClient client() {
        if (client == null) {
            List<String> ordered = Dialer.reachableFirst(endpoints, dialTimeout);
            client = open(ordered);
        }
        return client;
    }

    /**
     * A client of {@code endpoint} alone, for per-endpoint commands, without the dial step: an
     * unreachable endpoint fails the requests made through it (fast when refused, else within
     * the command timeout), which those commands report per endpoint.
     */
    EddyClient clientOf(String endpoint) {
        return open(List.of(endpoint));
    }

    private EddyClient open(List<String> list) {
        EddyClient opened = EddyClient.builder().endpoints(list.toArray(String[]::new))
                .requestTimeout(commandTimeout).build();
        this.opened.add(opened);
        return opened;
    }

    /** Waits for {@code mono}'s value (the client bounds it by the command timeout); null when empty. */
    <T> T await(Mono<T> mono) {
        return mono.block(commandTimeout.plusSeconds(30));
    }

    @Override
    public void close() {
        opened.forEach(EddyClient::close);
    }
}
