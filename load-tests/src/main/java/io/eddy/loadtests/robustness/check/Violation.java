package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.Operation;
import java.util.List;

/**
 * One broken guarantee: which check found it, what it is, and the operations involved (the
 * smallest set that shows it, when the check knows one).
 */
public record Violation(String check, String message, List<Operation> operations) {
    /** Copies the list. */
    public Violation {
        operations = List.copyOf(operations);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(check).append(": ").append(message);
        for (Operation op : operations) {
            s.append("\n    ").append(op.describe());
        }
        return s.toString();
    }
}
