package io.eddy.cli;

import io.eddy.client.ByteSequence;
import io.eddy.client.ErrorCode;
import io.eddy.client.RevisionException;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * {@code watch <key> [range_end]}: prints every change as etcdctl does ({@code PUT} or
 * {@code DELETE}, then the previous key and value with {@code --prev-kv}, then the key and value)
 * until interrupted (Ctrl-C). Batches are printed on the calling thread, never on the client's
 * event loop, one at a time: the watch takes the next batch only when the last one is printed.
 */
@Command(name = "watch", description = "Watches events stream on keys or prefixes", mixinStandardHelpOptions = true)
final class WatchCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<key> [range_end]")
    List<String> args = List.of();

    @Option(names = "--prefix", arity = "0..1", description = "Watch on a prefix if prefix is set")
    boolean prefix;

    @Option(names = "--rev", description = "Revision to start watching")
    long rev;

    @Option(names = "--prev-kv", arity = "0..1", description = "get the previous key-value pair before the event happens")
    boolean prevKv;

    @Option(names = "--progress-notify", arity = "0..1", description = "get periodic watch progress notification from server")
    boolean progressNotify;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", description = "Interactive mode (not supported by eddyctl)")
    boolean interactive;

    private ByteSequence key;
    private WatchOptions options;

    @Override
    void prepare(Context context) {
        if (interactive) {
            throw new UsageException("interactive watch is not supported by eddyctl");
        }
        if (args.isEmpty() || args.size() > 2) {
            throw new UsageException("watch command needs one argument as key and an optional argument as range_end");
        }
        if (args.size() > 1 && prefix) {
            throw new UsageException("unexpected range_end when `--prefix` is set");
        }
        if (rev < 0) {
            throw new UsageException("--rev must not be negative");
        }
        key = bytes(args.get(0));
        ByteSequence end = args.size() > 1 ? bytes(args.get(1)) : ByteSequence.EMPTY;
        if (prefix) {
            end = key.isEmpty() ? ByteSequence.NUL : key.prefixEnd();
            key = key.isEmpty() ? ByteSequence.NUL : key;
        }
        options = WatchOptions.DEFAULTS.withRangeEnd(end).withStartRevision(rev).withPrevKv(prevKv)
                .withProgressNotify(progressNotify);
    }

    @Override
    void run(Session session) {
        Flux<WatchBatch> batches = session.client().watch().watch(key, options)
                .takeUntilOther(session.context().interrupt());
        try {
            for (WatchBatch batch : batches.toIterable(1)) {
                session.printer().watch(batch);
            }
        } catch (RevisionException e) {
            if (e.code() != ErrorCode.COMPACTED) {
                throw e;
            }
            session.context().err().println("watch was canceled (" + e.getMessage() + ")");
            throw new CommandFailedException("watch is canceled by the server");
        }
    }
}
