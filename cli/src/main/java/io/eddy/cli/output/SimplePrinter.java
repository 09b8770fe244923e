package io.eddy.cli.output;

import io.eddy.client.ByteSequence;
import io.eddy.client.DeleteResult;
import io.eddy.client.GetResult;
import io.eddy.client.Header;
import io.eddy.client.KeyValue;
import io.eddy.client.Member;
import io.eddy.client.OpResult;
import io.eddy.client.PutResult;
import io.eddy.client.TxnResult;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * etcdctl's {@code simple} format: a key on one line and its value on the next (raw bytes, or
 * {@code \x..} escapes with {@code --hex}), {@code OK} for a put, the count for a delete,
 * {@code SUCCESS}/{@code FAILURE} then each result after an empty line for a txn, the event type
 * then the key and value for a watch, comma-separated rows for members and endpoints.
 */
class SimplePrinter implements Printer {
    final PrintStream out;
    final PrintStream err;
    private final boolean hex;

    SimplePrinter(PrintStream out, PrintStream err, boolean hex) {
        this.out = out;
        this.err = err;
        this.hex = hex;
    }

    @Override
    public void get(GetResult result, boolean valueOnly) {
        for (KeyValue kv : result.kvs()) {
            kv(kv, valueOnly);
        }
        out.flush();
    }

    @Override
    public void put(PutResult result) {
        line("OK");
        result.prevKv().ifPresent(kv -> kv(kv, false));
        out.flush();
    }

    @Override
    public void delete(DeleteResult result) {
        line(Long.toString(result.deleted()));
        result.prevKvs().forEach(kv -> kv(kv, false));
        out.flush();
    }

    @Override
    public void txn(TxnResult result) {
        line(result.succeeded() ? "SUCCESS" : "FAILURE");
        for (OpResult op : result.results()) {
            line("");
            if (op instanceof GetResult get) {
                get(get, false);
            } else if (op instanceof PutResult put) {
                put(put);
            } else if (op instanceof DeleteResult delete) {
                delete(delete);
            }
        }
        out.flush();
    }

    @Override
    public void watch(WatchBatch batch) {
        if (batch.isProgressNotify()) {
            line("progress notify: " + batch.revision());
        }
        for (WatchEvent event : batch.events()) {
            line(event.type().name());
            event.prevKv().ifPresent(kv -> kv(kv, false));
            kv(event.kv(), false);
        }
        out.flush();
    }

    @Override
    public void compaction(long revision) {
        line("compacted revision " + revision);
        out.flush();
    }

    @Override
    public void memberList(Header header, List<Member> members) {
        Rows.members(members).rows().forEach(row -> line(String.join(", ", row)));
        out.flush();
    }

    @Override
    public void endpointStatus(List<EndpointStatus> statuses) {
        Rows.statuses(statuses).rows().forEach(row -> line(String.join(", ", row)));
        out.flush();
    }

    @Override
    public void endpointHealth(List<EndpointHealth> healths) {
        for (EndpointHealth health : healths) {
            String took = io.eddy.cli.Durations.format(health.took());
            if (health.healthy()) {
                line(health.endpoint() + " is healthy: successfully committed proposal: took = " + took);
            } else {
                err.println(health.endpoint() + " is unhealthy: failed to commit proposal: " + health.error());
            }
        }
        out.flush();
        err.flush();
    }

    private void kv(KeyValue kv, boolean valueOnly) {
        if (!valueOnly) {
            bytes(kv.key());
        }
        bytes(kv.value());
    }

    private void bytes(ByteSequence bytes) {
        if (hex) {
            String digits = HexFormat.of().formatHex(bytes.toByteArray());
            StringBuilder escaped = new StringBuilder();
            for (int i = 0; i < digits.length(); i += 2) {
                escaped.append("\\x").append(digits, i, i + 2);
            }
            line(escaped.toString());
        } else {
            out.writeBytes(bytes.toByteArray());
            out.write('\n');
        }
    }

    final void line(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
