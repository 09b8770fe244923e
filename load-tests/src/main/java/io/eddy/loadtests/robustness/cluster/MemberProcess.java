package io.eddy.loadtests.robustness.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member as an {@code eddy-server} process: the same command line as {@code ./eddy node}
 * ({@code java --add-opens java.base/sun.nio.ch=ALL-UNNAMED -jar eddy-server.jar --name ...}),
 * output appended to its log file. It can be started (again, on the same data directory and
 * ports: restart with recovery), killed with SIGKILL, paused with SIGSTOP and resumed with
 * SIGCONT. Not thread-safe: the cluster calls it from one thread at a time.
 */
final class MemberProcess {
    private static final Pattern STARTED = Pattern.compile("member (\\S+) started: .* raft client id ([0-9a-f]+)");
    private static final Pattern SERVING = Pattern.compile("member (\\S+) serving the client API");

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private boolean paused;

    MemberProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Whether the process runs (paused or not). */
    boolean alive() {
        return process != null && process.isAlive();
    }

    boolean paused() {
        return paused && alive();
    }

    /** The process id, or -1 when not running. */
    long pid() {
        return alive() ? process.pid() : -1;
    }

    /**
     * Starts the process and waits (at most {@code timeout}) until its log says the member started;
     * returns the id of the member's Raft client, read from that line.
     */
    byte[] start(Duration timeout) {
        return awaitStarted(launch(), timeout);
    }

    /** Starts the process without waiting; returns the log offset to pass to {@link #awaitStarted}. */
    long launch() {
        if (alive()) {
            throw new IllegalStateException(name + " is running");
        }
        try {
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "---- robustness harness: starting " + name + " at " + LocalDateTime.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            paused = false;
            return offset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits (at most {@code timeout}) until the log, after {@code offset}, says the member started
     * and serves the client API;
     * returns the id of the member's Raft client, read from that line.
     */
    byte[] awaitStarted(long offset, Duration timeout) {
        try {
            return readStarted(offset, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private byte[] readStarted(long offset, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = readFrom(offset);
            Matcher m = STARTED.matcher(text);
            byte[] clientId = null;
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    clientId = HexFormat.of().parseHex(m.group(2));
                }
            }
            Matcher serving = SERVING.matcher(text);
            while (clientId != null && serving.find()) {
                if (serving.group(1).equals(name)) {
                    return clientId;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it started; its log ends with:\n" + tail(text));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log 'member " + name + " started' and '... serving the client API' within "
                        + timeout + "; its log ends with:\n" + tail(text));
            }
            try {
                Thread.sleep(100); // polling the log file for the start line
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name + " to start", e);
            }
        }
    }

    private String readFrom(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** SIGKILL (and its descendants), then waits for it to be gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        awaitExit(Duration.ofSeconds(30));
        paused = false;
    }

    /** SIGTERM (after SIGCONT if paused), SIGKILL if it has not exited within {@code grace}. */
    void stop(Duration grace) {
        if (!alive()) {
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGSTOP: the process stops where it is, its sockets stay open. */
    void pause() {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT. */
    void resume() {
        signal("CONT");
        paused = false;
    }

    private void signal(String signal) {
        if (!alive()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + signal + " to " + name, e);
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name + " to exit", e);
        }
    }
}
