package io.eddy.loadtests.node;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where this JVM's CPU went between two moments, by thread group: thread names with digits
 * folded ({@code n1@group-...-StateMachineUpdater} and its siblings on the other members count
 * as one group). GC and JIT threads, and threads that ended before the second moment, are
 * not seen one by one: their CPU is the JVM's CPU time less that of the threads seen.
 */
final class ThreadCpu {
    private final long wallNanos;
    private final long started;
    private final long processNanos;
    private final Map<Long, Long> nanosById;
    private final Map<Long, String> groupById;

    private ThreadCpu(long started, long processNanos, Map<Long, Long> nanosById, Map<Long, String> groupById) {
        this.wallNanos = System.nanoTime();
        this.started = started;
        this.processNanos = processNanos;
        this.nanosById = nanosById;
        this.groupById = groupById;
    }

    static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                groups.put(info.getThreadId(), info.getThreadName().replaceAll("[0-9A-F]{6,}", "X").replaceAll("\\d+", "N"));
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        return new ThreadCpu(threads.getTotalStartedThreadCount(), process, nanos, groups);
    }

    /**
     * The number of threads started since {@code from}, and the {@code top} thread groups by CPU
     * since then, in percent of this JVM's CPU in that time.
     */
    String since(ThreadCpu from, int top) {
        Map<String, Long> byGroup = new HashMap<>();
        long seen = 0;
        for (Map.Entry<Long, Long> thread : nanosById.entrySet()) {
            long delta = thread.getValue() - from.nanosById.getOrDefault(thread.getKey(), 0L);
            byGroup.merge(groupById.get(thread.getKey()), delta, Long::sum);
            seen += delta;
        }
        // Threads alive at the start but gone at the end: their CPU before the start was counted
        // in "from"; what they used after it is in the process total only.
        long total = Math.max(1, processNanos - from.processNanos);
        byGroup.put("(GC, JIT and threads gone)", Math.max(0, total - seen));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        double seconds = Math.max(1, wallNanos - from.wallNanos) / 1e9;
        StringJoiner text = new StringJoiner("\n    ", String.format("    threads started: %d (%.0f/s)%n    ",
                started - from.started, (started - from.started) / seconds), "");
        sorted.forEach((group, nanos) -> text.add(String.format("%5.1f%%  %s", 100.0 * nanos / total, group)));
        return text.toString();
    }
}
