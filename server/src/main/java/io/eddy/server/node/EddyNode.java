package io.eddy.server.node;

import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.Query;
import io.eddy.protocol.QueryResult;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.server.config.EddySettings;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.RequestValidator;
import io.eddy.server.raft.EddyStateMachine;
import io.eddy.server.raft.RaftSetup;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Eddy member: a Ratis server running {@link EddyStateMachine} in the cluster's group,
 * and the member's own Raft client through which it forwards writes to the leader and
 * runs linearizable reads (ReadIndex) on itself. This is the server-side API that the
 * RSocket handlers call; every method is non-blocking unless stated.
 *
 * <p>Writes are validated here, before they reach the log: a bad request completes with an
 * error result at once. Results and read responses carry a full header (cluster, member,
 * revision, term). Failures of the cluster (no leader, time-outs, stopping) complete the
 * future exceptionally with an {@link EddyException}.
 */
public final class EddyNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EddyNode.class);
    private static final int MAX_ENTRIES_IN_FLIGHT = 4;
    private static final int LOCAL_READ_THREADS = 2;
    private static final int LOCAL_READ_QUEUE = 1024;
    private static final int ADMIN_THREADS = 4;
    private static final int ADMIN_QUEUE = 64;

    private final NodeConfig config;
    private final RaftGroup group;
    private final RaftPeerId self;
    private final RaftServer server;
    private final RaftClient client;
    private final EddyStateMachine stateMachine;
    private final RequestValidator validator;
    private final WriteBatcher batcher;
    /** Where write entries and read barriers go: the local division, else the Raft client. */
    private final RaftSubmitter submitter;
    /** Runs reply handling and callers' continuations off Ratis' threads. */
    private final ExecutorService completions;
    /**
     * Serializable reads run here, never on the caller's thread (an RSocket event loop must
     * not wait on storage); the queue is bounded and a full one refuses with TOO_MANY_REQUESTS.
     */
    private final BoundedPool localReads = new BoundedPool("eddy-local-reads", "local reads", LOCAL_READ_THREADS,
            LOCAL_READ_QUEUE);
    /** Blocking membership changes, status and snapshot work (see {@link #admin}). */
    private final BoundedPool admin = new BoundedPool("eddy-admin", "cluster and maintenance requests",
            ADMIN_THREADS, ADMIN_QUEUE);
    private final Headers headers;
    private final ReadBarrier readBarrier = new ReadBarrier(this::barrierRound);
    /** Deliberate faults of the robustness suite's self-test; {@link TestFaults#NONE} unless a test set them. */
    private final TestFaults testFaults;

    private EddyNode(NodeConfig config, RaftGroup group, RaftServer server, RaftClient client,
                     EddyStateMachine stateMachine, Limits limits, TestFaults testFaults) {
        this.config = config;
        this.testFaults = testFaults;
        this.group = group;
        this.self = RaftPeerId.valueOf(config.name());
        this.server = server;
        this.client = client;
        this.stateMachine = stateMachine;
        this.validator = new RequestValidator(limits);
        this.completions = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eddy-" + config.name() + "-replies");
            thread.setDaemon(true);
            return thread;
        });
        this.submitter = new RaftSubmitter(server, group.getGroupId(), self,
                config.settings().get(EddySettings.REQUEST_TIMEOUT), client, completions);
        this.batcher = new WriteBatcher(message -> offCaller(() -> submitter.write(message)), completions,
                config.clusterId(),
                MAX_ENTRIES_IN_FLIGHT, config.settings().get(EddySettings.BATCH_MAX_COMMANDS),
                config.settings().get(EddySettings.BATCH_MAX_BYTES));
        this.headers = new Headers(config.clusterId(), NodeConfig.memberId(config.name(), config.groupUuid()),
                this::term);
        this.watchHub = io.eddy.server.watch.WatchHub.start(config.name(), stateMachine::readLocal, headers::complete,
                io.eddy.server.watch.WatchSettings.DEFAULTS.withProgressInterval(java.time.Duration.ofMillis(
                        config.settings().get(EddySettings.WATCH_PROGRESS_INTERVAL))));
        stateMachine.onApplied(watchHub::onApplied);
        stateMachine.holdCompactionFor(watchHub::processedRevision,
                java.time.Duration.ofMillis(config.settings().get(EddySettings.WATCH_COMPACTION_WAIT)));
        this.rangeStreams = new RangeStreams(stateMachine, localReads, headers, validator, this::range,
                () -> Staleness.maybeStale(this));
    }

    /** Starts the member (recovering its data directory if it has one) and returns once the server runs. */
    public static EddyNode start(NodeConfig config) throws IOException {
        TestFaults testFaults = TestFaults.fromSystemProperty(config.name());
        Files.createDirectories(config.dataDir());
        RaftGroupId groupId = RaftGroupId.valueOf(config.groupUuid());
        RaftGroup group = RaftCalls.initialGroup(config, groupId);
        RaftProperties properties = RaftSetup.properties(config.settings(), config.raftDir(),
                config.peerAddress().host(), config.peerAddress().port());
        Limits limits = Limits.from(config.settings());
        XodusOptions options = XodusOptions.DEFAULTS.withCacheBytes(config.settings().get(EddySettings.XODUS_CACHE_BYTES));
        RaftClient[] clientRef = new RaftClient[1];
        EddyStateMachine stateMachine = new EddyStateMachine(limits, options,
                (from, request) -> RaftCalls.fetchChunk(clientRef[0], from, request),
                io.eddy.protocol.MemberInfo.newBuilder().setName(config.name())
                        .setClientAddress(config.clientAddress().toString()).build());
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.name()))
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        server.start();
        RaftClient client = RaftCalls.newClient(config, RaftCalls.knownGroup(config, groupId), properties);
        clientRef[0] = client;
        // The Raft client id is random per start; the robustness suite's peer proxies read it here.
        LOG.info("member {} started: peer {}, client {}, data {}, raft client id {}", config.name(),
                config.peerAddress(), config.clientAddress(), config.dataDir().toAbsolutePath(),
                java.util.HexFormat.of().formatHex(client.getId().toByteString().toByteArray()));
        return new EddyNode(config, group, server, client, stateMachine, limits, testFaults);
    }

    /** How this member's writes and read barriers reached Raft (for tests). */
    RaftSubmitter.Counts submissions() {
        return submitter.counts();
    }

    public NodeConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /**
     * Replicates one write. Completes with its result (a response, or an error result for a
     * user error); exceptionally with an {@link EddyException} when the cluster could not
     * take it (TIMEOUT means it may have been applied).
     */
    public CompletableFuture<CommandResult> write(Command command) {
        try {
            validator.validate(command);
        } catch (EddyException e) {
            return CompletableFuture.completedFuture(CommandResult.newBuilder().setError(e.error()).build());
        }
        return batcher.submit(command).thenApply(headers::fill);
    }

    /**
     * Reads a range from this member's state, on its bounded local-read pool (a full queue
     * refuses with TOO_MANY_REQUESTS). Linearizable by default: the read waits for a
     * {@link ReadBarrier} (a ReadIndex round shared by every read waiting at the time).
     * Serializable when the request says so: at once, with {@code maybe_stale} set when this
     * member has lost touch with the cluster.
     */
    public CompletableFuture<RangeResponse> range(RangeRequest request) {
        try {
            validator.validate(request);
        } catch (EddyException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (request.getSerializable()) {
            return readLocally(() -> headers.fill(stateMachine.readLocal(store -> store.range(request)),
                    Staleness.maybeStale(this)));
        }
        if (testFaults.staleReads()) { // a deliberate bug for the robustness suite's self-test (TestFaults)
            return readLocally(() -> headers.fill(stateMachine.readLocal(store -> store.range(request)), false));
        }
        return readBarrier.pass().thenCompose(passed -> readLocally(
                () -> headers.fill(stateMachine.readLocal(store -> store.range(request)), false)));
    }

    private <T> CompletableFuture<T> readLocally(java.util.function.Supplier<T> read) {
        return localReads.supply(read);
    }

    /** One ReadIndex round through this member (see {@link ReadBarrier}). */
    private CompletableFuture<QueryResult> barrierRound() {
        Message query = RaftCalls.toMessage(Query.newBuilder().setReadBarrier(io.eddy.protocol.ReadBarrier.getDefaultInstance())
                .build());
        return offCaller(() -> submitter.read(query))
                .handleAsync((reply, failure) -> {
                    QueryResult result = RaftCalls.toResult(reply, failure);
                    if (result.hasError()) {
                        throw new EddyException(result.getError());
                    }
                    return result;
                }, completions);
    }

    // ---- Streamed ranges (kv.rangeStream) ----
    private final RangeStreams rangeStreams;

    /** Pinning and page reads of this member's streamed ranges (non-blocking; see {@link RangeStreams}). */
    public RangeStreams rangeStreams() {
        return rangeStreams;
    }
    // ---- end of streamed ranges ----

    private final io.eddy.server.watch.WatchHub watchHub;

    /** This member's watchers (the {@code watch} route). */
    public io.eddy.server.watch.WatchHub watchHub() {
        return watchHub;
    }

    /**
     * Calls Ratis' async client from {@link #completions}, never from the caller's thread: the
     * first request to a peer (and the first after a failure) builds its gRPC channel there,
     * which reads files and takes locks, and the caller may be an RSocket event loop.
     */
    private <T> CompletableFuture<T> offCaller(java.util.function.Supplier<CompletableFuture<T>> call) {
        try {
            return CompletableFuture.supplyAsync(call, completions).thenCompose(future -> future);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(EddyException.of(io.eddy.protocol.ErrorCode.UNAVAILABLE,
                    "member " + config.name() + " is stopping"));
        }
    }

    /** Membership and leadership operations (blocking; call off event loops). */
    public Membership membership() {
        return new Membership(this, client, group.getGroupId());
    }

    RaftServer.Division division() {
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException("member " + config.name() + " has no division", e);
        }
    }

    /** The id this member's Raft client puts on its requests (tests route traffic by it). */
    public byte[] raftClientId() {
        return client.getId().toByteString().toByteArray();
    }

    /** The current Raft term as this member knows it. */
    public long term() {
        return division().getInfo().getCurrentTerm();
    }

    public boolean isLeader() {
        return division().getInfo().isLeader();
    }

    /** The leader's name as this member knows it, or null. */
    public String leaderName() {
        RaftPeerId leader = division().getInfo().getLeaderId();
        return leader == null ? null : leader.toString();
    }

    /** Index of the last log entry applied by this member. */
    public long appliedIndex() {
        return division().getInfo().getLastAppliedIndex();
    }

    /** Hash of this member's state at {@code revision} (local, for consistency checks). */
    public io.eddy.server.mvcc.KvHash hash(long revision) {
        return stateMachine.readLocal(store -> store.hash(revision));
    }

    /**
     * Completes when this member's Raft server has stopped: after {@link #close()}, or on its
     * own (a storage failure in apply stops it, by design). A launcher waits on it to exit.
     */
    public CompletableFuture<Void> stopped() {
        return stateMachine.serverStopped();
    }

    /** True while this member has compacted history left to remove (local). */
    public boolean compactionPending() {
        return stateMachine.readLocal(store -> store.compactionPending());
    }

    /**
     * True while this member holds a compaction's physical phase back because its watch hub has
     * not yet read the log up to the compact revision (at most {@code watch.compaction-wait}).
     */
    public boolean compactionWaiting() {
        return stateMachine.compactionWaiting();
    }

    /** This member's current revision (local). */
    public long localRevision() {
        return stateMachine.readLocal(store -> store.revision());
    }

    // ---- Cluster and maintenance services (the cluster.* and maintenance.* routes) ----

    private final java.util.concurrent.atomic.AtomicReference<ClientAddresses> clientAddresses =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Runs a blocking {@code task} (membership, status, snapshot work) on this member's bounded
     * admin executor. The future fails with an {@link EddyException}: the task's own, INVALID_ARGUMENT
     * for an {@link IllegalArgumentException}, the mapped Ratis failure for an
     * {@link IOException}, or TOO_MANY_REQUESTS when the executor's queue is full.
     */
    public <T> CompletableFuture<T> admin(java.util.concurrent.Callable<T> task) {
        return admin.call(task);
    }

    /**
     * The client address of every member of the current configuration that has one, by name
     * (see {@link ClientAddresses}); completes within about a second, never exceptionally.
     */
    public CompletableFuture<java.util.Map<String, String>> clientAddresses() {
        List<RaftPeer> peers = new ArrayList<>(division().getRaftConf().getAllPeers());
        peers.addAll(division().getRaftConf().getAllPeers(org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER));
        return offCaller(() -> addresses().of(peers));
    }

    /** Remembers the client address given for a member being added, until it answers for itself. */
    public void rememberClientAddress(String name, String address) {
        addresses().remember(name, address);
    }

    private ClientAddresses addresses() {
        return clientAddresses.updateAndGet(known -> known != null ? known
                : new ClientAddresses(config.name(), config.clientAddress().toString(), client));
    }

    /** This member's id (the response headers' member id). */
    public long memberId() {
        return NodeConfig.memberId(config.name(), config.groupUuid());
    }

    /** This member's Raft commit index. */
    public long commitIndex() {
        return division().getRaftLog().getLastCommittedIndex();
    }

    /** Whether this member is a learner (a Raft listener). */
    public boolean isLearner() {
        return division().getInfo().isListener();
    }

    /** This member's compact revision (local). */
    public long compactRevision() {
        return stateMachine.readLocal(store -> store.compactRevision());
    }

    /** Bytes this member's store occupies on disk (local). */
    public long dbSizeBytes() {
        return stateMachine.diskSizeBytes();
    }

    /**
     * Writes a consistent engine backup of this member's store to {@code out} (blocking, for the
     * whole copy: run it on {@link #admin}); see {@link EddyStateMachine#backup}.
     *
     * @return the number of bytes written
     */
    public long backup(java.io.OutputStream out) {
        return stateMachine.backup(out);
    }

    /** A full response header: cluster, this member, its current revision (local) and term. */
    public io.eddy.protocol.ResponseHeader header() {
        return headers.complete(io.eddy.protocol.ResponseHeader.newBuilder().setRevision(localRevision()).build());
    }

    // ---- End of cluster and maintenance services ----

    @Override
    public void close() throws IOException {
        watchHub.close();
        try {
            client.close();
        } finally {
            try {
                server.close();
            } finally {
                completions.shutdown();
                localReads.shutdown();
                admin.shutdown();
                LOG.info("member {} stopped", config.name());
            }
        }
    }
}
