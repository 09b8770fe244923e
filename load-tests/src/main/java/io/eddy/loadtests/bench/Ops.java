package io.eddy.loadtests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The single operations of the key-value workloads, built once per run. Keys are drawn
 * uniformly from the key space; outcomes that are not errors but matter (a missing key, a
 * failed compare) are counted as notes.
 */
final class Ops {
    private Ops() {
    }

    /** Issues one operation through {@code connection}; outcomes worth noting go to {@code recording}. */
    @FunctionalInterface
    interface Op {
        CompletableFuture<?> issue(int connection, Recording recording);
    }

    /** The operation of {@code workload} (not {@code watch}, which has its own run). */
    static Op of(Workload workload, Target target, BenchOptions options, Keys keys) {
        return switch (workload) {
            case PUT -> (c, r) -> target.put(c, keys.key(random(keys.count())), keys.value());
            case GET -> get(target, keys, false);
            case GET_SERIALIZABLE -> get(target, keys, true);
            case RANGE_SMALL -> range(target, keys, options.smallRange());
            case RANGE_LARGE -> range(target, keys, options.largeRange());
            case TXN_CAS -> (c, r) -> {
                byte[] key = keys.key(random(keys.count()));
                return target.txnCas(c, key, keys.value(), keys.value()).thenApply(held -> {
                    if (!held) {
                        r.note("cas.failed");
                    }
                    return held;
                });
            };
            case LEASE -> (c, r) -> target.leaseGrantKeepAlive(c, options.leaseTtl());
            case MIXED -> mixed(target, options, keys);
            case WATCH -> throw new IllegalArgumentException("watch has its own run");
        };
    }

    private static Op get(Target target, Keys keys, boolean serializable) {
        return (c, r) -> target.get(c, keys.key(random(keys.count())), serializable).thenApply(found -> {
            if (found == 0) {
                r.note("get.missing");
            }
            return found;
        });
    }

    private static Op range(Target target, Keys keys, int size) {
        int n = Math.min(size, keys.count());
        return (c, r) -> {
            int from = keys.rangeStart(n, ThreadLocalRandom.current());
            return target.range(c, keys.key(from), keys.key(from + n), n, false).thenApply(found -> {
                if (found < n) {
                    r.note("range.short");
                }
                return found;
            });
        };
    }

    /** Picks one operation per call with the weights of {@code --mix}. */
    private static Op mixed(Target target, BenchOptions options, Keys keys) {
        List<Op> ops = new ArrayList<>();
        List<Integer> cumulative = new ArrayList<>();
        int sum = 0;
        for (Map.Entry<Workload, Integer> entry : options.mix().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            sum += entry.getValue();
            ops.add(of(entry.getKey(), target, options, keys));
            cumulative.add(sum);
        }
        int total = sum;
        return (c, r) -> {
            int pick = ThreadLocalRandom.current().nextInt(total);
            for (int i = 0; i < ops.size(); i++) {
                if (pick < cumulative.get(i)) {
                    return ops.get(i).issue(c, r);
                }
            }
            throw new IllegalStateException("weights");
        };
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
