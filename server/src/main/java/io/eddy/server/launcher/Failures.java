package io.eddy.server.launcher;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into the single line the launcher prints instead of a stack trace. */
final class Failures {
    private static final int MAX_LENGTH = 400;

    private Failures() {
    }

    /**
     * {@code Type: message} of {@code failure} (unwrapped from completion and execution
     * exceptions), followed by {@code (Type: message)} of its root
     * cause when that adds something; line breaks folded, at most {@value #MAX_LENGTH} characters.
     */
    static String oneLine(Throwable failure) {
        while (isWrapper(failure)) {
            failure = failure.getCause();
        }
        String text = describe(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure && (root.getMessage() == null || !text.contains(root.getMessage()))) {
            text += " (" + describe(root) + ")";
        }
        return fold(text);
    }

    /** {@code text} with every line break and the whitespace around it turned into one space. */
    static String fold(String text) {
        String folded = text.replaceAll("\\s*\\R\\s*", " ").trim();
        return folded.length() <= MAX_LENGTH ? folded : folded.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** Exceptions that only carry another across threads or APIs. */
    private static boolean isWrapper(Throwable failure) {
        return failure.getCause() != null && (failure instanceof CompletionException
                || failure instanceof ExecutionException || failure instanceof UncheckedIOException
                || failure instanceof InvocationTargetException);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
