package io.eddy.server.storage.xodus;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.TABLES;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static io.eddy.server.storage.StorageTesting.dump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.server.config.EddySettings;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.EngineConformanceTest;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.StorageTesting;
import io.eddy.server.storage.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage contract on {@link XodusEngine}, plus what is specific to Xodus. */
class XodusEngineTest extends EngineConformanceTest {

    @Override
    protected Engine openEngine(Path dir, List<Table> tables) {
        return XodusEngine.open(dir, tables, XodusOptions.DEFAULTS);
    }

    @Override
    public boolean supportsReopen() {
        return true;
    }

    @Test
    void optionsDefaultToTheSettingsAndRejectNonsense() {
        assertThat(XodusOptions.DEFAULTS.cacheBytes()).isEqualTo(EddySettings.XODUS_CACHE_BYTES.defaultValue());
        assertThat(XodusOptions.DEFAULTS.durableWrite()).isFalse();
        assertThat(XodusOptions.DEFAULTS.withDurableWrite(true).durableWrite()).isTrue();
        assertThatThrownBy(() -> new XodusOptions(0, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCacheIsAtMostHalfTheHeapSoASmallHeapStillStarts() {
        long mib = 1024L * 1024;
        assertThat(XodusEngine.cacheBytes(256 * mib, 1024 * mib)).isEqualTo(256 * mib);
        assertThat(XodusEngine.cacheBytes(256 * mib, 256 * mib)).isEqualTo(128 * mib);
        assertThat(XodusEngine.cacheBytes(256 * mib, 100 * mib)).isEqualTo(50 * mib);
    }

    @Test
    void syncAndDiskSize() {
        Engine engine = open();
        StorageTesting.fillMixed(engine);
        engine.sync();
        assertThat(engine.diskSizeBytes()).isGreaterThan(7L * 1024 * 1024);
    }

    @Test
    void durableWritesAreReadBackAfterReopen() {
        Path dir = tempDir.resolve("durable");
        try (XodusEngine engine = XodusEngine.open(dir, TABLES, XodusOptions.DEFAULTS.withDurableWrite(true))) {
            commit(engine, txn -> txn.put(A, b(1), b(1)));
        }
        try (XodusEngine engine = XodusEngine.open(dir, TABLES, XodusOptions.DEFAULTS)) {
            assertThat(dump(engine).get(A.name())).containsExactly("01=01");
        }
    }

    @Test
    void aDirectoryOpenInOneEngineCannotBeOpenedByAnother() {
        Path dir = tempDir.resolve("locked");
        try (XodusEngine engine = XodusEngine.open(dir, TABLES, XodusOptions.DEFAULTS)) {
            assertThatThrownBy(() -> XodusEngine.open(dir, TABLES, XodusOptions.DEFAULTS))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toString());
            commit(engine, txn -> txn.put(A, b(1), b(1))); // the first one is unharmed
        }
    }

    /** STACK.md trap 9: needs --add-opens java.base/sun.nio.ch=ALL-UNNAMED (surefire's argLine). */
    @Test
    void anInterruptedThreadDoesNotBreakTheEnvironment() {
        Engine engine = open();
        Thread.currentThread().interrupt();
        try {
            commit(engine, txn -> txn.put(A, b(1), b(1)));
            engine.sync();
            assertThat(dump(engine).get(A.name())).containsExactly("01=01");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        commit(engine, txn -> txn.put(A, b(2), b(2)));
        engine.close();
        assertThat(dump(reopen(engine)).get(A.name())).containsExactly("01=01", "02=02");
    }
}
