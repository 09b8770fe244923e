package io.eddy.cli;

/**
 * A mistake in what the user typed (arguments, flag values, txn lines), found before anything
 * is sent: eddyctl prints {@code Error: <message>} and exits with {@link ExitCodes#USAGE}.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
