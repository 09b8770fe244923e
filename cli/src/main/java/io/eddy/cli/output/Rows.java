package io.eddy.cli.output;

import io.eddy.client.Member;
import io.eddy.client.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of etcdctl's member and endpoint tables, shared by the simple format (one line per
 * row, cells joined by ", ") and the table format.
 *
 * @param header the column titles
 * @param rows   one row per member or endpoint
 */
record Rows(List<String> header, List<List<String>> rows) {
    private static final String[] SI_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    static Rows members(List<Member> members) {
        List<List<String>> rows = new ArrayList<>();
        for (Member member : members) {
            rows.add(List.of(Long.toHexString(member.id()), member.name().isEmpty() ? "unstarted" : "started",
                    member.name(), String.join(",", member.peerAddresses()), String.join(",", member.clientAddresses()),
                    Boolean.toString(member.learner())));
        }
        return new Rows(List.of("ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"), rows);
    }

    static Rows statuses(List<EndpointStatus> statuses) {
        List<List<String>> rows = new ArrayList<>();
        for (EndpointStatus endpoint : statuses) {
            Status status = endpoint.status();
            rows.add(List.of(endpoint.endpoint(), Long.toHexString(status.header().memberId()), status.version(),
                    humanBytes(status.dbSizeBytes()), Boolean.toString(status.leaderId() == status.header().memberId()),
                    Boolean.toString(status.learner()), Long.toString(status.raftTerm()),
                    Long.toString(status.raftIndex()), Long.toString(status.raftAppliedIndex()),
                    String.join(", ", status.errors())));
        }
        return new Rows(List.of("ENDPOINT", "ID", "VERSION", "DB SIZE", "IS LEADER", "IS LEARNER", "RAFT TERM",
                "RAFT INDEX", "RAFT APPLIED INDEX", "ERRORS"), rows);
    }

    static Rows healths(List<EndpointHealth> healths) {
        List<List<String>> rows = new ArrayList<>();
        for (EndpointHealth health : healths) {
            rows.add(List.of(health.endpoint(), Boolean.toString(health.healthy()),
                    io.eddy.cli.Durations.format(health.took()), health.error()));
        }
        return new Rows(List.of("ENDPOINT", "HEALTH", "TOOK", "ERROR"), rows);
    }

    /** Bytes as etcdctl prints a database size (go-humanize's SI format): {@code 512 B}, {@code 20 kB}, {@code 1.5 MB}. */
    static String humanBytes(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        int exponent = (int) Math.floor(Math.log(bytes) / Math.log(1000));
        exponent = Math.min(exponent, SI_UNITS.length - 1);
        BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.TEN.pow(3 * exponent))
                .setScale(1, RoundingMode.HALF_UP);
        int digits = value.compareTo(BigDecimal.TEN) < 0 ? 1 : 0;
        return value.setScale(digits, RoundingMode.HALF_EVEN).toPlainString() + " " + SI_UNITS[exponent];
    }
}
