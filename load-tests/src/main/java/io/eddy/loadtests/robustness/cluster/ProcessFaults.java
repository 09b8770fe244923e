package io.eddy.loadtests.robustness.cluster;

import io.eddy.loadtests.robustness.fault.FaultInjector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of a {@link ProcessCluster}, for a {@link io.eddy.loadtests.robustness.fault.FaultSchedule}:
 *
 * <ul>
 *   <li>{@code kill-leader}, {@code kill-follower}: SIGKILL the member's process (no shutdown,
 *       no flush); {@link #heal} restarts it on the same data directory and ports, so it
 *       recovers from its Raft log and store (restart with recovery).</li>
 *   <li>{@code pause-leader}, {@code pause-follower}: SIGSTOP; the process keeps its sockets but
 *       answers nothing, the others elect a new leader if it led (hold the fault longer than the
 *       election timeout); {@link #heal} sends SIGCONT and the member finds it has been deposed.</li>
 *   <li>{@code isolate-leader}, {@code isolate-follower}: both directions of every peer link of
 *       the member, through the proxies; client connections stay (a client pinned to it keeps
 *       asking it).</li>
 *   <li>{@code cut-leader-to-follower}: the leader's connections to one follower only (one way):
 *       the follower stops hearing the leader and calls elections the leader does not hear.</li>
 * </ul>
 *
 * <p>The leader is found by asking each member's status with short timeouts (a paused or killed
 * member does not make it hang); the follower is drawn at random. {@link #heal} resumes paused
 * members, restarts killed ones, heals every link and waits (bounded) until all members answer
 * and agree on a leader. Faults do not pile up: the schedule heals one before the next.
 */
public final class ProcessFaults implements FaultInjector {
    /** Every kind, in the order of the documentation. */
    public static final List<String> ALL = List.of("kill-leader", "kill-follower", "pause-leader", "pause-follower",
            "isolate-leader", "isolate-follower", "cut-leader-to-follower");

    private static final Duration FIND_LEADER = Duration.ofSeconds(15);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private final ProcessCluster cluster;
    private final List<String> kinds;
    private final Random random;
    private final Set<String> killed = new LinkedHashSet<>();
    private final Set<String> paused = new LinkedHashSet<>();

    /** Faults of {@code kinds} (a subset of {@link #ALL}) on {@code cluster}; {@code seed} draws the followers. */
    public ProcessFaults(ProcessCluster cluster, List<String> kinds, long seed) {
        this.cluster = cluster;
        this.kinds = checkKinds(kinds);
        this.random = new Random(seed);
    }

    /** Returns a copy of {@code kinds}; throws IllegalArgumentException if one is not in {@link #ALL} or none is given. */
    public static List<String> checkKinds(List<String> kinds) {
        for (String kind : kinds) {
            if (!ALL.contains(kind)) {
                throw new IllegalArgumentException("unknown fault kind " + kind + "; known: " + String.join(", ", ALL));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kind");
        }
        return List.copyOf(kinds);
    }

    @Override
    public List<String> kinds() {
        return kinds;
    }

    @Override
    public String inject(String kind) {
        String leader = cluster.leader(FIND_LEADER).orElseThrow(
                () -> new IllegalStateException("no member says it is the leader within " + FIND_LEADER));
        List<String> followers = new ArrayList<>(ProcessCluster.NAMES);
        followers.remove(leader);
        String follower = followers.get(random.nextInt(followers.size()));
        return switch (kind) {
            case "kill-leader" -> kill(leader, "leader");
            case "kill-follower" -> kill(follower, "follower");
            case "pause-leader" -> pause(leader, "leader");
            case "pause-follower" -> pause(follower, "follower");
            case "isolate-leader" -> {
                cluster.proxy().isolate(leader);
                yield "isolate " + leader + " (leader)";
            }
            case "isolate-follower" -> {
                cluster.proxy().isolate(follower);
                yield "isolate " + follower + " (follower)";
            }
            case "cut-leader-to-follower" -> {
                cluster.proxy().cut(leader, follower);
                yield "cut " + leader + " -> " + follower + " (one way)";
            }
            default -> throw new IllegalArgumentException("unknown fault " + kind);
        };
    }

    private String kill(String name, String role) {
        MemberProcess member = cluster.member(name);
        long pid = member.pid();
        member.kill();
        killed.add(name);
        return "SIGKILL " + name + " (" + role + ", pid " + pid + ")";
    }

    private String pause(String name, String role) {
        MemberProcess member = cluster.member(name);
        member.pause();
        paused.add(name);
        return "SIGSTOP " + name + " (" + role + ", pid " + member.pid() + ")";
    }

    /** Resumes, restarts, heals links, then waits until every member answers (throws if not within 90 s). */
    @Override
    public String heal() {
        List<String> done = new ArrayList<>();
        for (String name : List.copyOf(paused)) {
            if (cluster.member(name).alive()) {
                cluster.member(name).resume();
                done.add("SIGCONT " + name);
            }
            paused.remove(name);
        }
        Set<String> links = cluster.proxy().cutLinks();
        cluster.proxy().healAll();
        if (!links.isEmpty()) {
            done.add("heal " + String.join(", ", new java.util.TreeSet<>(links)));
        }
        for (String name : List.copyOf(killed)) {
            cluster.start(name);
            killed.remove(name);
            done.add("restart " + name + " (pid " + cluster.member(name).pid() + ")");
        }
        long start = System.nanoTime();
        cluster.awaitAllAnswer(RECOVERY);
        done.add("all answer after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        return String.join("; ", done);
    }
}
