/**
 * The storage engine contract: ordered maps of unsigned byte keys ("tables"), read-only
 * snapshot transactions, one read-write transaction at a time with atomic commit, cursors,
 * and an engine-independent backup stream.
 *
 * <p>Nothing above this package sees an engine's own types. Two engines implement it:
 * {@code storage.xodus} (the default, on disk) and {@code storage.memory} (tests). One
 * conformance suite ({@code EngineConformanceTest} in the test sources) runs on both, so a
 * third engine is a matter of passing it.
 *
 * <p>Contract, for every engine:
 * <ul>
 *   <li>Keys sort as unsigned bytes, shorter before longer on a common prefix
 *       ({@code 00 < 00 00 < 01 < ... < FF}). Keys may be empty only where an engine says so;
 *       Eddy never stores an empty key.</li>
 *   <li>A read transaction sees the state of the last commit before it began, whatever
 *       commits after. Keep read transactions short: an open one may pin old data.</li>
 *   <li>{@link io.eddy.server.storage.Engine#beginWrite()} waits until no other write
 *       transaction is open. A write transaction sees its own writes. Its writes become
 *       visible together at {@link io.eddy.server.storage.WriteTxn#commit()}, or never;
 *       closing without commit discards them. After a crash, the engine holds exactly the
 *       transactions committed before it (a suffix of them may be lost when the engine does
 *       not sync every commit: Eddy's Raft log is the durable record, and
 *       {@link io.eddy.server.storage.Engine#sync()} is called before that log is purged).</li>
 *   <li>Returned arrays are the caller's to keep; arrays passed in are not retained.</li>
 *   <li>Transactions and cursors are used by one thread at a time and must be closed; ending
 *       a transaction closes its cursors. A thread must not begin a write transaction while
 *       it holds one (it would wait for itself).</li>
 *   <li>Misuse is an {@link java.lang.IllegalArgumentException} (unknown table, empty key on
 *       put) or {@link java.lang.IllegalStateException} (finished transaction, closed or
 *       unpositioned cursor); engine failures, and any use of a closed engine, are
 *       {@link io.eddy.server.storage.StorageException}s. Closing an engine with transactions
 *       open fails and leaves it usable.</li>
 *   <li>{@link io.eddy.server.storage.EngineBackup} streams every table from one snapshot
 *       in an engine-independent format, and restores it into an empty engine of any kind.</li>
 * </ul>
 */
package io.eddy.server.storage;
