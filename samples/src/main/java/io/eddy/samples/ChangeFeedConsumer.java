package io.eddy.samples;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.KeyValue;
import io.eddy.client.ListThenWatch;
import io.eddy.client.RangeThenWatchOptions;
import io.eddy.client.RevisionException;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import io.eddy.client.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes the change feed of a prefix and survives restarts: after each batch it handles, it
 * stores the batch's revision in a checkpoint file ({@link Checkpoint}); started again, it
 * resumes from that revision + 1, so every revision is handled once across runs. With no
 * checkpoint, or when the history it needs has been compacted, it lists the prefix first and
 * hands the handler the whole state ({@link Handler#reset}).
 *
 * <p>Run against {@code ./eddy up}; stop it (Ctrl-C), change keys under the prefix, start it
 * again and it prints exactly the changes it missed:
 * <pre>
 * java -cp samples/target/eddy-samples.jar io.eddy.samples.ChangeFeedConsumer orders/ orders.checkpoint
 * </pre>
 */
public final class ChangeFeedConsumer {
    private ChangeFeedConsumer() {
    }

    /**
     * What to do with the feed. Called on one thread, one call at a time, in revision order; it
     * may block (it runs on the consumer's own thread, never on one of the client's).
     */
    public interface Handler {
        /**
         * The feed starts from a full listing: {@code kvs} is every key under the prefix at
         * {@code revision}. Replace whatever was derived from earlier changes.
         */
        void reset(long revision, List<KeyValue> kvs);

        /** The changes of one revision (never split), the next after the last one handled. */
        void apply(WatchBatch batch);
    }

    /**
     * Handles the feed of {@code prefix} with {@code handler}, checkpointing to
     * {@code checkpointFile} after each step; emits each checkpointed revision. Cold and endless:
     * subscribing reads the checkpoint and starts, cancelling stops. A step (handler call then
     * checkpoint) that has started always finishes, even when cancelled, so the checkpoint
     * always names the last revision the handler saw.
     *
     * <p>Exactly once holds for stops and cancellation. If the process dies between a handler
     * call and its checkpoint, that one batch is handled again at the next start: write
     * handlers that can take a batch twice (keyed by revision), or store the revision in the
     * same transaction as the handler's own output.
     */
    public static Flux<Long> consume(EddyClient client, String prefix, Path checkpointFile, Handler handler) {
        ByteSequence key = ByteSequence.fromUtf8(prefix);
        Checkpoint checkpoint = new Checkpoint(checkpointFile);
        // One thread of our own runs the handler and the file I/O, in order: never a Netty thread.
        return Flux.using(() -> Executors.newSingleThreadExecutor(r -> new Thread(r, "change-feed-" + prefix)),
                worker -> on(worker, checkpoint::read)
                        .flatMapMany(last -> feed(client, key, last))
                        // concatMap handles one step at a time and asks the feed for the next only
                        // afterwards: the watch runs at the handler's pace, the server holds the rest.
                        .concatMap(step -> on(worker, () -> handle(step, handler, checkpoint)), 1)
                        // A failure the client could not ride out (all members down for a while):
                        // start over, which reads the checkpoint again and resumes exactly there.
                        .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                                .maxBackoff(Duration.ofSeconds(10))
                                .filter(e -> e instanceof EddyClientException c && c.isRetryable())),
                ExecutorService::shutdown);
    }

    /** The steps after checkpoint {@code last}: a listing first when {@code last} is 0 or compacted away. */
    private static Flux<Step> feed(EddyClient client, ByteSequence key, long last) {
        if (last == 0) {
            return listThenWatch(client, key);
        }
        // progressNotify: a quiet prefix still moves the checkpoint forward, so it stays recent
        // and is less likely to fall behind a compaction.
        WatchOptions options = WatchOptions.prefix(key).withStartRevision(last + 1).withProgressNotify(true);
        return client.watch().watch(key, options)
                .<Step>map(Step.Changes::new)
                .onErrorResume(ChangeFeedConsumer::isCompacted, e -> listThenWatch(client, key));
    }

    private static Flux<Step> listThenWatch(EddyClient client, ByteSequence key) {
        return Flux.defer(() -> {
            List<KeyValue> listed = new ArrayList<>();
            return client.watch().rangeThenWatch(key, RangeThenWatchOptions.prefix(key).withProgressNotify(true))
                    .<Step>handle((item, sink) -> {
                        if (item instanceof ListThenWatch.Snapshot snapshot) {
                            listed.add(snapshot.kv());
                        } else if (item instanceof ListThenWatch.SnapshotDone done) {
                            sink.next(new Step.Reset(done.revision(), List.copyOf(listed)));
                            listed.clear();
                        } else if (item instanceof ListThenWatch.Changes changes) {
                            sink.next(new Step.Changes(changes.batch()));
                        }
                    });
        });
    }

    private static long handle(Step step, Handler handler, Checkpoint checkpoint) {
        long revision;
        if (step instanceof Step.Reset reset) {
            handler.reset(reset.revision(), reset.kvs());
            revision = reset.revision();
        } else {
            WatchBatch batch = ((Step.Changes) step).batch();
            if (!batch.isProgressNotify()) {
                handler.apply(batch);
            }
            revision = batch.revision();
        }
        checkpoint.write(revision);
        return revision;
    }

    /**
     * {@code work} on {@code worker}, as a Mono that does not cancel it: once started, it runs
     * to its end (a CompletableFuture never interrupts its thread).
     */
    private static <T> Mono<T> on(ExecutorService worker, Supplier<T> work) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(work, worker), true);
    }

    private static boolean isCompacted(Throwable failure) {
        return failure instanceof RevisionException e && e.code() == ErrorCode.COMPACTED;
    }

    /** One unit of work for the handler. */
    private sealed interface Step {
        record Reset(long revision, List<KeyValue> kvs) implements Step {
        }

        record Changes(WatchBatch batch) implements Step {
        }
    }

    /**
     * Prints the changes under the prefix (first argument, default {@code orders/}), resuming from
     * the checkpoint file (second argument, default {@code change-feed.checkpoint}).
     */
    public static void main(String[] args) {
        Endpoints.Parsed command = Endpoints.parse(args);
        String prefix = command.arg(0, "orders/");
        Path file = Path.of(command.arg(1, "change-feed.checkpoint"));
        Handler printer = new Handler() {
            @Override
            public void reset(long revision, List<KeyValue> kvs) {
                System.out.println("listing at revision " + revision + ": " + kvs.size() + " keys");
                kvs.forEach(kv -> System.out.println("  " + kv.key() + "=" + kv.value()));
            }

            @Override
            public void apply(WatchBatch batch) {
                System.out.println("revision " + batch.revision());
                for (WatchEvent event : batch.events()) {
                    System.out.println("  " + event.type() + " " + event.kv().key()
                            + (event.type() == WatchEvent.Type.PUT ? "=" + event.kv().value() : ""));
                }
            }
        };
        System.out.println("resuming after revision " + new Checkpoint(file).read() + " (0: none yet)");
        try (EddyClient client = EddyClient.builder().endpoints(command.endpoints()).build()) {
            consume(client, prefix, file, printer).blockLast();
        }
    }
}
