package io.eddy.samples;

import io.eddy.client.ByteSequence;
import io.eddy.client.EddyClient;
import io.eddy.client.KeyValue;
import io.eddy.client.ListThenWatch;
import io.eddy.client.RangeThenWatchOptions;
import io.eddy.client.WatchEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import reactor.core.publisher.Flux;

/**
 * Keeps an immutable snapshot of a configuration (every key under a prefix) up to date: lists
 * the prefix, then applies every change, and prints what each change did.
 *
 * <p>Run against {@code ./eddy up}, then change keys under the prefix (with another client):
 * <pre>
 * java -cp samples/target/eddy-samples.jar io.eddy.samples.ConfigWatcher config/
 * </pre>
 */
public final class ConfigWatcher {
    private ConfigWatcher() {
    }

    /**
     * The configuration at one revision: an immutable, sorted map from key (without the prefix)
     * to value.
     *
     * @param revision the store revision this configuration is as of
     * @param entries  the keys and values, sorted by key; unmodifiable
     */
    public record Config(long revision, SortedMap<String, String> entries) {
        /** Copies {@code entries} into an unmodifiable sorted map. */
        public Config {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        }

        /** The lines that turn {@code before} into this configuration: {@code + key=value}, {@code ~ key=value}, {@code - key}. */
        public List<String> changesSince(Config before) {
            List<String> lines = new ArrayList<>();
            entries.forEach((key, value) -> {
                String old = before.entries.get(key);
                if (old == null) {
                    lines.add("+ " + key + "=" + value);
                } else if (!old.equals(value)) {
                    lines.add("~ " + key + "=" + value + " (was " + old + ")");
                }
            });
            before.entries.keySet().stream().filter(key -> !entries.containsKey(key)).forEach(key -> lines.add("- " + key));
            return lines;
        }
    }

    /**
     * The configuration under {@code prefix}: a first {@link Config} once the whole prefix has
     * been listed, then a new one after every revision that changed a key under it. Cold and
     * endless: each subscription lists and watches anew, cancelling stops the watch.
     *
     * <p>The client's {@code rangeThenWatch} does the hard part: the listing is at one revision
     * R and the watch starts at R + 1 in the same stream, so no change falls between the two,
     * and after a lost connection it resumes by itself from the last revision it delivered. It
     * fails only when it cannot resume (R or its resume point compacted: a
     * {@link io.eddy.client.RevisionException}); resubscribe then to list again.
     */
    public static Flux<Config> watch(EddyClient client, String prefix) {
        ByteSequence key = ByteSequence.fromUtf8(prefix);
        return Flux.defer(() -> {
            // Per subscription: the working copy, touched only by this stream's signals (one at a time).
            TreeMap<String, String> working = new TreeMap<>();
            return client.watch().rangeThenWatch(key, RangeThenWatchOptions.prefix(key))
                    .<Config>handle((item, sink) -> {
                        if (item instanceof ListThenWatch.Snapshot snapshot) {
                            working.put(name(prefix, snapshot.kv()), snapshot.kv().value().toUtf8());
                        } else if (item instanceof ListThenWatch.SnapshotDone done) {
                            sink.next(new Config(done.revision(), working));
                        } else if (item instanceof ListThenWatch.Changes changes) {
                            // One Changes item is one whole revision (a txn is never split), so a
                            // Config never shows half of a multi-key update.
                            for (WatchEvent event : changes.batch().events()) {
                                String name = name(prefix, event.kv());
                                if (event.type() == WatchEvent.Type.PUT) {
                                    working.put(name, event.kv().value().toUtf8());
                                } else {
                                    working.remove(name);
                                }
                            }
                            sink.next(new Config(changes.batch().revision(), working));
                        }
                    });
        });
    }

    private static String name(String prefix, KeyValue kv) {
        return kv.key().toUtf8().substring(prefix.length());
    }

    /**
     * Prints the configuration under the prefix (first argument, default {@code config/}), then
     * every change to it, until stopped.
     */
    public static void main(String[] args) {
        Endpoints.Parsed command = Endpoints.parse(args);
        String prefix = command.arg(0, "config/");
        try (EddyClient client = EddyClient.builder().endpoints(command.endpoints()).build()) {
            Config previous = new Config(0, new TreeMap<>());
            // Blocking is fine here: this is main's own thread, not one of the client's. toIterable
            // still honours demand: it asks the stream for more only as the loop takes configs.
            for (Config config : watch(client, prefix).toIterable(1)) {
                System.out.println("revision " + config.revision() + ": " + config.entries().size() + " keys");
                config.changesSince(previous).forEach(line -> System.out.println("  " + line));
                previous = config;
            }
        }
    }
}
