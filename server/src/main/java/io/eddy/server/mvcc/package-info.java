/**
 * etcd v3's multi-version key-value store on a {@link io.eddy.server.storage.Engine}.
 *
 * <h2>Data model</h2>
 * <ul>
 *   <li>A store starts at revision 1. Every request that changes something (a put, a delete
 *       that deletes something, a txn with at least one such write) creates exactly one new
 *       revision, shared by all its changes; requests that change nothing (reads, empty
 *       deletes, read-only txns, failed requests) create none.</li>
 *   <li>A {@code KeyValue} carries its create revision (since its last deletion), mod
 *       revision, version (1 at creation, +1 per put, restarted by a delete) and lease.</li>
 *   <li>Ranges use etcd's conventions ({@link io.eddy.server.mvcc.KeyRange}); reads at a
 *       past revision see the store as it was; revisions below the compact revision fail
 *       with COMPACTED, above the current one with FUTURE_REVISION, and revision &lt;= 0
 *       means the current one.</li>
 *   <li>Streamed ranges read a range in bounded pages at one revision
 *       ({@link io.eddy.server.mvcc.MvccStore#rangePage}): each page is one short read
 *       transaction that resumes by key (keyset pagination), so no transaction stays open
 *       across pages and a page costs only its own keys.</li>
 *   <li>Txns evaluate all compares on the chosen path (nested txns included) against the
 *       state before the txn, then run the path in order ({@link io.eddy.server.mvcc.TxnRunner});
 *       a key may not be written twice ({@link io.eddy.server.mvcc.TxnConflicts}).</li>
 *   <li>Compaction at revision C (phase one, a replicated command) makes revisions below C
 *       unreadable at once; phase two ({@link io.eddy.server.mvcc.Compactor}) removes the
 *       data in bounded, resumable steps. Reads at C and above are unaffected. One exception,
 *       for the member's watch hub only: {@link io.eddy.server.mvcc.MvccStore#retainedChanges}
 *       reads the change log from any revision at or above
 *       {@link io.eddy.server.mvcc.MvccStore#retainedRevision()} (where the last physical pass
 *       started), so a synced feed a few revisions behind a compaction still reads them; the
 *       caller of {@link io.eddy.server.mvcc.MvccStore#compactStep(int, long)} holds a new pass
 *       back until that reader is past it ({@link io.eddy.server.mvcc.CompactStep#HELD}).</li>
 * </ul>
 *
 * <h2>Storage layout</h2>
 * Three tables ({@link io.eddy.server.mvcc.Schema}):
 * <ul>
 *   <li>{@code kv}: every retained version, keyed {@code escape(userKey) ++ ~revision} so that
 *       the versions of a key are contiguous and newest first; a read at revision R is one
 *       seek per key and needs no in-memory index (see {@link io.eddy.server.mvcc.KeyCodec}
 *       for the encoding and a worked example, {@link io.eddy.server.mvcc.VersionRecord}
 *       for the values). A delete writes a tombstone version.</li>
 *   <li>{@code changes}: the revision-ordered change log, {@code revision ++ sub} to the
 *       event type and key; it holds no values (they are in {@code kv}), so it is small.
 *       Watches replay it ({@link io.eddy.server.mvcc.MvccStore#changes}).</li>
 *   <li>{@code meta}: applied Raft index, revision, compaction state ({@link io.eddy.server.mvcc.Meta}).</li>
 *   <li>{@code dedupe}, {@code dedupe-expiry}: results of writes that carry a request id,
 *       kept for two minutes of leader time so retries are answered, not re-applied
 *       ({@link io.eddy.server.mvcc.Dedupe}).</li>
 * </ul>
 * Room is left for the lease and auth tables of later issues: they are new tables, not new
 * prefixes in these.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The applied Raft index is written in the same engine transaction as the batch it
 *       covers; a batch at or below it is skipped, so replaying the log after a crash
 *       applies each entry exactly once. A store restored from a snapshot for a new cluster has
 *       no applied index ({@link io.eddy.server.mvcc.NewClusterReset}): the new group's log
 *       starts empty, and a kept index would skip its first entries.</li>
 *   <li>A command is fully checked before it writes: a user error leaves no trace and
 *       becomes an error result; the batch's other commands still apply.</li>
 *   <li>Each user key has at most one version per revision (txns may not write a key twice).</li>
 *   <li>Every observable result (reads at or above the compact revision, the change log,
 *       {@link io.eddy.server.mvcc.KvHash}) is independent of physical compaction progress;
 *       only the watch hub's retained reads depend on it, by design.</li>
 *   <li>Nothing at or above {@code compact.pass} has been removed, in every committed state:
 *       a pass records its target with or before its first removal and targets never
 *       decrease. A read transaction is a snapshot, so a retained read that takes the floor and
 *       the log from one transaction is never torn by a concurrent compaction step.</li>
 * </ul>
 *
 * <h2>Where Eddy differs from etcd</h2>
 * Keys are limited (8 KiB by default) besides the request size; a txn whose sibling nested
 * txns put and delete the same key is refused in either order (etcd accepts one order); a compare whose value field
 * does not match its target is refused with INVALID_ARGUMENT (etcd treats it as equal);
 * ties in a sort on a non-key target are always ordered by key; an unknown sort target,
 * sort order or compare result is refused (etcd 3.4 crashes on an unknown sort target); the
 * first compaction of a new store must be at revision 1 or more (etcd also accepts 0). See {@code docs/etcd-compatibility.md} for etcd 3.4's observed behaviour.
 */
package io.eddy.server.mvcc;
