package io.eddy.server.storage;

/** An engine failed (I/O, corruption, misuse of a closed engine). Not a user error. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
