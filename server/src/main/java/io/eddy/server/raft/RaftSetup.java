package io.eddy.server.raft;

import io.eddy.server.config.EddySettings;
import io.eddy.server.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Every Ratis setting Eddy relies on, set explicitly (Ratis' defaults are wrong for us in
 * several places; see shared/STACK.md):
 * <ul>
 *   <li>reads are linearizable through ReadIndex (the default is not);</li>
 *   <li>election timeouts long enough to ride out GC pauses;</li>
 *   <li>automatic snapshots, and log purge up to the snapshot;</li>
 *   <li>snapshot installation by notification: the state machine pulls a backup itself;</li>
 *   <li>one log entry may be as large as the largest batch; the write buffer holds one
 *       entry plus its 8-byte framing.</li>
 * </ul>
 */
public final class RaftSetup {
    /** Room for the batch envelope and Ratis' own framing above the largest request or batch. */
    private static final long ENTRY_HEADROOM = 64 * 1024;

    private RaftSetup() {
    }

    /** The largest log entry: a whole group-commit batch, or one request larger than a batch may hold. */
    static SizeInBytes entryLimit(Settings settings) {
        long largest = Math.max(settings.get(EddySettings.BATCH_MAX_BYTES), settings.get(EddySettings.MAX_REQUEST_BYTES));
        return SizeInBytes.valueOf(largest + ENTRY_HEADROOM);
    }

    public static RaftProperties properties(Settings settings, Path raftDir, String host, int port) {
        SizeInBytes entryLimit = entryLimit(settings);
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(properties, host);
        GrpcConfigKeys.Server.setPort(properties, port);
        // Ratis requires the gRPC message limit to exceed the appender limit by at least 1 MiB.
        GrpcConfigKeys.setMessageSizeMax(properties, SizeInBytes.valueOf(entryLimit.getSize() + 2L * 1024 * 1024));

        // Heartbeats go on the append stream, behind the entries sent before them. On their own
        // channel (Ratis' default) a heartbeat can overtake in-flight entries; the follower then
        // answers INCONSISTENCY and the leader resends from an older index (RATIS-2242). Under
        // load on 2 cores that cost about a fifth of the write throughput, and once left a
        // follower stuck for minutes (docs/performance.md, "fourth look").
        GrpcConfigKeys.Server.setHeartbeatChannel(properties, false);
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        TimeDuration requestTimeout = millis(settings.get(EddySettings.REQUEST_TIMEOUT));
        RaftServerConfigKeys.Read.setTimeout(properties, requestTimeout);
        RaftServerConfigKeys.Rpc.setRequestTimeout(properties, requestTimeout);

        TimeDuration min = millis(settings.get(EddySettings.ELECTION_TIMEOUT_MIN));
        TimeDuration max = millis(settings.get(EddySettings.ELECTION_TIMEOUT_MAX));
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, min);
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, max);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, min);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties, max);

        long snapshotEvery = settings.get(EddySettings.SNAPSHOT_EVERY_ENTRIES);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEvery);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.max(1, Math.min(1024, snapshotEvery / 2)));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, false);

        RaftServerConfigKeys.Log.setSegmentSizeMax(properties,
                SizeInBytes.valueOf(Math.max(settings.get(EddySettings.LOG_SEGMENT_BYTES), 2 * entryLimit.getSize())));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, entryLimit);
        RaftServerConfigKeys.Log.setWriteBufferSize(properties, SizeInBytes.valueOf(entryLimit.getSize() + 8));
        return properties;
    }

    static TimeDuration millis(long value) {
        return TimeDuration.valueOf(value, TimeUnit.MILLISECONDS);
    }
}
