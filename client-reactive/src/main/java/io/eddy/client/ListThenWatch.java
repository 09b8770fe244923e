package io.eddy.client;

import java.util.Objects;

/**
 * One item of a list-then-watch stream ({@link WatchClient#rangeThenWatch}): first every key of
 * the range as of one revision R ({@link Snapshot}s, in ascending key order), then exactly one
 * {@link SnapshotDone} carrying R, then the changes after R ({@link Changes}, one per revision,
 * ascending). Applying the snapshot and then every change in order to an empty map gives the
 * range as of the last change's revision: nothing is missed between the list and the watch,
 * and nothing is counted twice.
 */
public sealed interface ListThenWatch {
    /**
     * One key of the range as it was at the snapshot's revision.
     *
     * @param kv the key and its value, versions and lease at R
     */
    record Snapshot(KeyValue kv) implements ListThenWatch {
        /** Checks the field. */
        public Snapshot {
            Objects.requireNonNull(kv, "kv");
        }
    }

    /**
     * Every key of the range at {@code revision} has been delivered; the changes that follow
     * are those after it.
     *
     * @param revision the snapshot's revision R
     */
    record SnapshotDone(long revision) implements ListThenWatch {
    }

    /**
     * The events of one revision after the snapshot (or a progress notification, as on
     * {@link WatchClient#watch}).
     *
     * @param batch the events of one revision, never split
     */
    record Changes(WatchBatch batch) implements ListThenWatch {
        /** Checks the field. */
        public Changes {
            Objects.requireNonNull(batch, "batch");
        }
    }
}
