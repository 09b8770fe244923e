package io.eddy.loadtests.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Eddy next to etcd for one workload: throughput and p99 of each, and Eddy/etcd ratios
 * (throughput ratio above 1 and p99 ratio below 1 favour Eddy; NaN when a side is missing or 0).
 */
record Ratio(String workload, double eddyOps, double etcdOps, double opsRatio, double eddyP99, double etcdP99,
        double p99Ratio) {
    /** One ratio per workload that has a measured result for both {@code eddy} and {@code etcd}, in matrix order. */
    static List<Ratio> of(List<Result> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (Result eddy : results) {
            if (!eddy.target().equals("eddy") || eddy.skipped() != null) {
                continue;
            }
            for (Result etcd : results) {
                if (etcd.target().equals("etcd") && etcd.workload().equals(eddy.workload()) && etcd.skipped() == null) {
                    ratios.add(new Ratio(eddy.workload(), eddy.throughput(), etcd.throughput(),
                            divide(eddy.throughput(), etcd.throughput()), eddy.latency().p99(), etcd.latency().p99(),
                            divide(eddy.latency().p99(), etcd.latency().p99())));
                }
            }
        }
        return ratios;
    }

    private static double divide(double a, double b) {
        return b == 0 ? Double.NaN : Math.round(a / b * 1000) / 1000.0;
    }
}
