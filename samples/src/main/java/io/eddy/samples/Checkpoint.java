package io.eddy.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A revision kept in a small text file, replaced atomically: a reader (or the next run, after a
 * crash) finds either the old revision or the new one, never a torn or empty file. Blocking
 * file I/O: call it from a thread of your own, not from the client's.
 */
public final class Checkpoint {
    private final Path file;

    /** A checkpoint kept in {@code file} (created on the first {@link #write}). */
    public Checkpoint(Path file) {
        this.file = file.toAbsolutePath();
    }

    /**
     * The revision last written, or 0 when the file does not exist yet.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalStateException when it does not hold a revision
     */
    public long read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a revision", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the revision: writes a temporary file next to it, forces it to disk, then moves
     * it over the checkpoint in one atomic rename.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void write(long revision) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((revision + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
