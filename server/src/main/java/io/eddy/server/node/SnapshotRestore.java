package io.eddy.server.node;

import io.eddy.server.config.EddySettings;
import io.eddy.server.mvcc.NewClusterReset;
import io.eddy.server.raft.NewGroupStore;
import io.eddy.server.raft.RaftSetup;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftGroupId;

/**
 * Makes the data directory of a member of a NEW cluster from a snapshot file (an engine
 * backup, as {@code maintenance.snapshot} streams it): the work of {@code eddy-server restore}.
 * Every member of the new cluster is restored from the same file with its own name; each is
 * then started with {@code initial-cluster-state new} and the same initial cluster and token
 * as given here (the token names the Raft group, hence the directory the store is put in).
 *
 * <p>The storage is built in {@code <data-dir>/raft.restoring} and renamed to
 * {@code <data-dir>/raft} only once complete and synced, so a member never starts on a
 * half-restored store; a failed restore deletes what it wrote.
 */
public final class SnapshotRestore {
    private static final String PARTIAL = "raft.restoring";

    private SnapshotRestore() {
    }

    /**
     * Restores {@code snapshot} into the Raft storage of member {@code config}. Blocking. The
     * caller checks that the data directory exists and holds no member data.
     *
     * @return the restored store's revision, compact revision and what was reset
     * @throws IOException if the file cannot be read or the directory written
     * @throws io.eddy.server.storage.StorageException if the file is corrupt, truncated or not
     *                          an Eddy snapshot of a supported format
     */
    public static NewClusterReset.Result restore(Path snapshot, NodeConfig config) throws IOException {
        Path raftDir = config.raftDir();
        if (Files.exists(raftDir)) {
            throw new IOException(raftDir + " exists already");
        }
        Path partial = raftDir.resolveSibling(PARTIAL);
        deleteTree(partial);
        try (InputStream in = Files.newInputStream(snapshot)) {
            XodusOptions options = XodusOptions.DEFAULTS
                    .withCacheBytes(config.settings().get(EddySettings.XODUS_CACHE_BYTES));
            NewClusterReset.Result result = NewGroupStore.seed(in, partial, RaftGroupId.valueOf(config.groupUuid()),
                    RaftSetup.properties(config.settings(), partial, config.peerAddress().host(),
                            config.peerAddress().port()),
                    options);
            Files.move(partial, raftDir, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
