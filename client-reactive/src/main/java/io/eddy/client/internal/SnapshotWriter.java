package io.eddy.client.internal;

import io.eddy.client.SnapshotFile;
import io.eddy.protocol.SnapshotResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Saves a verified snapshot stream to a file: chunks are written one at a time (one requested
 * per write, so at most one is held) to {@code <file>.part-<random>} next to the target on
 * Reactor's bounded-elastic workers (file I/O blocks), then the file is synced and moved into
 * place atomically. On failure or cancellation the partial file is deleted.
 */
final class SnapshotWriter {
    private SnapshotWriter() {
    }

    private static final class State {
        FileChannel channel;
        long bytes;
        long revision;
        String sha256 = "";
    }

    static Mono<SnapshotFile> save(Flux<SnapshotResponse> chunks, Path file) {
        return Mono.defer(() -> {
            Path target = file.toAbsolutePath();
            Path partial = target.resolveSibling(target.getFileName() + ".part-" + UUID.randomUUID());
            State state = new State();
            return Mono.fromCallable(() -> {
                        state.channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        return state;
                    })
                    .subscribeOn(Schedulers.boundedElastic())
                    .thenMany(chunks.concatMap(chunk -> Mono.fromRunnable(() -> write(state, chunk))
                            .subscribeOn(Schedulers.boundedElastic()), 1))
                    .then(Mono.fromCallable(() -> {
                        state.channel.force(true);
                        state.channel.close();
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        return new SnapshotFile(target, state.bytes, state.revision, state.sha256);
                    }).subscribeOn(Schedulers.boundedElastic()))
                    .doFinally(signal -> {
                        if (signal != SignalType.ON_COMPLETE) {
                            Schedulers.boundedElastic().schedule(() -> discard(state, partial));
                        }
                    });
        });
    }

    private static void write(State state, SnapshotResponse chunk) {
        if (chunk.hasHeader()) {
            state.revision = chunk.getHeader().getRevision();
        }
        try {
            for (ByteBuffer buffer : chunk.getBlob().asReadOnlyByteBufferList()) {
                while (buffer.hasRemaining()) {
                    state.channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot: " + e.getMessage(), e);
        }
        state.bytes += chunk.getBlob().size();
        if (chunk.getRemainingBytes() == 0) {
            state.sha256 = DefaultMaintenanceClient.hex(chunk.getSha256().toByteArray());
        }
    }

    private static void discard(State state, Path partial) {
        try {
            if (state.channel != null) {
                state.channel.close();
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // Best effort: the partial file is named as such.
        }
    }
}
