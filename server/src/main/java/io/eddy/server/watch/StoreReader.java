package io.eddy.server.watch;

import io.eddy.server.mvcc.MvccStore;
import java.util.function.Function;

/** Borrows the member's store for one short read (the state machine's local read). */
@FunctionalInterface
public interface StoreReader {
    /** Runs {@code action} on the current store; the action must not keep it. May block briefly. */
    <T> T read(Function<MvccStore, T> action);
}
