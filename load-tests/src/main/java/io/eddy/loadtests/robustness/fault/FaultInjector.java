package io.eddy.loadtests.robustness.fault;

import java.util.List;

/**
 * What a {@link FaultSchedule} drives: a set of fault kinds a cluster harness can cause
 * (partitions through link proxies, SIGKILL, SIGSTOP, ...) and a way to undo them. The
 * in-process harness cuts peer links; the process harness adds kills and pauses.
 * Implementations are called from one thread at a time.
 */
public interface FaultInjector {
    /** The kinds of fault {@link #inject} accepts, e.g. {@code isolate-leader}. */
    List<String> kinds();

    /**
     * Causes one fault of {@code kind}; returns what was done (e.g. "isolate n2 (leader)").
     * Throws if the fault could not be caused; the schedule records that and goes on.
     */
    String inject(String kind) throws Exception;

    /** Undoes every fault in force (heal links, resume paused members, restart killed ones); returns what was done. */
    String heal() throws Exception;
}
