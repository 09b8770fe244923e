package io.eddy.server.storage.xodus;

import io.eddy.server.storage.StorageException;
import java.util.Arrays;
import java.util.function.Supplier;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;

/** Calls into Xodus with its failures turned into {@link StorageException}, and byte conversions. */
final class XodusErrors {

    private XodusErrors() {
    }

    /** Runs {@code call}; any exception Xodus throws becomes a {@link StorageException}. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageException("Xodus failed: " + e, e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** Wraps {@code bytes} without copying: only for arguments Xodus does not keep. */
    static ByteIterable wrap(byte[] bytes) {
        return new ArrayByteIterable(bytes);
    }

    /** A copy of {@code bytes} wrapped: for keys and values Xodus may keep until commit. */
    static ByteIterable copy(byte[] bytes) {
        return new ArrayByteIterable(bytes.clone());
    }

    /** The bytes of {@code iterable}, in a new array the caller owns. */
    static byte[] bytes(ByteIterable iterable) {
        return Arrays.copyOf(iterable.getBytesUnsafe(), iterable.getLength());
    }
}
