package io.eddy.client;

import java.nio.file.Path;

/**
 * A snapshot saved by {@link MaintenanceClient#snapshot(Path)}.
 *
 * @param file     where it was written
 * @param bytes    its size
 * @param revision the store's revision when the snapshot began (the snapshot holds that
 *                 revision or a later one)
 * @param sha256   the SHA-256 of the file, lower-case hex, verified against the member's
 */
public record SnapshotFile(Path file, long bytes, long revision, String sha256) {
}
