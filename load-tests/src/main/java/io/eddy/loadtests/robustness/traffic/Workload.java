package io.eddy.loadtests.robustness.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * The shape of a run's traffic. Keys are {@code prefix + "k" + i} for i below {@code keys}; a
 * CAS also writes {@code key + "/shadow"} (so a txn's events come as one watch batch); ranges
 * read the whole prefix. Weights are relative.
 *
 * @param requestTimeout  each client's request timeout (retries included); a call that times out
 *                        is an UNKNOWN outcome for a write
 * @param watchers        watchers of the whole prefix (prevKv, progress notifications)
 * @param watchResumeMin  a watcher cancels and resumes from its last revision + 1 after a random
 *                        time between this and {@code watchResumeMax}
 */
public record Workload(String prefix, int keys, int getWeight, int putWeight, int deleteWeight, int casWeight,
        int rangeWeight, Duration requestTimeout, int watchers, Duration watchResumeMin, Duration watchResumeMax) {
    /** A mix of every kind over 10 keys, 3 s timeouts, 2 watchers resuming every 3-8 s. */
    public static Workload standard(String prefix) {
        return new Workload(prefix, 10, 30, 25, 10, 20, 15, Duration.ofSeconds(3), 2, Duration.ofSeconds(3),
                Duration.ofSeconds(8));
    }

    /** Checks the fields. */
    public Workload {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || keys < 1) {
            throw new IllegalArgumentException("a prefix and at least one key are required");
        }
        if (getWeight < 0 || putWeight < 0 || deleteWeight < 0 || casWeight < 0 || rangeWeight < 0
                || getWeight + putWeight + deleteWeight + casWeight + rangeWeight == 0) {
            throw new IllegalArgumentException("weights must be non-negative, and one positive");
        }
    }

    /** The prefix's range end (the prefix with its last character + 1; prefixes are ASCII). */
    public String rangeEnd() {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** Key number {@code i}. */
    public String key(int i) {
        return prefix + "k" + i;
    }
}
