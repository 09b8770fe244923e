package io.eddy.server.raft;

import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The member's store in {@code <state machine dir>/store}, replaceable as a whole when a
 * snapshot from the leader is installed. Users borrow it under a read lock, so the swap
 * (write lock) waits for reads in flight and no read sees a closed engine.
 */
final class StoreHandle implements AutoCloseable {
    private final Path dir;
    private final Limits limits;
    private final XodusOptions options;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Engine engine;
    private MvccStore store;

    StoreHandle(Path stateMachineDir, Limits limits, XodusOptions options) {
        this.dir = storeDir(stateMachineDir);
        this.limits = limits;
        this.options = options;
        open();
    }

    /** Where the store of a state machine whose directory is {@code stateMachineDir} lives. */
    static Path storeDir(Path stateMachineDir) {
        return stateMachineDir.resolve("store");
    }

    /** Where a snapshot being installed is restored before {@link #replaceWith} takes it. */
    Path incomingDir() {
        return dir.resolveSibling("store.incoming");
    }

    /** Runs {@code action} on the current store; it must not keep the store. */
    <T> T read(Function<MvccStore, T> action) {
        lock.readLock().lock();
        try {
            if (store == null) {
                throw new StorageException("the store is closed");
            }
            return action.apply(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The engine, for backups; same borrowing rules as {@link #read}. */
    <T> T readEngine(Function<Engine, T> action) {
        lock.readLock().lock();
        try {
            if (engine == null) {
                throw new StorageException("the store is closed");
            }
            return action.apply(engine);
        } finally {
            lock.readLock().unlock();
        }
    }

    void sync() {
        readEngine(engine -> {
            engine.sync();
            return null;
        });
    }

    /** Closes the current store, puts the restored {@code incoming} directory in its place, and opens it. */
    void replaceWith(Path incoming) {
        lock.writeLock().lock();
        try {
            closeStore();
            deleteTree(dir);
            Files.move(incoming, dir);
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the store in " + dir, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closeStore();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void open() {
        engine = XodusEngine.open(dir, Schema.TABLES, options);
        store = MvccStore.open(engine, limits);
    }

    private void closeStore() {
        if (engine != null) {
            engine.close();
        }
        engine = null;
        store = null;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
