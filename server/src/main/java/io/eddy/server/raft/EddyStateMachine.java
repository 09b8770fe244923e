package io.eddy.server.raft;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.eddy.protocol.BatchResult;
import io.eddy.protocol.CommandBatch;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.MemberInfo;
import io.eddy.protocol.Query;
import io.eddy.protocol.QueryResult;
import io.eddy.protocol.ReadBarrierPassed;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.ApplyResult;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.EngineBackup;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eddy's Raft state machine: each log entry is a {@link CommandBatch} applied to the MVCC
 * store in one engine transaction that also records the entry's index, so replays after a
 * restart are skipped and no entry is applied twice.
 *
 * <p>Snapshots: the store itself is the snapshot. {@link #takeSnapshot()} syncs the engine
 * and reports the applied index, after which Ratis may purge the log up to it. A member that
 * fell behind the purged log is told by Ratis to install a snapshot; it pulls an engine
 * backup from the leader ({@link SnapshotFetcher}, {@link SnapshotServer}), restores it into
 * a new directory, and swaps it in when Ratis pauses and reinitialises the state machine.
 *
 * <p>Threads: {@link #applyTransaction} runs on Ratis' apply thread and does only the store
 * write; reads and snapshot work run on other threads.
 */
public final class EddyStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(EddyStateMachine.class);
    private static final int LEADER_TIME_FIELD = CommandBatch.LEADER_TIME_MS_FIELD_NUMBER;

    private final Limits limits;
    private final XodusOptions options;
    private final SnapshotFetcher.ChunkSource chunkSource;
    private final MemberInfo self;
    private final ExecutorService snapshotExecutor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eddy-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private final BackgroundCompactor compactor = new BackgroundCompactor();
    private final StateMachineStorage storage = new StoreSnapshots(() -> this.latestSnapshot);
    private volatile StoreHandle store;
    private volatile SnapshotServer snapshotServer;
    private volatile TermIndex latestSnapshot = TermIndex.INITIAL_VALUE;
    private final CompletableFuture<Void> serverStopped = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicLong leaderClock = new java.util.concurrent.atomic.AtomicLong();
    private volatile Runnable appliedListener = () -> { };

    /** @param chunkSource how to ask the leader for snapshot chunks (the node's Raft client) */
    public EddyStateMachine(Limits limits, XodusOptions options, SnapshotFetcher.ChunkSource chunkSource) {
        this(limits, options, chunkSource, MemberInfo.getDefaultInstance());
    }

    /**
     * @param chunkSource how to ask the leader for snapshot chunks (the node's Raft client)
     * @param self        this member's name and client address, the answer to a member-info query
     */
    public EddyStateMachine(Limits limits, XodusOptions options, SnapshotFetcher.ChunkSource chunkSource,
                            MemberInfo self) {
        this.limits = limits;
        this.options = options;
        this.chunkSource = chunkSource;
        this.self = self;
    }

    /**
     * Writes an engine backup ({@link EngineBackup} format) of the store to {@code out} from one
     * read transaction: a consistent snapshot. Blocks for the whole copy, during which the
     * read transaction stays open and a snapshot installation waits; the apply thread does not.
     * Call it on a thread of its own, never on the apply thread or an event loop.
     *
     * @return the number of bytes written
     */
    public long backup(OutputStream out) {
        return store.readEngine(engine -> EngineBackup.write(engine, out));
    }

    /** Bytes the store occupies on disk (cheap: the engine's own count, no directory walk). */
    public long diskSizeBytes() {
        return store.readEngine(Engine::diskSizeBytes);
    }

    /**
     * Sets what runs on the apply thread after each applied entry and after a snapshot replaced
     * the store (the watch hub's wake-up): it must return at once and never throw.
     */
    public void onApplied(Runnable listener) {
        this.appliedListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Holds the physical phase of each compaction back until {@code processed} (the watch hub's
     * processed revision; read on the compactor thread, it must return at once) reaches the
     * compact revision - 1, for at most {@code maxWait}, so that the hub's synced feed can still
     * read the revisions below it (see {@link BackgroundCompactor}). Without it nothing waits.
     */
    public void holdCompactionFor(java.util.function.LongSupplier processed, java.time.Duration maxWait) {
        compactor.holdFor(processed, maxWait);
    }

    /** True while a compaction's physical phase waits for the reader given to {@link #holdCompactionFor}. */
    public boolean compactionWaiting() {
        return compactor.waiting();
    }

    /** Runs {@code action} on the store for a local (serializable) read. */
    public <T> T readLocal(java.util.function.Function<io.eddy.server.mvcc.MvccStore, T> action) {
        return store.read(action);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            Path dir = raftStorage.getStorageDir().getStateMachineDir().toPath();
            store = new StoreHandle(dir, limits, options);
            snapshotServer = new SnapshotServer(dir.resolve("outgoing"), store, snapshotExecutor);
            loadAppliedIndex();
            compactor.start(store);
        }, IOException.class);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        List<io.eddy.protocol.Command> commands;
        long leaderTime;
        try {
            CommandBatch batch = CommandBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
            commands = batch.getCommandsList();
            leaderTime = batch.getLeaderTimeMs();
        } catch (InvalidProtocolBufferException e) {
            // Every member sees the same bytes: skipping the entry (and recording its index) is
            // deterministic, where throwing would stop every member on the same entry.
            LOG.error("log entry {} is not a command batch; skipped: {}", entry.getIndex(), e.getMessage());
            commands = List.of();
            leaderTime = 0;
        }
        List<io.eddy.protocol.Command> batchCommands = commands;
        long batchTime = leaderTime;
        ApplyResult result = store.read(mvcc -> mvcc.apply(new AppliedIndex(entry.getTerm(), entry.getIndex()),
                batchTime, batchCommands));
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        appliedListener.run();
        BatchResult reply = BatchResult.newBuilder().addAllResults(result.results()).build();
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply.toByteArray())));
    }

    /**
     * On the leader, before the entry is logged: stamps the batch with the leader's clock,
     * the only clock apply may use ({@code CommandBatch.leader_time_ms}). Non-decreasing
     * while this member leads.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) {
        long now = leaderClock.updateAndGet(last -> Math.max(last, System.currentTimeMillis()));
        // Appending a field's encoding to a serialized message sets that field (the last value
        // wins), so the batch is stamped without being parsed and written again.
        byte[] stamp = new byte[CodedOutputStream.computeInt64Size(LEADER_TIME_FIELD, now)];
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(stamp);
            out.writeInt64(LEADER_TIME_FIELD, now);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the leader time", e);
        }
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(request.getMessage().getContent().concat(UnsafeByteOperations.unsafeWrap(stamp)))
                .build();
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        Query query;
        try {
            query = Query.parseFrom(request.getContent().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            return reply(error(EddyException.of(ErrorCode.BAD_PAYLOAD, "query is not a Query message")));
        }
        return switch (query.getBodyCase()) {
            case READ_BARRIER -> reply(QueryResult.newBuilder().setReadBarrier(ReadBarrierPassed.newBuilder()
                    .setAppliedIndex(getLastAppliedTermIndex().getIndex())).build());
            case SNAPSHOT_CHUNK -> snapshotServer.chunk(query.getSnapshotChunk())
                    .thenApply(chunk -> toMessage(QueryResult.newBuilder().setSnapshotChunk(chunk).build()));
            case MEMBER_INFO -> reply(QueryResult.newBuilder().setMemberInfo(self).build());
            default -> reply(error(EddyException.of(ErrorCode.INVALID_ARGUMENT, "query has no request")));
        };
    }

    @Override
    public long takeSnapshot() {
        TermIndex last = getLastAppliedTermIndex();
        store.read(mvcc -> {
            mvcc.advanceAppliedIndex(new AppliedIndex(last.getTerm(), last.getIndex()));
            return null;
        });
        long start = System.nanoTime();
        store.sync();
        latestSnapshot = last;
        LOG.info("snapshot taken at {}: store synced in {} ms", last, (System.nanoTime() - start) / 1_000_000);
        return last.getIndex();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo, TermIndex firstInLog) {
        if (!roleInfo.getFollowerInfo().hasLeaderInfo()) {
            return CompletableFuture.failedFuture(new IOException("no leader to install a snapshot from"));
        }
        RaftPeerId leader = RaftPeerId.valueOf(roleInfo.getFollowerInfo().getLeaderInfo().getId().getId());
        LOG.info("behind the leader's log (it starts at {}): installing a snapshot from {}", firstInLog, leader);
        return CompletableFuture.supplyAsync(() -> {
            try {
                AppliedIndex applied = SnapshotFetcher.fetch(chunkSource, leader, store.incomingDir(), limits, options);
                if (applied.index() <= 0) {
                    // Ratis asks every new member to install a snapshot once, even when the leader's
                    // store has applied nothing yet (only configuration entries): there is nothing
                    // to install, the whole log follows. Answering null says "no snapshot"; a
                    // snapshot at index 0 would leave no latest snapshot and stop the server.
                    StoreHandle.deleteTree(store.incomingDir());
                    LOG.info("the leader's store has applied no entry yet: no snapshot to install");
                    return null;
                }
                LOG.info("snapshot from {} restored, covering {}", leader, applied);
                return TermIndex.valueOf(applied.term(), applied.index());
            } catch (IOException | RuntimeException e) {
                LOG.warn("snapshot from {} failed: {}", leader, e.toString());
                throw new java.util.concurrent.CompletionException(e);
            }
        }, snapshotExecutor);
    }

    /** Completes when Ratis shuts this member's server down, for whatever reason. */
    public CompletableFuture<Void> serverStopped() {
        return serverStopped;
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        serverStopped.complete(null);
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        if (java.nio.file.Files.exists(store.incomingDir())) {
            store.replaceWith(store.incomingDir());
            LOG.info("snapshot installed");
        }
        loadAppliedIndex();
        appliedListener.run();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public void close() {
        serverStopped.complete(null);
        getLifeCycle().checkStateAndClose(() -> {
            compactor.close();
            snapshotExecutor.shutdownNow();
            if (snapshotServer != null) {
                snapshotServer.close();
            }
            if (store != null) {
                store.close();
            }
        });
    }

    /** The store's applied index is both the latest snapshot and where Ratis resumes applying. */
    private void loadAppliedIndex() {
        AppliedIndex applied = store.read(mvcc -> mvcc.appliedIndex());
        TermIndex termIndex = applied.index() == 0 ? TermIndex.INITIAL_VALUE
                : TermIndex.valueOf(applied.term(), applied.index());
        latestSnapshot = termIndex;
        setLastAppliedTermIndex(termIndex);
    }

    private static QueryResult error(EddyException e) {
        return QueryResult.newBuilder().setError(e.error()).build();
    }

    private static CompletableFuture<Message> reply(QueryResult result) {
        return CompletableFuture.completedFuture(toMessage(result));
    }

    private static Message toMessage(QueryResult result) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(result.toByteArray()));
    }
}
