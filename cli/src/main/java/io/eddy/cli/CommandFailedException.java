package io.eddy.cli;

/**
 * A command that failed after it started (no endpoint reachable, an unsupported feature, a
 * cancelled watch): eddyctl prints {@code Error: <message>} and exits with
 * {@link ExitCodes#FAILURE}.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message, null, false, false);
    }
}
