package io.eddy.server.mvcc;

import java.util.List;

/**
 * A page of the change log.
 *
 * @param changes      whole revisions, ascending, none split across pages
 * @param nextRevision where the next page starts (one past the last revision read, or the
 *                     requested start when nothing was there yet)
 */
public record ChangePage(List<Change> changes, long nextRevision) {
    public ChangePage {
        changes = List.copyOf(changes);
    }
}
