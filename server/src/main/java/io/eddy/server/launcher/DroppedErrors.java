package io.eddy.server.launcher;

import io.eddy.server.errors.EddyException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * What the member process does with an error that reaches a Reactor pipeline after its
 * subscriber left (Reactor's "dropped" errors). The usual case is a request whose client
 * cancelled or timed out, then failed on the member (a read index that timed out, a leader
 * change): the error is the request's own answer, with nobody left to send it to. Reactor's
 * default logs each one as an ERROR with a stack trace; such errors are logged at DEBUG,
 * one line each, and anything else at WARN with its stack trace.
 */
final class DroppedErrors {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedErrors.class);

    private DroppedErrors() {
    }

    /** Installs the process-wide hook (the member's main only: it is global to the JVM). */
    static void install() {
        Hooks.onErrorDropped(DroppedErrors::log);
    }

    static void log(Throwable dropped) {
        if (isRequestAnswer(dropped)) {
            LOG.debug("a request failed after its client had gone: {}", unwrap(dropped).getMessage());
        } else {
            LOG.warn("an error arrived after its subscriber had gone", dropped);
        }
    }

    /** True for an Eddy error code (possibly wrapped by a CompletableFuture): a request's answer. */
    static boolean isRequestAnswer(Throwable dropped) {
        return unwrap(dropped) instanceof EddyException;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
