package io.eddy.cli.output;

import io.eddy.client.DeleteResult;
import io.eddy.client.GetResult;
import io.eddy.client.Header;
import io.eddy.client.Member;
import io.eddy.client.PutResult;
import io.eddy.client.TxnResult;
import io.eddy.client.WatchBatch;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints the answers of eddyctl's commands in one output format, as etcdctl 3.4 does. Methods
 * write to the printer's stream and flush it (a watch prints as events arrive).
 */
public interface Printer {
    /**
     * The printer of {@code format} ({@code simple}, {@code json} or {@code table}) writing to
     * {@code out} (and {@code err} for unhealthy endpoints); {@code hex} prints keys and values
     * as {@code \x..} escapes in the simple format.
     *
     * @throws IllegalArgumentException for another format
     */
    static Printer of(String format, PrintStream out, PrintStream err, boolean hex) {
        return switch (format) {
            case "simple" -> new SimplePrinter(out, err, hex);
            case "json" -> new JsonPrinter(out);
            case "table" -> new TablePrinter(out, err, hex);
            default -> throw new IllegalArgumentException("unknown output format " + format);
        };
    }

    /** A get; {@code valueOnly} prints values without keys (simple format). */
    void get(GetResult result, boolean valueOnly);

    /** A put. */
    void put(PutResult result);

    /** A delete. */
    void delete(DeleteResult result);

    /** A transaction. */
    void txn(TxnResult result);

    /** The events of one revision of a watch, or a progress notification. */
    void watch(WatchBatch batch);

    /** A compaction up to {@code revision}. */
    void compaction(long revision);

    /** The members; {@code header} is the answering member's. */
    void memberList(Header header, List<Member> members);

    /** The status of each endpoint. */
    void endpointStatus(List<EndpointStatus> statuses);

    /** The health of each endpoint. */
    void endpointHealth(List<EndpointHealth> healths);
}
