package io.eddy.cli.output;

import io.eddy.client.Header;
import io.eddy.client.Member;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * etcdctl's {@code table} format: ASCII tables for member list and endpoint status and health.
 * Other commands refuse it before sending anything (as etcdctl: "table not supported as output
 * format"); should one reach this printer, it prints the simple format.
 */
final class TablePrinter extends SimplePrinter {
    TablePrinter(PrintStream out, PrintStream err, boolean hex) {
        super(out, err, hex);
    }

    @Override
    public void memberList(Header header, List<Member> members) {
        table(Rows.members(members));
    }

    @Override
    public void endpointStatus(List<EndpointStatus> statuses) {
        table(Rows.statuses(statuses));
    }

    @Override
    public void endpointHealth(List<EndpointHealth> healths) {
        table(Rows.healths(healths));
    }

    private void table(Rows rows) {
        out.writeBytes(AsciiTable.render(rows).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
