package io.eddy.loadtests.bench;

/**
 * One entry of the matrix: a workload and the requests it keeps in flight.
 *
 * @param workload    the kind of operations
 * @param concurrency requests in flight (closed loop), or the cap on outstanding requests (open loop)
 */
record WorkloadSpec(Workload workload, int concurrency) {
    /** Parses {@code name} or {@code name@concurrency}, e.g. {@code put@256}; {@code defaultConcurrency} otherwise. */
    static WorkloadSpec parse(String text, int defaultConcurrency) {
        String[] parts = text.trim().split("@", 2);
        int concurrency = parts.length == 2 ? Integer.parseInt(parts[1].replace("_", "")) : defaultConcurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1 in " + text);
        }
        return new WorkloadSpec(Workload.byName(parts[0]), concurrency);
    }

    /** The label in reports: {@code put@64}. */
    String label() {
        return workload == Workload.WATCH ? workload.label() : workload.label() + "@" + concurrency;
    }
}
