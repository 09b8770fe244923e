package io.eddy.loadtests.client;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import io.eddy.client.WatchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;

/**
 * Eddy: one {@link EddyClient} (one connection) per watch connection, all to the first
 * endpoint, and a writer client over every endpoint. Watches take everything (unbounded demand).
 */
final class EddyFanoutTarget implements FanoutTarget {
    private final List<EddyClient> connections = new ArrayList<>();
    private final List<Disposable> watches = new ArrayList<>();
    private final EddyClient writer;

    EddyFanoutTarget(List<String> endpoints, int connections) {
        for (int c = 0; c < connections; c++) {
            this.connections.add(EddyClient.builder().endpoints(endpoints.get(0)).build());
        }
        writer = EddyClient.builder().endpoints(endpoints.toArray(String[]::new)).build();
    }

    @Override
    public void watch(int connection, byte[] prefix, EventSink sink) {
        ByteSequence key = ByteSequence.of(prefix);
        Disposable watch = connections.get(connection).watch().watch(key, WatchOptions.prefix(key))
                .subscribe(batch -> deliver(batch, sink), sink::onError);
        synchronized (watches) {
            watches.add(watch);
        }
    }

    private static void deliver(WatchBatch batch, EventSink sink) {
        for (WatchEvent event : batch.events()) {
            ByteSequence value = event.kv().value();
            sink.onEvent(event.revision(), value.size() < Long.BYTES ? 0 : FanoutTarget.stamp(value::byteAt));
        }
    }

    @Override
    public CompletableFuture<Long> put(byte[] key, byte[] value) {
        return writer.kv().put(ByteSequence.of(key), ByteSequence.of(value))
                .map(result -> result.header().revision()).toFuture();
    }

    @Override
    public void close() {
        synchronized (watches) {
            watches.forEach(Disposable::dispose);
        }
        connections.forEach(EddyClient::close);
        writer.close();
    }
}
