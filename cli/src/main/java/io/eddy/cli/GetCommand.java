package io.eddy.cli;

import io.eddy.client.ByteSequence;
import io.eddy.client.GetOptions;
import io.eddy.client.GetOptions.SortOrder;
import io.eddy.client.GetOptions.SortTarget;
import io.eddy.client.TxnOp;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get <key> [range_end]}: etcdctl's get, with its flags and messages. */
@Command(name = "get", description = "Gets the key or a range of keys", mixinStandardHelpOptions = true)
final class GetCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "<key> [range_end]")
    List<String> args = List.of();

    @Option(names = "--prefix", arity = "0..1", description = "Get keys with matching prefix")
    boolean prefix;

    @Option(names = "--from-key", arity = "0..1",
            description = "Get keys that are greater than or equal to the given key using byte compare")
    boolean fromKey;

    @Option(names = "--limit", description = "Maximum number of results")
    long limit;

    @Option(names = "--rev", description = "Specify the kv revision")
    long rev;

    @Option(names = "--keys-only", arity = "0..1", description = "Get only the keys")
    boolean keysOnly;

    @Option(names = "--count-only", arity = "0..1", description = "Get only the count")
    boolean countOnly;

    @Option(names = "--sort-by", defaultValue = "", description = "Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION")
    String sortBy;

    @Option(names = "--order", defaultValue = "", description = "Order of results; ASCEND or DESCEND (ASCEND by default)")
    String order;

    @Option(names = "--consistency", defaultValue = "l", description = "Linearizable(l) or Serializable(s)")
    String consistency;

    @Option(names = "--print-value-only", arity = "0..1",
            description = "Only write values when using the \"simple\" output format")
    boolean printValueOnly;

    private ByteSequence key;
    private GetOptions options;

    @Override
    void prepare(Context context) {
        if (args.isEmpty() || args.size() > 2) {
            throw new UsageException("get command needs one argument as key and an optional argument as range_end");
        }
        if (prefix && fromKey) {
            throw new UsageException("`--prefix` and `--from-key` cannot be set at the same time, choose one");
        }
        if (args.size() > 1 && (prefix || fromKey)) {
            throw new UsageException(
                    "too many arguments, only accept one argument when `--prefix` or `--from-key` is set.");
        }
        boolean serializable = switch (consistency) {
            case "l" -> false;
            case "s" -> true;
            default -> throw new UsageException("unknown consistency flag \"" + consistency + "\"");
        };
        key = bytes(args.get(0));
        ByteSequence end = args.size() > 1 ? bytes(args.get(1)) : ByteSequence.EMPTY;
        if (prefix || fromKey) {
            end = prefix && !key.isEmpty() ? key.prefixEnd() : ByteSequence.NUL;
            key = key.isEmpty() ? ByteSequence.NUL : key;
        }
        if (limit < 0 || rev < 0) {
            throw new UsageException("--limit and --rev must not be negative");
        }
        options = GetOptions.DEFAULTS.withRangeEnd(end).withLimit(limit).withRevision(rev)
                .withSerializable(serializable).withKeysOnly(keysOnly).withCountOnly(countOnly)
                .withSort(sortTarget(sortBy), sortOrder(order));
    }

    /** This get as an operation of a transaction (after {@link #prepare}). */
    TxnOp op() {
        prepare(null);
        return TxnOp.get(key, options);
    }

    @Override
    void run(Session session) {
        session.printer().get(session.await(session.client().kv().get(key, options)), printValueOnly);
    }

    private static SortTarget sortTarget(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "", "KEY" -> SortTarget.KEY;
            case "CREATE" -> SortTarget.CREATE_REVISION;
            case "MODIFY" -> SortTarget.MOD_REVISION;
            case "VALUE" -> SortTarget.VALUE;
            case "VERSION" -> SortTarget.VERSION;
            default -> throw new UsageException("bad sort target " + text);
        };
    }

    private static SortOrder sortOrder(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "" -> SortOrder.NONE;
            case "ASCEND" -> SortOrder.ASCEND;
            case "DESCEND" -> SortOrder.DESCEND;
            default -> throw new UsageException("bad sort order " + text);
        };
    }
}
