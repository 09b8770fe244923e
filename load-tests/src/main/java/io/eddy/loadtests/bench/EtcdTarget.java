package io.eddy.loadtests.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * etcd through jetcd: one {@link Client} (one gRPC channel) per connection; connection
 * {@code i} talks to endpoint {@code i % endpoints} only (a jetcd client given several endpoints
 * balances every call over all of them, which Eddy's client does not do). Endpoints are
 * {@code host:port} or URLs.
 */
final class EtcdTarget implements Target {
    private static final GetOption LINEARIZABLE = GetOption.builder().build();
    private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

    private final List<Client> clients = new ArrayList<>();
    private final long timeoutMillis;

    EtcdTarget(List<String> endpoints, int connections, Duration requestTimeout) {
        this.timeoutMillis = requestTimeout.toMillis();
        List<String> urls = endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toList();
        for (int c = 0; c < connections; c++) {
            clients.add(Client.builder().endpoints(urls.get(c % urls.size())).build());
        }
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public CompletableFuture<Long> put(int connection, byte[] key, byte[] value) {
        return bounded(clients.get(connection).getKVClient().put(ByteSequence.from(key), ByteSequence.from(value))
                .thenApply(response -> response.getHeader().getRevision()));
    }

    @Override
    public CompletableFuture<Integer> get(int connection, byte[] key, boolean serializable) {
        GetOption option = serializable ? SERIALIZABLE : LINEARIZABLE;
        return bounded(clients.get(connection).getKVClient().get(ByteSequence.from(key), option)
                .thenApply(response -> response.getKvs().size()));
    }

    @Override
    public CompletableFuture<Integer> range(int connection, byte[] from, byte[] end, int limit, boolean serializable) {
        GetOption option = GetOption.builder().withRange(ByteSequence.from(end)).withLimit(limit)
                .withSerializable(serializable).build();
        return bounded(clients.get(connection).getKVClient().get(ByteSequence.from(from), option)
                .thenApply(response -> response.getKvs().size()));
    }

    @Override
    public CompletableFuture<Boolean> txnCas(int connection, byte[] key, byte[] expected, byte[] value) {
        ByteSequence k = ByteSequence.from(key);
        return bounded(clients.get(connection).getKVClient().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.value(ByteSequence.from(expected))))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit().thenApply(response -> response.isSucceeded()));
    }

    @Override
    public CompletableFuture<?> leaseGrantKeepAlive(int connection, long ttlSeconds) {
        var leases = clients.get(connection).getLeaseClient();
        return bounded(leases.grant(ttlSeconds).thenCompose(granted -> leases.keepAliveOnce(granted.getID())));
    }

    @Override
    public boolean supportsLeases() {
        return true;
    }

    @Override
    public AutoCloseable watch(int connection, byte[] prefix, EventSink sink) {
        Watch.Watcher watcher = clients.get(connection).getWatchClient().watch(ByteSequence.from(prefix),
                WatchOption.builder().isPrefix(true).build(), Watch.listener(response -> {
                    for (WatchEvent event : response.getEvents()) {
                        byte[] value = event.getKeyValue().getValue().getBytes();
                        sink.onEvent(event.getKeyValue().getModRevision(), Target.stamp(value.length, i -> value[i]));
                    }
                }, sink::onError));
        return watcher::close;
    }

    @Override
    public String errorCode(Throwable error) {
        if (error instanceof EtcdException e) {
            return e.getErrorCode().name();
        }
        Status status = Status.fromThrowable(error);
        return status.getCode() != Status.Code.UNKNOWN ? status.getCode().name() : Errors.generic(error);
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        return call.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        clients.forEach(Client::close);
    }
}
