package io.eddy.server.storage;

import java.util.Objects;

/**
 * A named ordered map inside an engine. Tables are declared when an engine is opened.
 *
 * @param name       stable name, part of the on-disk format and of backups
 * @param prefixFree the owner promises that no key of this table is a prefix of another
 *                   (for instance, fixed-length keys, or keys ending in a terminator that
 *                   cannot occur inside them). An engine may then pick a faster structure
 *                   that needs the promise (Xodus: a Patricia tree). Part of the on-disk
 *                   format: a table keeps the layout it was created with.
 */
public record Table(String name, boolean prefixFree) {
    public Table {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("table name must have 1 to 64 characters: '" + name + "'");
        }
    }

    /** A table with no promise about its keys. */
    public Table(String name) {
        this(name, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
