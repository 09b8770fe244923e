package io.eddy.cli;

import io.eddy.client.Cmp;
import io.eddy.client.Txn;
import io.eddy.client.TxnOp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code txn}: a transaction read from standard input in etcdctl's format ({@link TxnReader}).
 * With {@code -i/--interactive}, or when standard input is a terminal, it prompts for each part
 * as etcdctl does ({@code compares:}, {@code success requests (get, put, del):},
 * {@code failure requests (get, put, del):}). Prints {@code SUCCESS} or {@code FAILURE} and the
 * result of each operation of the branch that ran.
 */
@Command(name = "txn", description = "Txn processes all the requests in one transaction", mixinStandardHelpOptions = true)
final class TxnCommand extends CtlCommand {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    @Option(names = {"-i", "--interactive"}, arity = "0..1", description = "Input transaction in interactive mode")
    boolean interactive;

    private List<Cmp> compares;
    private List<TxnOp> success;
    private List<TxnOp> failure;

    @Override
    void prepare(Context context) {
        if (!args.isEmpty()) {
            throw new UsageException("txn command does not accept argument");
        }
        boolean prompts = interactive || context.terminal();
        TxnReader reader = new TxnReader(new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)));
        prompt(context, prompts, "compares:");
        compares = reader.compares();
        prompt(context, prompts, "success requests (get, put, del):");
        success = reader.ops();
        prompt(context, prompts, "failure requests (get, put, del):");
        failure = reader.ops();
    }

    private static void prompt(Context context, boolean prompts, String text) {
        if (prompts) {
            context.out().println(text);
            context.out().flush();
        }
    }

    @Override
    void run(Session session) {
        Txn txn = session.client().kv().txn().when(compares.toArray(Cmp[]::new))
                .then(success.toArray(TxnOp[]::new)).otherwise(failure.toArray(TxnOp[]::new));
        session.printer().txn(session.await(txn.commit()));
    }
}
