package io.eddy.server.storage;

import static io.eddy.server.storage.StorageTesting.TABLES;
import static io.eddy.server.storage.StorageTesting.dump;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.storage.memory.MemoryEngine;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup is engine-independent: each engine kind restores the other's. */
class CrossEngineBackupTest {

    @TempDir
    Path dir;

    private static void copy(Engine from, Engine to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineBackup.write(from, out);
        EngineBackup.restore(new ByteArrayInputStream(out.toByteArray()), to);
    }

    @Test
    void memoryToXodusAndBack() {
        try (MemoryEngine memory = new MemoryEngine(TABLES);
                XodusEngine xodus = XodusEngine.open(dir.resolve("x"), TABLES, XodusOptions.DEFAULTS);
                MemoryEngine again = new MemoryEngine(TABLES)) {
            StorageTesting.fillMixed(memory);
            copy(memory, xodus);
            assertThat(dump(xodus)).isEqualTo(dump(memory));
            copy(xodus, again);
            assertThat(dump(again)).isEqualTo(dump(memory));
        }
    }
}
