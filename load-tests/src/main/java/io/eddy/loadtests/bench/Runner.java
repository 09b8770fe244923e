package io.eddy.loadtests.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Runs the matrix: every workload against every target, alternating which target goes first
 * from one workload to the next; loads the key space into a target before its first workload
 * that reads existing keys; prints a row per run and, with two targets, the Eddy/etcd ratios;
 * writes {@code results.json} and {@code report.html}. A run that fails is reported as such and
 * the matrix goes on.
 */
final class Runner {
    private static final int LOAD_IN_FLIGHT = 256;

    private Runner() {
    }

    /** How to reach one target: its name, its endpoints (for the report) and how to open it with N connections. */
    record TargetSpec(String name, List<String> endpoints, IntFunction<Target> open) {
    }

    /** What a run produced: the results and the files written. */
    record Outcome(List<Result> results, Path json, Path html) {
    }

    /** Runs {@code options}' matrix against {@code targets}, printing to {@code out}. */
    static Outcome run(List<TargetSpec> targets, BenchOptions options, PrintStream out)
            throws InterruptedException, IOException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Progress progress = Progress.of(options.progress());
        Keys keys = options.keySpace();
        Map<String, Target> open = new LinkedHashMap<>();
        Map<String, Boolean> loaded = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        out.printf("%-22s %-6s %9s %11s %9s %9s %9s %9s %9s  %s%n", "workload", "target", "in-flight", "ops/s",
                "p50 ms", "p90", "p99", "p99.9", "max", "errors / notes");
        try {
            if (!options.initialWarmup().isZero()) {
                for (TargetSpec t : targets) {
                    initialWarmup(t, options, keys, open, loaded, progress, out);
                }
            }
            for (int i = 0; i < options.workloads().size(); i++) {
                WorkloadSpec spec = options.workloads().get(i);
                List<TargetSpec> order = new ArrayList<>(targets);
                if (i % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (TargetSpec t : order) {
                    if (targets.size() > 1) {
                        syncDisks(out);
                    }
                    Result result = runOne(t, spec, options, keys, open, loaded, progress, out);
                    results.add(result);
                    printRow(out, result);
                }
            }
        } finally {
            open.values().forEach(Target::close);
        }
        List<Ratio> ratios = Ratio.of(results);
        if (!ratios.isEmpty()) {
            out.printf("%n%-22s %12s %12s %10s %10s %10s %10s%n", "Eddy/etcd", "eddy ops/s", "etcd ops/s",
                    "ops ratio", "eddy p99", "etcd p99", "p99 ratio");
            for (Ratio r : ratios) {
                out.printf("%-22s %,12.0f %,12.0f %10.2f %10.2f %10.2f %10.2f%n", r.workload(), r.eddyOps(),
                        r.etcdOps(), r.opsRatio(), r.eddyP99(), r.etcdP99(), r.p99Ratio());
            }
        }
        Map<String, Object> settings = settings(started, targets, options);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tool", "eddy bench");
        document.put("settings", settings);
        document.put("results", results);
        document.put("ratios", ratios);
        String json = Json.write(document);
        Files.createDirectories(options.out());
        Path jsonFile = options.out().resolve("results.json");
        Path htmlFile = options.out().resolve("report.html");
        Files.writeString(jsonFile, json);
        Files.writeString(htmlFile, Html.report(options.title(), settings, results, json));
        out.printf("%nwrote %s%nwrote %s%n", jsonFile, htmlFile);
        return new Outcome(results, jsonFile, htmlFile);
    }

    /**
     * Before each run of a multi-target matrix: flushes the page cache's dirty data ({@code sync})
     * so that a run does not pay for the previous target's deferred writes. Measured: etcd's
     * put@64 gave 1,807 ops/s right after Eddy's runs without this, 3,467 with it (3,500 alone).
     * The likely cause, inferred rather than traced: Eddy's store writes without fsync (the Raft
     * log is the durable record), so the kernel writes those pages back later, on the disk the
     * next target fsyncs to. Best effort: a missing {@code sync} is noted.
     */
    private static void syncDisks(java.io.PrintStream out) {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
            if (!sync.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                sync.destroyForcibly();
                out.println("# sync between runs did not finish within 120 s");
            }
        } catch (java.io.IOException e) {
            out.println("# no sync between runs: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Result runOne(TargetSpec t, WorkloadSpec spec, BenchOptions options, Keys keys,
            Map<String, Target> open, Map<String, Boolean> loaded, Progress progress, PrintStream out)
            throws InterruptedException {
        try {
            if (spec.workload() == Workload.WATCH) {
                try (Target watchTarget = t.open().apply(options.watchConnections())) {
                    return WatchRun.run(watchTarget, spec, options, progress);
                }
            }
            Target target = open.computeIfAbsent(t.name(), n -> t.open().apply(options.connections()));
            if (spec.workload() == Workload.LEASE && !target.supportsLeases()) {
                return Result.skipped(t.name(), spec, options.connections(), t.name() + " has no leases yet");
            }
            if (spec.workload().needsKeys() && !loaded.getOrDefault(t.name(), false)) {
                load(target, keys, progress, out);
                loaded.put(t.name(), true);
            }
            return Driver.run(target, spec, options, Ops.of(spec.workload(), target, options, keys), progress);
        } catch (RuntimeException e) {
            progress.clear();
            return Result.skipped(t.name(), spec, options.connections(), "failed: " + e);
        }
    }

    /** Runs the mixed workload, unmeasured, for {@code --initial-warmup} (after loading the keys). */
    private static void initialWarmup(TargetSpec t, BenchOptions options, Keys keys, Map<String, Target> open,
            Map<String, Boolean> loaded, Progress progress, PrintStream out) throws InterruptedException {
        WorkloadSpec spec = new WorkloadSpec(Workload.MIXED, options.concurrency());
        Target target = open.computeIfAbsent(t.name(), n -> t.open().apply(options.connections()));
        if (!loaded.getOrDefault(t.name(), false)) {
            load(target, keys, progress, out);
            loaded.put(t.name(), true);
        }
        Result result = Driver.run(target, spec, options.withWindow(options.initialWarmup(), Duration.ofMillis(1)),
                Ops.of(Workload.MIXED, target, options, keys), progress);
        out.printf("# initial warm-up of %s: %.0f s of %s, not measured%s%n", t.name(),
                options.initialWarmup().toMillis() / 1000.0, spec.label(),
                result.errorCount() == 0 ? "" : " (errors " + result.errors() + ")");
    }

    /** Puts every key of the key space once ({@value #LOAD_IN_FLIGHT} in flight); fails if any put failed. */
    static void load(Target target, Keys keys, Progress progress, PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        Semaphore permits = new Semaphore(LOAD_IN_FLIGHT);
        LongAdder failed = new LongAdder();
        for (int i = 0; i < keys.count(); i++) {
            permits.acquire();
            if (i % 1000 == 0) {
                progress.status(String.format("loading %,d keys into %s: %,d", keys.count(), target.name(), i));
            }
            target.put(i % target.connections(), keys.key(i), keys.value()).orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            failed.increment();
                        }
                        permits.release();
                    });
        }
        if (!permits.tryAcquire(LOAD_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("loading keys into " + target.name() + ": puts still outstanding after 60 s");
        }
        progress.clear();
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " puts failed while loading keys into " + target.name());
        }
        out.printf("# loaded %,d keys (%d-byte values) into %s in %.1f s%n", keys.count(), keys.value().length,
                target.name(), (System.nanoTime() - start) / 1e9);
    }

    private static void printRow(PrintStream out, Result r) {
        if (r.skipped() != null) {
            out.printf("%-22s %-6s skipped: %s%n", r.workload(), r.target(), r.skipped());
            return;
        }
        Result.Latency l = r.latency();
        String extra = (r.errors().isEmpty() ? "0" : r.errors().toString())
                + (r.notes().isEmpty() ? "" : " " + r.notes());
        out.printf("%-22s %-6s %9d %,11.0f %9.2f %9.2f %9.2f %9.2f %9.2f  %s%n", r.workload(), r.target(),
                r.concurrency(), r.throughput(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), extra);
    }

    private static Map<String, Object> settings(String started, List<TargetSpec> targets, BenchOptions o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("started", started);
        s.put("host", String.format("%d cores, load average %s at the end, Java %s",
                Runtime.getRuntime().availableProcessors(),
                String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                System.getProperty("java.version")));
        targets.forEach(t -> s.put("target " + t.name(), String.join(",", t.endpoints())));
        s.put("workloads", o.workloads().stream().map(WorkloadSpec::label).toList().toString());
        s.put("mode", o.rate() > 0 ? "open loop at " + o.rate() + " requests/s" : "closed loop");
        s.put("connections", o.connections());
        s.put("keys", String.format("%,d keys of %d bytes, %d-byte values", o.keys(), o.keyBytes(), o.valueBytes()));
        s.put("initial warm-up", o.initialWarmup().toMillis() / 1000.0 + " s of mixed load per target, not measured");
        s.put("window", "warm-up " + o.warmup().toMillis() / 1000.0 + " s, then "
                + (o.total() > 0 ? o.total() + " operations" : o.duration().toMillis() / 1000.0 + " s") + " measured");
        s.put("ranges", "small " + o.smallRange() + " keys, large " + o.largeRange() + " keys");
        s.put("watch", String.format("%,d watchers on %d connections, %s writes/s", o.watchers(),
                o.watchConnections(), o.watchRate()));
        s.put("mix", o.mix().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().label() + "=" + e.getValue()).toList().toString());
        return s;
    }
}
