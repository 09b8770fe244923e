package io.eddy.loadtests.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Helpers to name failures the same way for every target. */
final class Errors {
    private Errors() {
    }

    /** The cause inside {@link CompletionException} / {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * A code for a failure no target recognised: {@code CLIENT_TIMEOUT} when the harness gave up
     * waiting ({@link TimeoutException}), {@code UNSUPPORTED}, else the exception's simple class name.
     */
    static String generic(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof TimeoutException) {
            return "CLIENT_TIMEOUT";
        }
        if (e instanceof UnsupportedOperationException) {
            return "UNSUPPORTED";
        }
        return e.getClass().getSimpleName();
    }

    /** The target's code for {@code error} (unwrapped first), falling back to {@link #generic}. */
    static String code(Target target, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof TimeoutException) {
            return "CLIENT_TIMEOUT";
        }
        String code = target.errorCode(e);
        return code == null || code.isEmpty() ? generic(e) : code;
    }
}
