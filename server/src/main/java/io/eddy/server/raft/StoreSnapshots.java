package io.eddy.server.raft;

import java.util.List;
import java.util.function.Supplier;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;

/**
 * Ratis' view of Eddy's snapshots: the store itself is the snapshot, so a snapshot is just
 * the term-index the synced store covers, and it has no files (snapshots reach lagging
 * members by notification, as engine backups, not as Ratis file transfers).
 */
final class StoreSnapshots implements StateMachineStorage {
    private final Supplier<TermIndex> latest;

    StoreSnapshots(Supplier<TermIndex> latest) {
        this.latest = latest;
    }

    @Override
    public void init(RaftStorage raftStorage) {
    }

    /** The latest snapshot, or null before the store covers any entry. */
    @Override
    public SnapshotInfo getLatestSnapshot() {
        TermIndex termIndex = latest.get();
        if (termIndex.getIndex() < 0) {
            return null;
        }
        return new SnapshotInfo() {
            @Override
            public TermIndex getTermIndex() {
                return termIndex;
            }

            @Override
            public List<FileInfo> getFiles() {
                return List.of();
            }
        };
    }

    @Override
    public void format() {
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) {
    }
}
