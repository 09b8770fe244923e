package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.ApiCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;

/**
 * eddyctl prints what etcdctl 3.4 prints: the commands of {@code compat/script.txt} run
 * in-process against a fresh 3-member cluster must give, command by command, the transcript
 * etcdctl gave against a fresh etcd ({@code compat/etcdctl-3.4.golden}, recorded by
 * {@code cli/compat/compare.sh --record}): standard output, normalised as compare.sh does (ids
 * and raft terms out of JSON headers), and success or failure. Revisions line up because both
 * stores start at revision 1.
 */
class EtcdctlCompatibilityTest {
    private static final Duration WATCH_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ApiCluster api;

    @BeforeAll
    static void startCluster() {
        api = ApiCluster.start(3, dir, s -> s);
    }

    @AfterAll
    static void stopCluster() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void scriptPrintsWhatEtcdctlPrinted() throws Exception {
        awaitReads();
        List<Block> golden = Block.parse(resource("compat/etcdctl-3.4.golden"));
        List<ScriptCommand> script = ScriptCommand.parse(resource("compat/script.txt"));
        assertThat(script).extracting(ScriptCommand::line).containsExactlyElementsOf(
                golden.stream().map(Block::command).toList());

        List<Block> actual = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            ScriptCommand command = script.get(i);
            actual.add(command.isWatch() ? watch(command, golden.get(i)) : run(command));
            assertThat(render(actual.subList(i, i + 1)))
                    .as("command %d of the script: %s (its stderr: %s)", i + 1, command.line(), actual.get(i).stderr())
                    .isEqualTo(render(golden.subList(i, i + 1)));
        }
        assertThat(render(actual)).isEqualTo(render(golden));
    }

    /** Waits (bounded) until every member serves a linearizable read: a read changes no revision. */
    private static void awaitReads() {
        for (String endpoint : api.endpoints()) {
            Ctl.Result result = Ctl.run(List.of(endpoint), "get", "warm-up");
            assertThat(result.exitCode()).as("a read from %s: %s", endpoint, result.err()).isZero();
        }
    }

    private static Block run(ScriptCommand command) {
        Ctl.Result result = Ctl.run(api.endpoints(), Map.of(), command.stdin(), reactor.core.publisher.Mono.never(),
                command.args());
        return new Block(command.line(), normalise(result.out()), result.exitCode() == 0 ? "[ok]" : "[failed]",
                result.err());
    }

    /** Runs a watch until it printed what etcdctl printed (or the wait ends), then interrupts it as Ctrl-C would. */
    private static Block watch(ScriptCommand command, Block expected) throws Exception {
        Sinks.Empty<Void> interrupt = Sinks.empty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        args.add("--endpoints=" + String.join(",", api.endpoints()));
        args.add("--command-timeout=" + Ctl.COMMAND_TIMEOUT);
        args.addAll(List.of(command.args()));
        Context context = new Context(InputStream.nullInputStream(), print, new PrintStream(new ByteArrayOutputStream()),
                Map.of(), false, interrupt.asMono());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> EddyCtl.execute(args.toArray(String[]::new), context));
        long deadline = System.nanoTime() + WATCH_WAIT.toNanos();
        while (!exit.isDone() && System.nanoTime() < deadline
                && !normalise(out.toString(StandardCharsets.UTF_8)).equals(expected.output())) {
            TimeUnit.MILLISECONDS.sleep(20); // polling the captured output, not synchronising with the watch
        }
        interrupt.tryEmitEmpty();
        assertThat(exit.get(WATCH_WAIT.toSeconds(), TimeUnit.SECONDS)).as("exit code of an interrupted watch").isZero();
        return new Block(command.line(), normalise(out.toString(StandardCharsets.UTF_8)), "[stopped]", "");
    }

    /** compare.sh's normalisation: cluster and member ids and raft terms out of JSON headers. */
    static String normalise(String output) {
        return output.replaceAll("\"(cluster_id|member_id|raft_term)\":[0-9]+,?", "").replace(",}", "}");
    }

    private static String render(List<Block> blocks) {
        StringBuilder text = new StringBuilder();
        blocks.forEach(block -> text.append("$ ").append(block.command()).append('\n').append(block.output())
                .append(block.status()).append('\n'));
        return text.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EtcdctlCompatibilityTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One command of a transcript: the command line, its standard output, its status line (and stderr, not compared). */
    record Block(String command, String output, String status, String stderr) {
        static List<Block> parse(String transcript) {
            List<Block> blocks = new ArrayList<>();
            String command = null;
            StringBuilder output = new StringBuilder();
            for (String line : transcript.split("\n", -1)) {
                if (line.startsWith("$ ")) {
                    command = line.substring(2);
                    output.setLength(0);
                } else if (command != null && line.matches("\\[(ok|failed|stopped)]")) {
                    blocks.add(new Block(command, output.toString(), line, ""));
                    command = null;
                } else if (command != null) {
                    output.append(line).append('\n');
                }
            }
            return blocks;
        }
    }

    /** One command of the script: its line and standard input. */
    record ScriptCommand(String line, String stdin) {
        String[] args() {
            return line.trim().split("\\s+");
        }

        boolean isWatch() {
            return line.startsWith("watch");
        }

        static List<ScriptCommand> parse(String script) {
            List<ScriptCommand> commands = new ArrayList<>();
            for (String line : script.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("|")) {
                    ScriptCommand last = commands.remove(commands.size() - 1);
                    commands.add(new ScriptCommand(last.line(), last.stdin() + line.substring(1) + "\n"));
                } else {
                    commands.add(new ScriptCommand(line, ""));
                }
            }
            return commands;
        }
    }
}
