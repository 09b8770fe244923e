package io.eddy.server.launcher;

import io.eddy.server.config.EddySettings;
import io.eddy.server.launcher.Member.StartupFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a member's data directory ({@code <data-dir>/eddy.lock}) held while
 * the member runs, so a second process on the same directory gets a one-line "in use" error
 * instead of Ratis' lock retries and stack traces. The OS releases it if the process dies.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE_NAME = "eddy.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of an existing directory, or fails at once if another member holds it. */
    static DataDirLock acquire(Path dir) throws StartupFailure {
        String setting = EddySettings.DATA_DIR.name() + " " + dir.toAbsolutePath();
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupFailure(setting + ": cannot create its lock file (" + Failures.oneLine(e) + ")");
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // Held by this JVM: a member of this process already uses the directory.
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupFailure(setting + ": cannot lock it (" + Failures.oneLine(e) + ")");
        }
        closeQuietly(channel);
        throw new StartupFailure(setting + ": in use by another running member");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing held that closing again would free.
        }
    }
}
