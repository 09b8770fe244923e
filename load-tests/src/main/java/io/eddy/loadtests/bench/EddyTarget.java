package io.eddy.loadtests.bench;

import io.eddy.client.ByteSequence;
import io.eddy.client.Cmp;
import io.eddy.client.EddyClient;
import io.eddy.client.EddyClientException;
import io.eddy.client.GetOptions;
import io.eddy.client.TxnOp;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import io.eddy.client.WatchOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;

/**
 * Eddy through {@link EddyClient}: one client (one RSocket connection) per connection;
 * connection {@code i} lists the endpoints starting at {@code i % endpoints} (it connects to that
 * member first and fails over to the others).
 */
final class EddyTarget implements Target {
    private final List<EddyClient> clients = new ArrayList<>();

    EddyTarget(List<String> endpoints, int connections, Duration requestTimeout) {
        for (int c = 0; c < connections; c++) {
            List<String> rotated = new ArrayList<>();
            for (int e = 0; e < endpoints.size(); e++) {
                rotated.add(endpoints.get((c + e) % endpoints.size()));
            }
            clients.add(EddyClient.builder().endpoints(rotated.toArray(String[]::new))
                    .requestTimeout(requestTimeout).build());
        }
    }

    @Override
    public String name() {
        return "eddy";
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public CompletableFuture<Long> put(int connection, byte[] key, byte[] value) {
        return clients.get(connection).kv().put(ByteSequence.of(key), ByteSequence.of(value))
                .map(result -> result.header().revision()).toFuture();
    }

    @Override
    public CompletableFuture<Integer> get(int connection, byte[] key, boolean serializable) {
        GetOptions options = serializable ? GetOptions.DEFAULTS.withSerializable(true) : GetOptions.DEFAULTS;
        return clients.get(connection).kv().get(ByteSequence.of(key), options)
                .map(result -> result.kvs().size()).toFuture();
    }

    @Override
    public CompletableFuture<Integer> range(int connection, byte[] from, byte[] end, int limit, boolean serializable) {
        GetOptions options = GetOptions.DEFAULTS.withRangeEnd(ByteSequence.of(end)).withLimit(limit)
                .withSerializable(serializable);
        return clients.get(connection).kv().get(ByteSequence.of(from), options)
                .map(result -> result.kvs().size()).toFuture();
    }

    @Override
    public CompletableFuture<Boolean> txnCas(int connection, byte[] key, byte[] expected, byte[] value) {
        ByteSequence k = ByteSequence.of(key);
        return clients.get(connection).kv().txn()
                .when(Cmp.value(k, Cmp.Op.EQUAL, ByteSequence.of(expected)))
                .then(TxnOp.put(k, ByteSequence.of(value)))
                .otherwise(TxnOp.get(k, GetOptions.DEFAULTS))
                .commit().map(result -> result.succeeded()).toFuture();
    }

    @Override
    public CompletableFuture<?> leaseGrantKeepAlive(int connection, long ttlSeconds) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("Eddy has no leases yet"));
    }

    @Override
    public boolean supportsLeases() {
        return false;
    }

    @Override
    public AutoCloseable watch(int connection, byte[] prefix, EventSink sink) {
        ByteSequence key = ByteSequence.of(prefix);
        Disposable watch = clients.get(connection).watch().watch(key, WatchOptions.prefix(key))
                .subscribe(batch -> deliver(batch, sink), sink::onError);
        return watch::dispose;
    }

    private static void deliver(WatchBatch batch, EventSink sink) {
        for (WatchEvent event : batch.events()) {
            ByteSequence value = event.kv().value();
            sink.onEvent(event.revision(), Target.stamp(value.size(), value::byteAt));
        }
    }

    @Override
    public String errorCode(Throwable error) {
        return error instanceof EddyClientException e ? e.code().name() : Errors.generic(error);
    }

    @Override
    public void close() {
        clients.forEach(EddyClient::close);
    }
}
