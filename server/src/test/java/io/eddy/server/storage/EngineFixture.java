package io.eddy.server.storage;

import java.util.List;

/** What the engine contract tests need from an engine implementation. */
public interface EngineFixture {

    /** A fresh, empty engine with {@link StorageTesting#TABLES}, closed after the test. */
    default Engine open() {
        return open(StorageTesting.TABLES);
    }

    /** A fresh, empty engine with {@code tables}, in a new directory, closed after the test. */
    Engine open(List<Table> tables);

    /** Opens again the directory of {@code closed} (which was closed), with the same tables. */
    Engine reopen(Engine closed);

    /** Whether the engine keeps its data across close and {@link #reopen}. */
    boolean supportsReopen();
}
