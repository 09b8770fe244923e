package io.eddy.server.storage;

import static io.eddy.server.storage.StorageTesting.A;
import static io.eddy.server.storage.StorageTesting.B;
import static io.eddy.server.storage.StorageTesting.b;
import static io.eddy.server.storage.StorageTesting.commit;
import static io.eddy.server.storage.StorageTesting.intKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One writer at a time, and commits that readers on other threads see whole or not at all. */
public interface ConcurrencyContract extends EngineFixture {

    @Test
    default void beginWriteWaitsWhileAnotherWriteTransactionIsOpen() throws Exception {
        Engine engine = open();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            WriteTxn first = engine.beginWrite();
            first.put(A, b(1), b(1));
            CountDownLatch attempting = new CountDownLatch(1);
            AtomicBoolean begun = new AtomicBoolean();
            Future<byte[]> second = executor.submit(() -> {
                attempting.countDown();
                try (WriteTxn txn = engine.beginWrite()) {
                    begun.set(true);
                    byte[] seen = txn.get(A, b(1));
                    txn.put(A, b(1), b(2));
                    txn.commit();
                    return seen;
                }
            });
            assertThat(attempting.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(begun).isFalse();
            try (ReadTxn reader = engine.beginRead()) { // reads do not wait for the writer
                assertThat(reader.get(A, b(1))).isNull();
            }
            first.commit();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(b(1)); // began after the commit
            try (ReadTxn reader = engine.beginRead()) {
                assertThat(reader.get(A, b(1))).isEqualTo(b(2));
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    default void aWaitingWriterProceedsWhenTheOpenOneIsClosedWithoutCommit() throws Exception {
        Engine engine = open();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            WriteTxn first = engine.beginWrite();
            first.put(A, b(1), b(1));
            Future<byte[]> second = executor.submit(() -> {
                try (WriteTxn txn = engine.beginWrite()) {
                    return txn.get(A, b(1));
                }
            });
            assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            first.close();
            assertThat(second.get(10, TimeUnit.SECONDS)).isNull();
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** "Used by one thread at a time" allows handing a transaction to another thread. */
    @Test
    default void transactionsMayEndOnAnotherThreadThanTheyBegan() throws Exception {
        Engine engine = open();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            WriteTxn writer = executor.submit(engine::beginWrite).get(10, TimeUnit.SECONDS);
            ReadTxn reader = executor.submit(engine::beginRead).get(10, TimeUnit.SECONDS);
            writer.put(A, b(1), b(1));
            writer.commit();
            assertThat(reader.get(A, b(1))).isNull();
            reader.close();
            // the write permit is free again, for the thread that began the first transaction too
            executor.submit(() -> commit(engine, txn -> txn.put(A, b(2), b(2)))).get(10, TimeUnit.SECONDS);
            commit(engine, txn -> txn.put(A, b(3), b(3)));
            assertThat(StorageTesting.dump(engine).get(A.name())).containsExactly("01=01", "02=02", "03=03");
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A writer thread keeps two keys in two tables equal; readers must never see them differ. */
    @Test
    default void readersOnOtherThreadsSeeCommitsWholeOrNotAtAll() throws Exception {
        Engine engine = open();
        commit(engine, txn -> {
            txn.put(A, b(0), intKey(0));
            txn.put(B, b(0), intKey(0));
        });
        int commits = 300;
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> writer = executor.submit(() -> {
                go.await();
                for (int i = 1; i <= commits; i++) {
                    int n = i;
                    commit(engine, txn -> {
                        txn.put(A, b(0), intKey(n));
                        txn.put(A, intKey(n), intKey(n));
                        txn.put(B, b(0), intKey(n));
                    });
                }
                return null;
            });
            Future<Integer> reader = executor.submit(() -> {
                go.await();
                int checks = 0;
                int last = 0;
                while (last < commits && !Thread.currentThread().isInterrupted()) {
                    try (ReadTxn txn = engine.beginRead()) {
                        byte[] a = txn.get(A, b(0));
                        byte[] count = txn.get(B, b(0));
                        assertThat(a).isEqualTo(count);
                        int n = java.nio.ByteBuffer.wrap(a).getInt();
                        assertThat(n).isGreaterThanOrEqualTo(last); // snapshots move forward only
                        assertThat(StorageTesting.keys(txn, A)).hasSize(n + 1);
                        last = n;
                        checks++;
                    }
                }
                return checks;
            });
            go.countDown();
            writer.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
