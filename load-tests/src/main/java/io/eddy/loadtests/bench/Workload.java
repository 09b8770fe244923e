package io.eddy.loadtests.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of workload the tool runs; each one's name is what {@code --workloads} takes. */
enum Workload {
    /** Puts of the value to keys drawn uniformly. */
    PUT("put", true),
    /** Linearizable single-key gets. */
    GET("get", true),
    /** Serializable (member-local) single-key gets. */
    GET_SERIALIZABLE("get-serializable", true),
    /** Linearizable ranges of {@code --range-small} consecutive keys. */
    RANGE_SMALL("range-small", true),
    /** Linearizable ranges of {@code --range-large} consecutive keys. */
    RANGE_LARGE("range-large", true),
    /** Compare-and-swap transactions: value equals the loaded value, then put it again, else get. */
    TXN_CAS("txn-cas", true),
    /** Watch fan-out: delay from a write's send to its event's receipt at every watch. */
    WATCH("watch", false),
    /** Lease grant + one keep-alive (skipped on a store without leases). */
    LEASE("lease", false),
    /** A weighted mix of the key-value operations ({@code --mix}). */
    MIXED("mixed", false);

    private final String label;
    private final boolean inMix;

    Workload(String label, boolean inMix) {
        this.label = label;
        this.inMix = inMix;
    }

    /** The name on the command line and in reports. */
    String label() {
        return label;
    }

    /** Whether the mixed workload may include it. */
    boolean inMix() {
        return inMix;
    }

    /** Whether the keys must exist before the run (read and compare workloads). */
    boolean needsKeys() {
        return this != PUT && this != WATCH && this != LEASE;
    }

    /** The workload called {@code name}. */
    static Workload byName(String name) {
        for (Workload w : values()) {
            if (w.label.equals(name.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "' (one of "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", ")) + ")");
    }
}
