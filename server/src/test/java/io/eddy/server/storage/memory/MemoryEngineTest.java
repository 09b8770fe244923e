package io.eddy.server.storage.memory;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.storage.Engine;
import io.eddy.server.storage.EngineConformanceTest;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.StorageTesting;
import io.eddy.server.storage.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage contract on {@link MemoryEngine}, plus its version pruning. */
class MemoryEngineTest extends EngineConformanceTest {

    @Override
    protected Engine openEngine(Path dir, List<Table> tables) {
        return new MemoryEngine(tables);
    }

    @Override
    public boolean supportsReopen() {
        return false;
    }

    @Test
    void versionsNoReaderCanSeeArePruned() {
        MemoryEngine engine = (MemoryEngine) open();
        for (int i = 0; i < 10; i++) {
            int n = i;
            commit(engine, txn -> txn.put(A, b(1), b(n)));
        }
        assertThat(engine.retainedVersions()).isEqualTo(1);

        try (ReadTxn reader = engine.beginRead()) {
            for (int i = 0; i < 5; i++) {
                int n = 0x10 + i;
                commit(engine, txn -> txn.put(A, b(1), b(n)));
            }
            assertThat(reader.get(A, b(1))).isEqualTo(b(9));
            // the reader's version, plus the newest; versions in between may go
            assertThat(engine.retainedVersions()).isBetween(2L, 6L);
        }
        commit(engine, txn -> txn.put(A, b(2), b(2))); // any commit prunes what is now unreachable
        assertThat(engine.retainedVersions()).isEqualTo(2);

        commit(engine, txn -> {
            txn.delete(A, b(1));
            txn.delete(A, b(2));
        });
        assertThat(engine.retainedVersions()).isZero(); // deleted keys are forgotten
        assertThat(StorageTesting.dump(engine).get(A.name())).isEmpty();
    }

    @Test
    void theDataIsGoneAfterClose() {
        Engine engine = open();
        commit(engine, txn -> txn.put(A, b(1), b(1)));
        engine.close();
        assertThat(engine.diskSizeBytes()).isZero();
    }
}
