package io.eddy.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An immutable transaction under construction, from {@link KvClient#txn()}: if every comparison
 * of {@link #when} holds, the operations of {@link #then} run, else those of {@link #otherwise};
 * all at one revision, atomically. Each method returns a new {@code Txn}. {@link #commit()}
 * returns a cold {@link Mono}: each subscription sends the transaction (with a fresh request id,
 * kept by its retries).
 */
public final class Txn {
    private final List<Cmp> compares;
    private final List<TxnOp> success;
    private final List<TxnOp> failure;
    private final Function<Txn, Mono<TxnResult>> committer;

    private Txn(List<Cmp> compares, List<TxnOp> success, List<TxnOp> failure,
            Function<Txn, Mono<TxnResult>> committer) {
        this.compares = List.copyOf(compares);
        this.success = List.copyOf(success);
        this.failure = List.copyOf(failure);
        this.committer = committer;
    }

    /** An empty transaction committed by {@code committer} (for {@link KvClient} implementations). */
    public static Txn create(Function<Txn, Mono<TxnResult>> committer) {
        return new Txn(List.of(), List.of(), List.of(), Objects.requireNonNull(committer, "committer"));
    }

    /** Adds comparisons to the guard (all must hold). */
    public Txn when(Cmp... cmps) {
        return new Txn(plus(compares, cmps), success, failure, committer);
    }

    /** Adds operations run when the guard holds. */
    public Txn then(TxnOp... ops) {
        return new Txn(compares, plus(success, ops), failure, committer);
    }

    /** Adds operations run when the guard does not hold. */
    public Txn otherwise(TxnOp... ops) {
        return new Txn(compares, success, plus(failure, ops), committer);
    }

    /** The comparisons of the guard. */
    public List<Cmp> compares() {
        return compares;
    }

    /** The operations run when the guard holds. */
    public List<TxnOp> thenOps() {
        return success;
    }

    /** The operations run when the guard does not hold. */
    public List<TxnOp> otherwiseOps() {
        return failure;
    }

    /** Sends the transaction (cold: on each subscription). */
    public Mono<TxnResult> commit() {
        return committer.apply(this);
    }

    @SafeVarargs
    private static <T> List<T> plus(List<T> list, T... more) {
        List<T> joined = new ArrayList<>(list);
        for (T item : more) {
            joined.add(Objects.requireNonNull(item));
        }
        return joined;
    }
}
