package io.eddy.loadtests.bench;

import java.io.PrintStream;

/**
 * The progress line on standard error: a bar redrawn in place ({@code \r}) once a second while a
 * run warms up and measures, erased when it ends. Shown only when enabled: {@code auto} shows
 * it when the JVM has a terminal ({@link System#console()}), {@code bar} always, {@code none}
 * never (for logs and CI).
 */
final class Progress {
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean enabled;
    private int lastLength;

    private Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** The progress line for {@code mode} ({@code auto}, {@code bar}, {@code none}). */
    static Progress of(String mode) {
        return switch (mode) {
            case "auto" -> new Progress(System.err, System.console() != null);
            case "bar" -> new Progress(System.err, true);
            case "none" -> new Progress(System.err, false);
            default -> throw new IllegalArgumentException("--progress is auto, bar or none, not " + mode);
        };
    }

    /**
     * Redraws the line: {@code label}, the phase, {@code elapsed} of {@code length} seconds (length
     * 0: unknown), the last second's operations, the window's p99 so far (ms) and its errors.
     */
    void show(String label, String phase, double elapsed, double length, long lastSecondOps, double p99,
            long errors) {
        if (!enabled) {
            return;
        }
        int filled = length <= 0 ? 0 : (int) Math.min(WIDTH, Math.round(WIDTH * elapsed / length));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format("%-28s %-7s [%s] %5.0f/%-4.0fs %,9d ops/s  p99 %8.2f ms  errors %,d", label,
                phase, bar, elapsed, length, lastSecondOps, p99, errors);
        draw(line);
    }

    /** A one-off status (e.g. loading keys), drawn like the progress line. */
    void status(String text) {
        if (enabled) {
            draw(text);
        }
    }

    /** Erases the line. */
    void clear() {
        if (enabled && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }

    private void draw(String line) {
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        out.print("\r" + padded);
        out.flush();
        lastLength = line.length();
    }
}
