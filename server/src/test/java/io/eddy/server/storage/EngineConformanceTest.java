package io.eddy.server.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract (see the {@code io.eddy.server.storage} package documentation), run
 * against one engine implementation. A subclass says how to open its engine; the tests come
 * from {@link CursorContract}, {@link TransactionContract}, {@link ConcurrencyContract} and
 * {@link BackupContract}.
 *
 * <p>Every engine opened through the fixture is closed after each test; closing fails, and so
 * does the test, if the test left a transaction open.
 */
public abstract class EngineConformanceTest implements CursorContract, TransactionContract, ConcurrencyContract,
        BackupContract {

    @TempDir
    protected Path tempDir;

    private final Map<Engine, Path> dirs = new IdentityHashMap<>();
    private final List<Engine> engines = new ArrayList<>();
    private int opened;

    /** Opens the engine under test in {@code dir} (which may not exist yet) with {@code tables}. */
    protected abstract Engine openEngine(Path dir, List<Table> tables);

    @Override
    public abstract boolean supportsReopen();

    @Override
    public final Engine open(List<Table> tables) {
        return track(tempDir.resolve("engine-" + opened++), tables);
    }

    @Override
    public final Engine reopen(Engine closed) {
        Path dir = dirs.get(closed);
        if (dir == null) {
            throw new IllegalArgumentException("not opened by this fixture: " + closed);
        }
        return track(dir, closed.tables());
    }

    private Engine track(Path dir, List<Table> tables) {
        Engine engine = openEngine(dir, tables);
        dirs.put(engine, dir);
        engines.add(engine);
        return engine;
    }

    @AfterEach
    void closeEngines() {
        RuntimeException failure = null;
        for (int i = engines.size() - 1; i >= 0; i--) {
            try {
                engines.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        engines.clear();
        dirs.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
