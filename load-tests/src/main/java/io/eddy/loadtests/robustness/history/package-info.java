/**
 * The robustness suite's record of a run: every client {@link io.eddy.loadtests.robustness.history.Operation}
 * (invocation, completion, outcome OK / FAIL / UNKNOWN, result) and every
 * {@link io.eddy.loadtests.robustness.history.WatchSession} (the batches a watcher received, in
 * order), as immutable records; {@link io.eddy.loadtests.robustness.history.HistoryFiles} keeps a
 * history as JSON lines and reads it back so that a failing history can be checked again.
 *
 * <p>Conventions the checkers rely on: times are {@code System.nanoTime()} of the one JVM that
 * ran the clients; every value written is unique in the history (client id and sequence), so a
 * read's value names the write it saw; a watch session starts at an explicit revision.
 */
package io.eddy.loadtests.robustness.history;
