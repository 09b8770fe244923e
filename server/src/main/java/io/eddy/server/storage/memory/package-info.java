/**
 * An in-memory storage engine for tests, {@link io.eddy.server.storage.memory.MemoryEngine}:
 * the full {@link io.eddy.server.storage storage contract} without persistence.
 *
 * <p>Design: per table, a {@code ConcurrentSkipListMap} ordered by
 * {@code Arrays.compareUnsigned} maps each key to an immutable chain of versions, newest
 * first, each tagged with the global commit sequence number that wrote it (a deletion is a
 * version without value). A read transaction takes the last committed sequence number when it
 * begins and sees, for every key, the newest version not after it, so later commits never
 * show. The single write transaction (a one-permit semaphore: {@code beginWrite} waits)
 * collects its writes in an overlay that its own reads and cursors merge over the committed
 * state; commit appends the overlay as versions of the next sequence number and then publishes
 * that number with one volatile write, so all of it becomes visible at once. After each commit,
 * versions that no open reader can see are pruned, and keys whose only visible state is
 * "deleted" are dropped.
 */
package io.eddy.server.storage.memory;
