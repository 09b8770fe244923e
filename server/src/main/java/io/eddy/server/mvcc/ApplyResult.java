package io.eddy.server.mvcc;

import io.eddy.protocol.CommandResult;
import java.util.List;

/**
 * What {@link MvccStore#apply} did with one batch.
 *
 * @param skipped true when the batch's index was at or below the applied index, so nothing
 *                was applied again (a replay after restart); {@code results} is then empty
 * @param results one result per command, in order: a response or an error
 */
public record ApplyResult(boolean skipped, List<CommandResult> results) {
    public ApplyResult {
        results = List.copyOf(results);
    }
}
