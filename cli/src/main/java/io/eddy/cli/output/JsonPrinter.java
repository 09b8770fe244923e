package io.eddy.cli.output;

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
import java.util.List;

/**
 * etcdctl's {@code json} format: one JSON document per answer (per watch batch), with etcd's
 * field names and order ({@code header}, {@code kvs}, {@code more}, {@code count}, ...), keys
 * and values in base64, ids as unsigned decimals and zero fields left out, as etcdctl 3.4's
 * Go structs marshal. A watch batch has no full header in Eddy: its {@code Header} carries the
 * batch's revision only. Compaction prints etcdctl's text line, as etcdctl does.
 */
final class JsonPrinter implements Printer {
    private final PrintStream out;

    JsonPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void get(GetResult result, boolean valueOnly) {
        print(get(new Json().begin(), result).end());
    }

    @Override
    public void put(PutResult result) {
        print(put(new Json().begin(), result).end());
    }

    @Override
    public void delete(DeleteResult result) {
        print(delete(new Json().begin(), result).end());
    }

    @Override
    public void txn(TxnResult result) {
        Json json = header(new Json().begin(), "header", result.header()).fieldIfSet("succeeded", result.succeeded());
        if (!result.results().isEmpty()) {
            json.name("responses").beginArray();
            for (OpResult op : result.results()) {
                json.begin().name("Response").begin();
                if (op instanceof GetResult get) {
                    get(json.name("ResponseRange").begin(), get).end();
                } else if (op instanceof PutResult put) {
                    put(json.name("ResponsePut").begin(), put).end();
                } else if (op instanceof DeleteResult delete) {
                    delete(json.name("ResponseDeleteRange").begin(), delete).end();
                }
                json.end().end();
            }
            json.endArray();
        }
        print(json.end());
    }

    @Override
    public void watch(WatchBatch batch) {
        Json json = new Json().begin();
        json.name("Header").begin().fieldIfSet("revision", batch.revision()).end();
        if (batch.events().isEmpty()) {
            json.name("Events").nullValue();
        } else {
            json.name("Events").beginArray();
            for (WatchEvent event : batch.events()) {
                json.begin().fieldIfSet("type", event.type() == WatchEvent.Type.DELETE ? 1 : 0);
                kv(json.name("kv"), event.kv());
                event.prevKv().ifPresent(prev -> kv(json.name("prev_kv"), prev));
                json.end();
            }
            json.endArray();
        }
        json.field("CompactRevision", 0).field("Canceled", false).field("Created", false);
        print(json.end());
    }

    @Override
    public void compaction(long revision) {
        out.println("compacted revision " + revision);
        out.flush();
    }

    @Override
    public void memberList(Header header, List<Member> members) {
        Json json = header(new Json().begin(), "header", header).name("members").beginArray();
        for (Member member : members) {
            json.begin().unsignedIfSet("ID", member.id()).fieldIfSet("name", member.name());
            strings(json, "peerURLs", member.peerAddresses());
            strings(json, "clientURLs", member.clientAddresses());
            json.fieldIfSet("isLearner", member.learner()).end();
        }
        print(json.endArray().end());
    }

    @Override
    public void endpointStatus(List<EndpointStatus> statuses) {
        Json json = new Json().beginArray();
        for (EndpointStatus endpoint : statuses) {
            var status = endpoint.status();
            json.begin().field("Endpoint", endpoint.endpoint()).name("Status").begin();
            header(json, "header", status.header()).fieldIfSet("version", status.version())
                    .fieldIfSet("dbSize", status.dbSizeBytes()).unsignedIfSet("leader", status.leaderId())
                    .fieldIfSet("raftIndex", status.raftIndex()).unsignedIfSet("raftTerm", status.raftTerm())
                    .fieldIfSet("raftAppliedIndex", status.raftAppliedIndex());
            strings(json, "errors", status.errors());
            json.fieldIfSet("isLearner", status.learner()).end().end();
        }
        print(json.endArray());
    }

    @Override
    public void endpointHealth(List<EndpointHealth> healths) {
        Json json = new Json().beginArray();
        for (EndpointHealth health : healths) {
            json.begin().field("endpoint", health.endpoint()).field("health", health.healthy())
                    .field("took", io.eddy.cli.Durations.format(health.took())).fieldIfSet("error", health.error())
                    .end();
        }
        print(json.endArray());
    }

    private static Json get(Json json, GetResult result) {
        header(json, "header", result.header());
        kvs(json, "kvs", result.kvs());
        return json.fieldIfSet("more", result.more()).fieldIfSet("count", result.count());
    }

    private static Json put(Json json, PutResult result) {
        header(json, "header", result.header());
        result.prevKv().ifPresent(prev -> kv(json.name("prev_kv"), prev));
        return json;
    }

    private static Json delete(Json json, DeleteResult result) {
        header(json, "header", result.header()).fieldIfSet("deleted", result.deleted());
        return kvs(json, "prev_kvs", result.prevKvs());
    }

    private static Json header(Json json, String name, Header header) {
        return json.name(name).begin().unsignedIfSet("cluster_id", header.clusterId())
                .unsignedIfSet("member_id", header.memberId()).fieldIfSet("revision", header.revision())
                .unsignedIfSet("raft_term", header.raftTerm()).end();
    }

    private static Json kvs(Json json, String name, List<KeyValue> kvs) {
        if (!kvs.isEmpty()) {
            json.name(name).beginArray();
            kvs.forEach(kv -> kv(json, kv));
            json.endArray();
        }
        return json;
    }

    private static Json kv(Json json, KeyValue kv) {
        return json.begin().bytesIfSet("key", kv.key()).fieldIfSet("create_revision", kv.createRevision())
                .fieldIfSet("mod_revision", kv.modRevision()).fieldIfSet("version", kv.version())
                .bytesIfSet("value", kv.value()).fieldIfSet("lease", kv.lease()).end();
    }

    private static void strings(Json json, String name, List<String> values) {
        if (!values.isEmpty()) {
            json.name(name).beginArray();
            values.forEach(json::element);
            json.endArray();
        }
    }

    private void print(Json json) {
        out.writeBytes((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
