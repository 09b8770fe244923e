package io.eddy.loadtests.robustness.fault;

/** One action of a {@link FaultSchedule}: when ({@code System.nanoTime()}), and what was done or what failed. */
public record FaultEvent(long nanos, String kind, String action, boolean failed) {
}
