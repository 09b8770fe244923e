package io.eddy.loadtests.client;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * etcd through jetcd: one {@link Client} (one gRPC channel) per watch connection, all to the
 * first endpoint, and a writer client over every endpoint. Endpoints are {@code host:port} or
 * URLs ({@code http://host:port}).
 */
final class EtcdFanoutTarget implements FanoutTarget {
    private final List<Client> connections = new ArrayList<>();
    private final List<Watch.Watcher> watches = new ArrayList<>();
    private final Client writer;

    EtcdFanoutTarget(List<String> endpoints, int connections) {
        List<String> urls = endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toList();
        for (int c = 0; c < connections; c++) {
            this.connections.add(Client.builder().endpoints(urls.get(0)).build());
        }
        writer = Client.builder().endpoints(urls.toArray(String[]::new)).build();
    }

    @Override
    public void watch(int connection, byte[] prefix, EventSink sink) {
        Watch.Watcher watcher = connections.get(connection).getWatchClient().watch(ByteSequence.from(prefix),
                WatchOption.builder().isPrefix(true).build(), Watch.listener(response -> {
                    for (WatchEvent event : response.getEvents()) {
                        byte[] value = event.getKeyValue().getValue().getBytes();
                        sink.onEvent(event.getKeyValue().getModRevision(),
                                value.length < Long.BYTES ? 0 : FanoutTarget.stamp(i -> value[i]));
                    }
                }, sink::onError));
        synchronized (watches) {
            watches.add(watcher);
        }
    }

    @Override
    public CompletableFuture<Long> put(byte[] key, byte[] value) {
        return writer.getKVClient().put(ByteSequence.from(key), ByteSequence.from(value))
                .thenApply(response -> response.getHeader().getRevision());
    }

    @Override
    public void close() {
        synchronized (watches) {
            watches.forEach(Watch.Watcher::close);
        }
        connections.forEach(Client::close);
        writer.close();
    }
}
