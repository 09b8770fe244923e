package io.eddy.server.raft;

import io.eddy.protocol.SnapshotChunk;
import io.eddy.protocol.SnapshotChunkRequest;
import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.EngineBackup;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * A follower's side of snapshot transfer: pulls the leader's backup chunk by chunk into a
 * file, then restores it into a fresh engine directory that {@link StoreHandle#replaceWith}
 * installs. Runs on the state machine's snapshot thread.
 */
public final class SnapshotFetcher {

    /** Sends one chunk request to a member (the node implements it over its Raft client). */
    public interface ChunkSource {
        SnapshotChunk fetch(RaftPeerId from, SnapshotChunkRequest request) throws IOException;
    }

    private SnapshotFetcher() {
    }

    /** Downloads the snapshot of {@code leader} and restores it into {@code target}; returns what it covers. */
    static AppliedIndex fetch(ChunkSource source, RaftPeerId leader, Path target, Limits limits, XodusOptions options)
            throws IOException {
        StoreHandle.deleteTree(target);
        Path download = target.resolveSibling(target.getFileName() + ".backup");
        try {
            try (OutputStream out = Files.newOutputStream(download)) {
                SnapshotChunk chunk = source.fetch(leader, SnapshotChunkRequest.getDefaultInstance());
                while (true) {
                    chunk.getData().writeTo(out);
                    long next = chunk.getOffset() + chunk.getData().size();
                    if (next >= chunk.getTotalBytes()) {
                        break;
                    }
                    chunk = source.fetch(leader, SnapshotChunkRequest.newBuilder()
                            .setSession(chunk.getSession()).setOffset(next).build());
                }
            }
            try (XodusEngine engine = XodusEngine.open(target, Schema.TABLES, options);
                    InputStream in = Files.newInputStream(download)) {
                EngineBackup.restore(in, engine);
                return MvccStore.open(engine, limits).appliedIndex();
            }
        } finally {
            Files.deleteIfExists(download);
        }
    }
}
