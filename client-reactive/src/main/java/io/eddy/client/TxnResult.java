package io.eddy.client;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a transaction.
 *
 * @param header    the response header; its revision is the transaction's revision
 * @param succeeded whether every comparison held, so the {@code then} branch ran (else {@code otherwise})
 * @param results   the answers of the branch that ran, one per operation in order; unmodifiable
 */
public record TxnResult(Header header, boolean succeeded, List<OpResult> results) {
    /** Copies {@code results} into an unmodifiable list. */
    public TxnResult {
        Objects.requireNonNull(header, "header");
        results = List.copyOf(results);
    }
}
