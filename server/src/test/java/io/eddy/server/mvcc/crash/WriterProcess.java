package io.eddy.server.mvcc.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one {@link CrashWriter} child JVM: same java binary, the test
 * classpath, Xodus's {@code --add-opens}, a small heap; stdout and stderr merged and read
 * line by line by a reader thread into a queue, which the test thread polls with deadlines.
 */
final class WriterProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> otherLines = new ArrayDeque<>();
    private long start = -1;
    private long lastApplied = -1;
    private boolean ended;

    private WriterProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readLines, "crash-writer-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts a child writing to {@code dir}. */
    static WriterProcess start(Path dir) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell this JVM's java binary"));
        List<String> command = new ArrayList<>(List.of(java,
                "-Xmx256m",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                dir.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new WriterProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading the child's output failed: " + e + ")");
        } finally {
            lines.add(EOF);
        }
    }

    /** The first batch this child applies, from its "start N" line; waits up to {@code timeoutMs}. */
    long awaitStart(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (start < 0 && !ended && poll(deadline)) {
            // consume lines
        }
        if (start < 0) {
            throw new AssertionError("child " + process.pid() + " did not report its start (waited up to "
                    + timeoutMs + " ms)" + describe());
        }
        return start;
    }

    /** Waits up to {@code timeoutMs} until the child reports batch {@code index} applied. */
    void awaitApplied(long index, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (lastApplied < index && !ended && poll(deadline)) {
            // consume lines
        }
        if (lastApplied < index) {
            throw new AssertionError("child " + process.pid() + " did not apply batch " + index + " (waited up to "
                    + timeoutMs + " ms; last applied: " + lastApplied + ")" + describe());
        }
    }

    /**
     * Kills the child with SIGKILL, waits for it to exit and reads the rest of its output.
     * Returns the last batch it reported applied.
     */
    long kill(long timeoutMs) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " still alive " + timeoutMs + " ms after SIGKILL");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!ended && poll(deadline)) {
            // drain
        }
        if (!ended) {
            throw new AssertionError("child's output did not end within " + timeoutMs + " ms after it exited");
        }
        return lastApplied;
    }

    /** The exit code (137 = killed by SIGKILL); only after {@link #kill}. */
    int exitValue() {
        return process.exitValue();
    }

    /** Takes one line, waiting until {@code deadline}; false when none came in time. */
    private boolean poll(long deadline) throws InterruptedException {
        long waitNs = deadline - System.nanoTime();
        String line = lines.poll(Math.max(0, waitNs), TimeUnit.NANOSECONDS);
        if (line == null) {
            return false;
        }
        if (line.equals(EOF)) {
            ended = true;
        } else if (line.startsWith("applied ")) {
            long n = Long.parseLong(line.substring("applied ".length()).trim());
            if (lastApplied >= 0 && n != lastApplied + 1 || lastApplied < 0 && n != start) {
                throw new AssertionError("child reported batch " + n + " after " + lastApplied + " (start "
                        + start + ")" + describe());
            }
            lastApplied = n;
        } else if (line.startsWith("start ")) {
            start = Long.parseLong(line.substring("start ".length()).trim());
        } else {
            otherLines.addLast(line);
            if (otherLines.size() > TAIL_LINES) {
                otherLines.removeFirst();
            }
        }
        return true;
    }

    private String describe() {
        if (ended) {
            try {
                process.waitFor(5, TimeUnit.SECONDS); // output ended: let it exit to show its code
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String state = process.isAlive() ? "alive" : "exited with " + process.exitValue();
        return "; child " + state + (ended ? ", output ended" : "") + "; last other output lines:\n  "
                + String.join("\n  ", otherLines);
    }

    /** Kills the child if it still runs (for cleanup after a failure). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
