package io.eddy.loadtests;

import io.eddy.loadtests.bench.BenchCommand;

/**
 * The main class of {@code benchmarks.jar}: {@code java -jar benchmarks.jar bench [options]} runs
 * the benchmark tool ({@link BenchCommand}), {@code robustness [options]} the robustness suite's
 * long run ({@link io.eddy.loadtests.robustness.RobustnessCommand}); anything else goes to JMH's own main, as before
 * ({@code java -jar benchmarks.jar ApplyBenchmark -f 1}).
 */
public final class Main {
    private Main() {
    }

    /** Dispatches on the first argument. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            BenchCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("robustness")) {
            io.eddy.loadtests.robustness.RobustnessCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else {
            org.openjdk.jmh.Main.main(args);
        }
    }
}
