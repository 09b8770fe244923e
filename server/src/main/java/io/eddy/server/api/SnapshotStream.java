package io.eddy.server.api;

import com.google.protobuf.UnsafeByteOperations;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.SnapshotResponse;
import io.eddy.server.node.EddyNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code maintenance.snapshot}: the member's store as a stream of {@link SnapshotResponse}
 * chunks of at most {@link #CHUNK_BYTES}.
 *
 * <p>How: on subscription the store is written, from one read transaction (a consistent
 * snapshot), as an engine backup to a temporary file under {@code <data dir>/snapshots}, on the
 * node's admin executor; the apply thread keeps applying meanwhile (the copy holds a read
 * transaction and the store's shared lock, which only a snapshot installation waits for).
 * The file is then read one chunk per requested element on a blocking-I/O worker, so demand
 * is honoured exactly and at most one chunk is in memory. The file is deleted when the stream
 * ends, fails or is cancelled (also when the cancellation arrives while it is being written);
 * files left by a crash are deleted when the routes are created. The member needs free disk
 * space for one backup per stream in flight.
 *
 * <p>Format (what {@code eddy-server restore} reads): the blobs concatenated are the engine
 * backup, format version 1 of {@code io.eddy.server.storage.EngineBackup} (self-checking with
 * its CRC-32C trailer; {@code EngineBackup.restore} loads it into an empty engine). The first
 * chunk carries the header (revision: the store's revision when the snapshot began) and the
 * total size; every chunk carries the bytes remaining after it; the last one (remaining 0)
 * carries the SHA-256 of all the blobs.
 */
final class SnapshotStream {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStream.class);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".tmp";

    private final EddyNode node;
    private final Path dir;

    SnapshotStream(EddyNode node, Path dir) {
        this.node = node;
        this.dir = dir;
        deleteLeftovers(dir);
    }

    private record Written(Path file, long size, ResponseHeader header) {
    }

    /** A cold stream: each subscription takes a new snapshot. */
    Flux<SnapshotResponse> stream() {
        return Flux.defer(() -> {
            // Not UUID.randomUUID(): it reads the OS entropy source, and this runs on the event
            // loop. Uniqueness only matters among this member's own files; CREATE_NEW checks it.
            Path file = dir.resolve(PREFIX + Long.toHexString(System.currentTimeMillis()) + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + SUFFIX);
            AtomicBoolean finished = new AtomicBoolean();
            return Mono.fromFuture(() -> node.admin(() -> write(file, finished)), true)
                    .flatMapMany(this::chunks)
                    .doFinally(signal -> {
                        finished.set(true);
                        // File I/O: off the thread that ended the stream (an event loop on cancel).
                        Schedulers.boundedElastic().schedule(() -> deleteQuietly(file));
                    });
        });
    }

    private Written write(Path file, AtomicBoolean finished) throws IOException {
        Files.createDirectories(dir);
        ResponseHeader header = node.header();
        long size;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            size = node.backup(out);
        } finally {
            if (finished.get()) {
                // Cancelled while writing: the stream's own clean-up may have run before the file existed.
                deleteQuietly(file);
            }
        }
        LOG.info("snapshot of {} bytes at revision {} written for a client", size, header.getRevision());
        return new Written(file, size, header);
    }

    /** The chunks of {@code written}, read on demand (one read per requested element) off the event loop. */
    private Flux<SnapshotResponse> chunks(Written written) {
        return Flux.<SnapshotResponse, Reader>generate(() -> new Reader(written), (reader, sink) -> {
            SnapshotResponse chunk = reader.next();
            sink.next(chunk);
            if (chunk.getRemainingBytes() == 0) {
                sink.complete();
            }
            return reader;
        }, Reader::close).subscribeOn(Schedulers.boundedElastic());
    }

    /** Reads the file chunk by chunk, hashing as it goes. */
    private static final class Reader {
        private final Written written;
        private final FileChannel channel;
        private final MessageDigest sha256;
        private long offset;

        Reader(Written written) {
            this.written = written;
            try {
                this.channel = FileChannel.open(written.file(), StandardOpenOption.READ);
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open snapshot " + written.file(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        SnapshotResponse next() {
            int length = (int) Math.min(CHUNK_BYTES, written.size() - offset);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            try {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException("snapshot file ended at " + (offset + buffer.position()) + " of "
                                + written.size() + " bytes");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read snapshot " + written.file(), e);
            }
            byte[] blob = buffer.array();
            sha256.update(blob);
            SnapshotResponse.Builder chunk = SnapshotResponse.newBuilder()
                    .setBlob(UnsafeByteOperations.unsafeWrap(blob))
                    .setRemainingBytes(written.size() - offset - length);
            if (offset == 0) {
                chunk.setHeader(written.header()).setTotalBytes(written.size());
            }
            offset += length;
            if (offset == written.size()) {
                chunk.setSha256(UnsafeByteOperations.unsafeWrap(sha256.digest()));
            }
            return chunk.build();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("cannot close snapshot {}: {}", written.file(), e.toString());
            }
        }
    }

    private static void deleteLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            files.forEach(SnapshotStream::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
