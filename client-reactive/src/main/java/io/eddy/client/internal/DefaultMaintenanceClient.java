package io.eddy.client.internal;

import io.eddy.client.ByteSequence;
import io.eddy.client.ErrorCode;
import io.eddy.client.MaintenanceClient;
import io.eddy.client.ServerException;
import io.eddy.client.SnapshotFile;
import io.eddy.client.Status;
import io.eddy.protocol.Routes;
import io.eddy.protocol.SnapshotRequest;
import io.eddy.protocol.SnapshotResponse;
import io.eddy.protocol.StatusRequest;
import io.eddy.protocol.StatusResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link MaintenanceClient} over a {@link Transport}; snapshots are saved by {@link SnapshotWriter}. */
public final class DefaultMaintenanceClient implements MaintenanceClient {
    private final Transport transport;

    /** A maintenance client sending through {@code transport}. */
    public DefaultMaintenanceClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Mono<Status> status() {
        return transport.read(Routes.MAINTENANCE_STATUS, StatusRequest.getDefaultInstance(), StatusResponse.parser())
                .map(ClusterCodec::status);
    }

    @Override
    public Mono<Status> status(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return transport.readFrom(endpoint, Routes.MAINTENANCE_STATUS, StatusRequest.getDefaultInstance(),
                StatusResponse.parser()).map(ClusterCodec::status);
    }

    @Override
    public Flux<ByteSequence> snapshot() {
        return verified().map(chunk -> ByteSequence.of(chunk.getBlob().toByteArray()));
    }

    @Override
    public Mono<SnapshotFile> snapshot(Path file) {
        Objects.requireNonNull(file, "file");
        return SnapshotWriter.save(verified(), file);
    }

    /**
     * The snapshot's chunks, checked on the way: sizes add up and, after the last chunk, the
     * SHA-256 of every blob matches the member's; a mismatch fails the stream with CORRUPT.
     */
    Flux<SnapshotResponse> verified() {
        return Flux.defer(() -> {
            MessageDigest sha256 = sha256();
            long[] received = {0};
            boolean[] ended = {false};
            return transport.stream(Routes.MAINTENANCE_SNAPSHOT, SnapshotRequest.getDefaultInstance(),
                            SnapshotResponse.parser())
                    .<SnapshotResponse>handle((chunk, sink) -> {
                        chunk.getBlob().asReadOnlyByteBufferList().forEach(sha256::update);
                        received[0] += chunk.getBlob().size();
                        if (chunk.getRemainingBytes() == 0) {
                            byte[] digest = sha256.digest();
                            if (!MessageDigest.isEqual(digest, chunk.getSha256().toByteArray())) {
                                sink.error(new ServerException(ErrorCode.CORRUPT, "snapshot checksum mismatch after "
                                        + received[0] + " bytes: the member sent SHA-256 " + hex(chunk.getSha256()
                                        .toByteArray()) + ", the bytes received hash to " + hex(digest)));
                                return;
                            }
                            ended[0] = true;
                        }
                        sink.next(chunk);
                    })
                    .concatWith(Mono.defer(() -> ended[0] ? Mono.empty() : Mono.error(new ServerException(
                            ErrorCode.CORRUPT, "snapshot stream ended after " + received[0]
                            + " bytes without its last chunk"))));
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
