package io.eddy.cli;

import io.eddy.client.ByteSequence;
import io.eddy.client.DeleteOptions;
import io.eddy.client.TxnOp;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code del <key> [range_end]}: etcdctl's del; prints the number of keys deleted. */
@Command(name = "del", description = "Removes the specified key or range of keys [key, range_end)",
        mixinStandardHelpOptions = true)
final class DelCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<key> [range_end]")
    List<String> args = List.of();

    @Option(names = "--prefix", arity = "0..1", description = "delete keys with matching prefix")
    boolean prefix;

    @Option(names = "--prev-kv", arity = "0..1", description = "return deleted key-value pairs")
    boolean prevKv;

    @Option(names = "--from-key", arity = "0..1",
            description = "delete keys that are greater than or equal to the given key using byte compare")
    boolean fromKey;

    private ByteSequence key;
    private DeleteOptions options;

    @Override
    void prepare(Context context) {
        if (args.isEmpty() || args.size() > 2) {
            throw new UsageException("del command needs one argument as key and an optional argument as range_end");
        }
        if (prefix && fromKey) {
            throw new UsageException("`--prefix` and `--from-key` cannot be set at the same time, choose one");
        }
        if (args.size() > 1 && (prefix || fromKey)) {
            throw new UsageException(
                    "too many arguments, only accept one argument when `--prefix` or `--from-key` is set.");
        }
        key = bytes(args.get(0));
        ByteSequence end = args.size() > 1 ? bytes(args.get(1)) : ByteSequence.EMPTY;
        if (prefix || fromKey) {
            end = prefix && !key.isEmpty() ? key.prefixEnd() : ByteSequence.NUL;
            key = key.isEmpty() ? ByteSequence.NUL : key;
        }
        options = DeleteOptions.DEFAULTS.withRangeEnd(end).withPrevKv(prevKv);
    }

    /** This delete as an operation of a transaction. */
    TxnOp op() {
        prepare(null);
        return TxnOp.delete(key, options);
    }

    @Override
    void run(Session session) {
        session.printer().delete(session.await(session.client().kv().delete(key, options)));
    }
}
