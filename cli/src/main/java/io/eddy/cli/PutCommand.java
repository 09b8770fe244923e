package io.eddy.cli;

import io.eddy.client.ByteSequence;
import io.eddy.client.PutOptions;
import io.eddy.client.TxnOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code put <key> [value]}: etcdctl's put; the value is read from standard input when omitted. */
@Command(name = "put", description = "Puts the given key into the store", mixinStandardHelpOptions = true)
final class PutCommand extends CtlCommand {
    private static final String NEEDS_VALUE = "put command needs 1 argument and input from stdin or 2 arguments";

    @Parameters(arity = "0..*", paramLabel = "<key> [value]")
    List<String> args = List.of();

    @Option(names = "--lease", defaultValue = "0", description = "lease ID (in hexadecimal) to attach to the key")
    String lease;

    @Option(names = "--prev-kv", arity = "0..1", description = "return the previous key-value pair before modification")
    boolean prevKv;

    @Option(names = "--ignore-value", arity = "0..1", description = "updates the key using its current value")
    boolean ignoreValue;

    @Option(names = "--ignore-lease", arity = "0..1", description = "updates the key using its current lease")
    boolean ignoreLease;

    private ByteSequence key;
    private ByteSequence value;

    @Override
    void prepare(Context context) {
        if (args.isEmpty() || args.size() > 2) {
            throw new UsageException(NEEDS_VALUE);
        }
        if (ignoreValue && args.size() > 1) {
            throw new UsageException("put command needs only 1 argument when 'ignore-value' is set");
        }
        long leaseId;
        try {
            leaseId = Long.parseLong(lease, 16);
        } catch (NumberFormatException e) {
            throw new UsageException("bad lease ID (" + lease + "), expecting ID in Hex");
        }
        if (leaseId != 0) {
            throw new CommandFailedException("leases are not supported yet (--lease " + lease + ")");
        }
        key = bytes(args.get(0));
        if (ignoreValue) {
            value = ByteSequence.EMPTY;
        } else if (args.size() > 1) {
            value = bytes(args.get(1));
        } else {
            value = context == null ? ByteSequence.EMPTY : readAll(context);
            if (value.isEmpty()) {
                throw new UsageException(NEEDS_VALUE);
            }
        }
    }

    private static ByteSequence readAll(Context context) {
        try {
            return ByteSequence.of(context.in().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the value from standard input", e);
        }
    }

    private PutOptions options() {
        return PutOptions.DEFAULTS.withPrevKv(prevKv).withIgnoreValue(ignoreValue).withIgnoreLease(ignoreLease);
    }

    /** This put as an operation of a transaction (the value must be an argument). */
    TxnOp op() {
        prepare(null);
        return TxnOp.put(key, value, options());
    }

    @Override
    void run(Session session) {
        session.printer().put(session.await(session.client().kv().put(key, value, options())));
    }
}
