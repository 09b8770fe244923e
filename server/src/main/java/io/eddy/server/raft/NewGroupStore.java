package io.eddy.server.raft;

import io.eddy.server.mvcc.NewClusterReset;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.EngineBackup;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;

/**
 * Lays out, offline, the Raft storage of a member of a new group whose store starts from an
 * engine backup (a snapshot of another cluster): what {@code eddy-server restore} writes.
 *
 * <p>The result is what a member of a new group has after its first start, with the backup's
 * data in its store: Ratis' own storage directory for the group, formatted by Ratis (term 0,
 * no vote, an empty log), and the store in the state machine's directory, reset for a new group
 * by {@link NewClusterReset} (no applied index). Started with {@code initial-cluster-state new},
 * Ratis recovers that directory (it formats only a missing one, which would delete the store),
 * finds no snapshot and an empty log, takes its configuration from the initial cluster, and
 * applies the new group's entries from the first on, over the restored data.
 */
public final class NewGroupStore {
    private NewGroupStore() {
    }

    /**
     * Formats the storage of group {@code groupId} under {@code raftDir} (which must not hold
     * it yet) and loads {@code backup} (read to its end, not closed) into its store. Blocking.
     *
     * @param properties the member's Ratis properties (for the storage's free-space minimum and
     *                   log corruption policy)
     * @return the restored store's revisions and what the reset removed
     * @throws IOException      if the group's directory exists or Ratis cannot format it
     * @throws io.eddy.server.storage.StorageException if the backup is corrupt, truncated,
     *                          unreadable or not an Eddy store of a supported format, or the
     *                          engine fails; the directory is then left for the caller to delete
     */
    public static NewClusterReset.Result seed(InputStream backup, Path raftDir, RaftGroupId groupId,
                                              RaftProperties properties, XodusOptions options) throws IOException {
        Path groupDir = raftDir.resolve(groupId.getUuid().toString());
        if (Files.exists(groupDir)) {
            throw new IOException(groupDir + " exists already");
        }
        Path stateMachineDir;
        try (RaftStorage storage = RaftStorage.newBuilder()
                .setDirectory(groupDir.toFile())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .setStorageFreeSpaceMin(RaftServerConfigKeys.storageFreeSpaceMin(properties))
                .setLogCorruptionPolicy(RaftServerConfigKeys.Log.corruptionPolicy(properties))
                .build()) {
            storage.initialize();
            stateMachineDir = storage.getStorageDir().getStateMachineDir().toPath();
        }
        try (XodusEngine engine = XodusEngine.open(StoreHandle.storeDir(stateMachineDir), Schema.TABLES, options)) {
            EngineBackup.restore(backup, engine);
            NewClusterReset.Result result = NewClusterReset.forNewGroup(engine);
            engine.sync();
            return result;
        }
    }
}
