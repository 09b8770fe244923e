package io.eddy.cli;

import io.eddy.client.ByteSequence;
import io.eddy.client.Cmp;
import io.eddy.client.TxnOp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a transaction in etcdctl's txn syntax: comparisons one per line, an empty line, the
 * success operations one per line, an empty line, the failure operations, an empty line (or the
 * end of the input). A comparison is {@code target("key") op "value"} with target
 * {@code value}/{@code val}, {@code version}/{@code ver}, {@code create}/{@code c},
 * {@code mod}/{@code m} or {@code lease}, op {@code =}, {@code !=}, {@code <} or {@code >}, the
 * key and value in Go's quoted-string syntax. An operation is a {@code get}, {@code put} or
 * {@code del} command line with its flags, arguments split as a shell would (double quotes with
 * escapes, single quotes verbatim).
 */
final class TxnReader {
    private static final Pattern COMPARE = Pattern.compile(
            "([A-Za-z]*)\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)\\s*\\)\\s*(\\S+)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)\\s*");
    private static final Pattern ARG = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^'\"\\s]\\S*[^'\"\\s]?");

    private final BufferedReader in;

    TxnReader(BufferedReader in) {
        this.in = in;
    }

    /** The comparisons, up to an empty line or the end of the input. */
    List<Cmp> compares() {
        List<Cmp> compares = new ArrayList<>();
        for (String line = nextLine(); line != null; line = nextLine()) {
            compares.add(compare(line));
        }
        return compares;
    }

    /** The operations of one branch, up to an empty line or the end of the input. */
    List<TxnOp> ops() {
        List<TxnOp> ops = new ArrayList<>();
        for (String line = nextLine(); line != null; line = nextLine()) {
            ops.add(op(line));
        }
        return ops;
    }

    /** The next line trimmed, or null at an empty line or the end of the input. */
    private String nextLine() {
        try {
            String line = in.readLine();
            return line == null || line.isBlank() ? null : line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transaction from standard input", e);
        }
    }

    static Cmp compare(String line) {
        Matcher matcher = COMPARE.matcher(line);
        if (!matcher.matches()) {
            throw new UsageException("malformed comparison: " + line);
        }
        String target = matcher.group(1);
        ByteSequence key = CtlCommand.bytes(GoQuote.unquote(matcher.group(2)));
        Cmp.Op op = switch (matcher.group(3)) {
            case "=", "==" -> Cmp.Op.EQUAL;
            case "!=" -> Cmp.Op.NOT_EQUAL;
            case "<" -> Cmp.Op.LESS;
            case ">" -> Cmp.Op.GREATER;
            default -> throw new UsageException("malformed comparison: " + line + " (unknown operator "
                    + matcher.group(3) + ")");
        };
        String value = GoQuote.unquote(matcher.group(4));
        try {
            return switch (target) {
                case "ver", "version" -> Cmp.version(key, op, Long.parseLong(value));
                case "c", "create" -> Cmp.createRevision(key, op, Long.parseLong(value));
                case "m", "mod" -> Cmp.modRevision(key, op, Long.parseLong(value));
                case "val", "value" -> Cmp.value(key, op, CtlCommand.bytes(value));
                case "lease" -> Cmp.lease(key, op, Long.parseLong(value, 16));
                default -> throw new UsageException("malformed comparison: " + line + " (unknown target " + target + ")");
            };
        } catch (NumberFormatException e) {
            throw new UsageException("invalid txn compare request: " + line);
        }
    }

    static TxnOp op(String line) {
        List<String> args = argify(line);
        if (args.size() < 2) {
            throw new UsageException("invalid txn request: " + line);
        }
        CtlCommand command = switch (args.get(0)) {
            case "get" -> new GetCommand();
            case "put" -> new PutCommand();
            case "del" -> new DelCommand();
            default -> throw new UsageException("invalid txn request: " + line);
        };
        try {
            new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("invalid txn request: " + line + " (" + e.getMessage() + ")");
        }
        if (command instanceof GetCommand get) {
            return get.op();
        }
        return command instanceof PutCommand put ? put.op() : ((DelCommand) command).op();
    }

    /** Splits a line into arguments as etcdctl does: "double quoted" (Go escapes), 'single quoted', or bare words. */
    static List<String> argify(String line) {
        List<String> args = new ArrayList<>();
        Matcher matcher = ARG.matcher(line);
        while (matcher.find()) {
            String arg = matcher.group();
            if (arg.startsWith("'")) {
                arg = arg.substring(1, arg.length() - 1);
            } else if (arg.startsWith("\"")) {
                arg = GoQuote.unquote(arg);
            }
            args.add(arg);
        }
        return args;
    }
}
