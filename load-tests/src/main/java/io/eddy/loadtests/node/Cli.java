package io.eddy.loadtests.node;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the measurement programs share: {@code --name value} options with defaults, a
 * watchdog that ends a run that overstays, and the readings printed beside every figure
 * (the machine's load average, the JVM's GC time).
 */
public final class Cli {
    private final Map<String, String> values;

    private Cli(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value} pairs; {@code defaults} lists every known option (name
     * without dashes) and its default. Prints usage and exits on {@code --help} or an unknown option.
     */
    public static Cli parse(String program, String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !values.containsKey(name) || i + 1 == args.length) {
                StringBuilder usage = new StringBuilder("usage: " + program);
                defaults.forEach((k, v) -> usage.append(" [--").append(k).append(' ').append(v).append(']'));
                System.err.println(usage);
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            values.put(name, args[++i]);
        }
        return new Cli(values);
    }

    public String get(String name) {
        return values.get(name);
    }

    public int intValue(String name) {
        return Integer.parseInt(values.get(name).replace("_", ""));
    }

    /** A comma-separated list of integers. */
    public List<Integer> ints(String name) {
        List<Integer> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            list.add(Integer.parseInt(part.trim().replace("_", "")));
        }
        return list;
    }

    /** A comma-separated list of words. */
    public List<String> words(String name) {
        return List.of(values.get(name).split("\\s*,\\s*"));
    }

    /** Options as given, for the report's first line. */
    public String describe() {
        return values.toString();
    }

    /**
     * Ends the JVM if the program is still running after {@code limit} (status 3), or as soon
     * as the JVM holds a Java-level deadlock (status 4, after printing the deadlocked threads'
     * stacks): the programs must stop by themselves even if the cluster hangs. A daemon
     * thread that looks every 2 s; runs {@code cleanup} (e.g. deleting the data) before exiting.
     */
    public static void watchdog(Duration limit, Runnable cleanup) {
        long deadline = System.nanoTime() + limit.toNanos();
        Thread thread = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int status = 3;
            try {
                while (System.nanoTime() < deadline) {
                    Thread.sleep(2000);
                    long[] deadlocked = threads.findDeadlockedThreads();
                    if (deadlocked != null) {
                        System.out.println("DEADLOCK among " + deadlocked.length + " threads; exiting");
                        for (ThreadInfo info : threads.getThreadInfo(deadlocked, true, true)) {
                            System.out.print(stack(info));
                        }
                        status = 4;
                        break;
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            if (status == 3) {
                System.out.println("watchdog: still running after " + limit + "; exiting");
            }
            System.out.flush();
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("watchdog: cleanup failed: " + e);
            }
            Runtime.getRuntime().halt(status);
        }, "bench-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** A thread's whole stack with the locks it holds ({@link ThreadInfo#toString()} cuts at 8 frames). */
    private static String stack(ThreadInfo info) {
        StringBuilder text = new StringBuilder("\"" + info.getThreadName() + "\" " + info.getThreadState());
        if (info.getLockName() != null) {
            text.append(" waiting for ").append(info.getLockName()).append(" held by \"")
                    .append(info.getLockOwnerName()).append('"');
        }
        text.append('\n');
        StackTraceElement[] frames = info.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            text.append("\tat ").append(frames[i]).append('\n');
            for (MonitorInfo monitor : info.getLockedMonitors()) {
                if (monitor.getLockedStackDepth() == i) {
                    text.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        for (LockInfo lock : info.getLockedSynchronizers()) {
            text.append("\t- holds ").append(lock).append('\n');
        }
        return text.toString();
    }

    /** The machine's 1-minute load average (the figures mean little on a busy machine). */
    public static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * CPU use at one moment: this JVM's CPU time and the machine's busy and total ticks
     * ({@code /proc/stat}; zero where unreadable), to tell this program's CPU from others'.
     */
    public record CpuMark(long wallNanos, long jvmNanos, long busyTicks, long totalTicks) {
        public static CpuMark now() {
            long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            long busy = 0;
            long total = 0;
            try {
                String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0)
                        .trim().split("\\s+");
                for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                    long ticks = Long.parseLong(fields[i]);
                    total += ticks;
                    busy += (i == 4 || i == 5) ? 0 : ticks;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: machine figures stay 0
            }
            return new CpuMark(System.nanoTime(), jvm, busy, total);
        }

        /** "jvm/machine" CPU since {@code from}, in percent of one core (2 cores = 200). */
        public String since(CpuMark from) {
            int cores = Runtime.getRuntime().availableProcessors();
            double jvm = 100.0 * (jvmNanos - from.jvmNanos) / Math.max(1, wallNanos - from.wallNanos);
            double machine = totalTicks == from.totalTicks ? 0
                    : 100.0 * cores * (busyTicks - from.busyTicks) / (totalTicks - from.totalTicks);
            return String.format("%.0f/%.0f", jvm, machine);
        }
    }

    /** Total GC time of this JVM so far, milliseconds. */
    public static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
