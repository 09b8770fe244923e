package io.eddy.loadtests.robustness.history;

import java.util.List;

/** Everything a run recorded: the operations and the watch sessions. */
public record History(List<Operation> operations, List<WatchSession> watches) {
    /** Copies the lists. */
    public History {
        operations = List.copyOf(operations);
        watches = List.copyOf(watches);
    }
}
