/**
 * The robustness suite's judges: {@link io.eddy.loadtests.robustness.check.HistoryChecker} runs
 * every check on a {@link io.eddy.loadtests.robustness.history.History} and returns a
 * {@link io.eddy.loadtests.robustness.check.CheckReport} (verdict OK / VIOLATION / UNKNOWN).
 *
 * <ul>
 *   <li>{@code WriteIndex}: the writes by revision and key; UNKNOWN writes' revisions are learnt
 *       from what readers and watchers saw (values are unique). Single observations that break
 *       a rule: a value no write wrote, a write reported failed but seen, a write seen at another
 *       revision than it reported or at two (applied twice), two writes with one revision.</li>
 *   <li>{@code RevisionChecker}: real-time order of revisions (a write has a revision above
 *       everything completed before it started; a read is not older than that: stale reads),
 *       no read from the future.</li>
 *   <li>{@code LinearizabilityChecker} / {@code LinearSearch} / {@code KvModel}: Wing–Gong
 *       search with Lowe's memoisation per key partition (keys a CAS writes together share
 *       one), etcd register semantics including versions and modRevisions, UNKNOWN operations
 *       completing at +infinity and allowed to take effect or not; bounded in steps and time.</li>
 *   <li>{@code RangeChecker}: a range at revision H shows exactly the known writes' state at H.</li>
 *   <li>{@code WatchChecker}: ordered, unique, atomic per revision, no gaps, progress only after
 *       all earlier events, prevKv correct.</li>
 * </ul>
 *
 * <p>Long runs: when the watchers delivered an event batch at every revision up to the highest
 * revision the history shows ({@code WriteIndex.allWritesWatched}: true in a dedicated cluster
 * where every write is the traffic's), an UNKNOWN write nobody saw did not take effect before
 * anything observed, so it is left out of the search (otherwise the search would try every subset
 * of such writes at every point). The search's memo keys are the frontier of the operations
 * linearized plus the bits above it (not a bit per operation), and each watch session is checked
 * against the writes up to the revision it reached only: a 30-minute history checks in linear
 * memory and about linear time.
 *
 * <p>The checkers are tested on hand-made histories (in this module's tests) that must be
 * rejected or accepted; {@code docs/robustness.md} lists what is checked and what is not.
 */
package io.eddy.loadtests.robustness.check;
