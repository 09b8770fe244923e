package io.eddy.server.raft;

import com.google.protobuf.UnsafeByteOperations;
import io.eddy.protocol.SnapshotChunk;
import io.eddy.protocol.SnapshotChunkRequest;
import io.eddy.server.storage.EngineBackup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of snapshot transfer: writes an engine backup to a file for a member
 * that fell behind the log, and serves it in chunks. Backups are written and read on this
 * class's own thread, never on a Raft or RPC thread. A session's file is deleted once its
 * last chunk is served, or after {@link #IDLE_NANOS} without a request.
 */
final class SnapshotServer implements AutoCloseable {
    static final int CHUNK_BYTES = 1024 * 1024;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotServer.class);

    private final Path dir;
    private final StoreHandle store;
    private final ExecutorService executor;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private static final class Session {
        final Path file;
        final long size;
        volatile long lastUsed = System.nanoTime();

        Session(Path file, long size) {
            this.file = file;
            this.size = size;
        }
    }

    SnapshotServer(Path dir, StoreHandle store, ExecutorService executor) {
        this.dir = dir;
        this.store = store;
        this.executor = executor;
    }

    CompletableFuture<SnapshotChunk> chunk(SnapshotChunkRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            if (request.getSession().isEmpty()) {
                return read(startSession(), 0);
            }
            Session session = sessions.get(request.getSession());
            if (session == null) {
                throw new IllegalStateException("snapshot session " + request.getSession() + " is unknown or expired");
            }
            return read(request.getSession(), request.getOffset());
        }, executor);
    }

    private String startSession() {
        expireIdle();
        String id = UUID.randomUUID().toString();
        Path file = dir.resolve(id + ".backup");
        try {
            Files.createDirectories(dir);
            long size;
            try (OutputStream out = Files.newOutputStream(file)) {
                size = store.readEngine(engine -> EngineBackup.write(engine, out));
            }
            sessions.put(id, new Session(file, size));
            LOG.info("snapshot {} written for a member behind the log: {} bytes", id, size);
            return id;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("cannot write a snapshot to " + file, e);
        }
    }

    private SnapshotChunk read(String id, long offset) {
        Session session = sessions.get(id);
        session.lastUsed = System.nanoTime();
        if (offset < 0 || offset > session.size) {
            throw new IllegalArgumentException("offset " + offset + " outside snapshot of " + session.size + " bytes");
        }
        int length = (int) Math.min(CHUNK_BYTES, session.size - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(session.file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until full
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + session.file, e);
        }
        if (offset + length == session.size) {
            sessions.remove(id);
            deleteQuietly(session.file);
            LOG.info("snapshot {} sent", id);
        }
        return SnapshotChunk.newBuilder().setSession(id).setOffset(offset)
                .setData(UnsafeByteOperations.unsafeWrap(buffer.array())).setTotalBytes(session.size).build();
    }

    private void expireIdle() {
        long now = System.nanoTime();
        sessions.entrySet().removeIf(entry -> {
            boolean idle = now - entry.getValue().lastUsed > IDLE_NANOS;
            if (idle) {
                deleteQuietly(entry.getValue().file);
            }
            return idle;
        });
    }

    @Override
    public void close() {
        sessions.values().forEach(session -> deleteQuietly(session.file));
        sessions.clear();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
