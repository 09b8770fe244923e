package io.eddy.server.storage;

import java.util.Objects;

/**
 * A named ordered map inside an engine. Tables are declared when an engine is opened.
 *
 * @param name stable name, part of the on-disk format and of backups
 */
public record Table(String name) {
    public Table {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("table name must have 1 to 64 characters: '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
