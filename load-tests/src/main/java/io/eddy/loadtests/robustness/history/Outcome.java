package io.eddy.loadtests.robustness.history;

/** How an operation ended, as its client saw it. */
public enum Outcome {
    /** It completed with a result. */
    OK,
    /** It failed and the client knows it did not take effect (a refused request, a failed read). */
    FAIL,
    /** It timed out or failed in a way that may have taken effect: it may or may not have happened. */
    UNKNOWN
}
