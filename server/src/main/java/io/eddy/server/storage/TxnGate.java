package io.eddy.server.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What every engine needs around its transactions, in one place: the single write permit
 * (one write transaction at a time, waited for in arrival order), a lifecycle lock so that
 * close cannot race a transaction being started, and the registry of open transactions
 * that makes close refuse while any is open.
 *
 * <p>Contract for engines: start transactions through {@link #beginRead}/{@link #beginWrite},
 * report each end once through {@link #ended}, and close through {@link #close}.
 *
 * @param <T> the engine's transaction type
 */
public final class TxnGate<T> {
    private final String engine;
    private final Semaphore writePermit = new Semaphore(1, true);
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<T> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param engine how errors name the engine, e.g. "the engine in /data/n1" */
    public TxnGate(String engine) {
        this.engine = engine;
    }

    /** Registers the read transaction {@code begin} makes; fails if the engine is closed. */
    public <R extends T> R beginRead(Supplier<R> begin) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            R txn = begin.get();
            open.add(txn);
            return txn;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Waits for the write permit, then registers the write transaction {@code begin} makes. */
    public <R extends T> R beginWrite(Supplier<R> begin) {
        checkOpen();
        try {
            if (!writePermit.tryAcquire()) { // only waiting is interruptible, not an uncontended begin
                writePermit.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the write transaction of " + engine, e);
        }
        lifecycle.readLock().lock();
        try {
            checkOpen();
            R txn = begin.get();
            open.add(txn);
            return txn;
        } catch (RuntimeException e) {
            writePermit.release();
            throw e;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Records that {@code txn} ended; returns false if it had ended already. A write
     * transaction's end releases the write permit.
     */
    public boolean ended(T txn, boolean write) {
        if (!open.remove(txn)) {
            return false;
        }
        if (write) {
            writePermit.release();
        }
        return true;
    }

    /**
     * Runs {@code closeAction} once, unless a transaction is open (then throws and the engine
     * stays usable). Does nothing when already closed.
     */
    public void close(Runnable closeAction) {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            if (!open.isEmpty()) {
                throw new StorageException("cannot close " + engine + ": " + open.size() + " transaction(s) still open");
            }
            closed = true;
            closeAction.run();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    public void checkOpen() {
        if (closed) {
            throw new StorageException(engine + " is closed");
        }
    }
}
