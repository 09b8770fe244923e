package io.eddy.loadtests.robustness.check;

/** A checker's answer. */
public enum Verdict {
    /** Every check passed. */
    OK,
    /** At least one guarantee was broken. */
    VIOLATION,
    /** No violation found, but a bounded search gave up on some part of the history. */
    UNKNOWN
}
