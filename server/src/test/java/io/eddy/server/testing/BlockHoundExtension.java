package io.eddy.server.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once per test JVM (with Reactor's, Netty's and Ratis' shaded Netty's
 * integrations, found through {@link java.util.ServiceLoader}), so a blocking call on a Netty
 * event loop or a Reactor non-blocking thread fails. Every such call is also recorded, and a
 * test class using this extension fails after its tests when any was seen during them, even
 * one whose error was swallowed on the way (an error thrown on an event loop may only be logged).
 *
 * <p>It is registered for every test class of the server and of the modules that use the
 * server's test jar (JUnit's extension auto-detection: {@code junit-platform.properties} and
 * {@code META-INF/services} in the server's test resources), so it is installed before the
 * first test starts any thread, whatever the order of the classes.
 *
 * <p>Once installed, BlockHound stays on for the rest of the JVM; tests that block on purpose
 * do so on their own threads, which BlockHound does not watch. The allow-list is third-party
 * code known to block only briefly and harmlessly; each entry says why.
 */
public final class BlockHoundExtension implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> SEEN = new ArrayList<>();

    /** Installs BlockHound (idempotent). */
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        BlockHound.install(builder -> builder
                // Logback's appenders take a lock and write to stdout; tests log from every thread.
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                .allowBlockingCallsInside("ch.qos.logback.core.UnsynchronizedAppenderBase", "doAppend")
                // Netty 4.2's adaptive allocator frees a magazine under a StampedLock held only for
                // bookkeeping (its own BlockHound integration does not list it yet).
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "free")
                // Handing a task to a thread pool (the node's reply, local-read and query pools) takes
                // the queue's lock for a few instructions; under contention that parks briefly.
                // That is a hand-off, not waiting on I/O or on work: the point of the pools.
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute")
                // Cancelling a scheduled task (RSocket's keep-alive timer, when a connection closes on
                // its event loop) takes the same queue lock to unlink it: the same brief hand-off.
                .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", "cancel")
                .blockingMethodCallback(method -> {
                    if (isIdleWorker()) {
                        return;
                    }
                    BlockingOperationError error = new BlockingOperationError(method);
                    StringWriter trace = new StringWriter();
                    error.printStackTrace(new PrintWriter(trace));
                    synchronized (SEEN) {
                        SEEN.add(Thread.currentThread().getName() + ": " + trace);
                    }
                    throw error;
                }));
    }

    /**
     * Whether the current thread is a pool worker waiting for its next task. Reactor allows
     * that wait, but only from the moment the worker enters it: a scheduler thread already
     * parked in {@code getTask()} when BlockHound was installed (by an earlier test class of the
     * same JVM) is reported each time it parks again until its next task. Waiting for work is
     * not blocking work, so it is never reported.
     */
    private static boolean isIdleWorker() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                    && frame.getMethodName().equals("getTask")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        synchronized (SEEN) {
            SEEN.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> seen;
        synchronized (SEEN) {
            seen = List.copyOf(SEEN);
            SEEN.clear();
        }
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " blocking call(s) on non-blocking threads:\n"
                    + String.join("\n", seen));
        }
    }
}
