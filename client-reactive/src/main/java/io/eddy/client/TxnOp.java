package io.eddy.client;

import java.util.Objects;

/** One operation of a transaction branch ({@link Txn#then}, {@link Txn#otherwise}). */
public sealed interface TxnOp {
    /** A get in a transaction; answered by a {@link GetResult}. */
    record Get(ByteSequence key, GetOptions options) implements TxnOp {
        /** Checks the fields. */
        public Get {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(options, "options");
        }
    }

    /** A put in a transaction; answered by a {@link PutResult}. */
    record Put(ByteSequence key, ByteSequence value, PutOptions options) implements TxnOp {
        /** Checks the fields. */
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(options, "options");
        }
    }

    /** A delete in a transaction; answered by a {@link DeleteResult}. */
    record Delete(ByteSequence key, DeleteOptions options) implements TxnOp {
        /** Checks the fields. */
        public Delete {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(options, "options");
        }
    }

    /** A get of {@code key} with {@code options}. */
    static TxnOp get(ByteSequence key, GetOptions options) {
        return new Get(key, options);
    }

    /** A put of {@code value} at {@code key}. */
    static TxnOp put(ByteSequence key, ByteSequence value) {
        return new Put(key, value, PutOptions.DEFAULTS);
    }

    /** A put of {@code value} at {@code key} with {@code options}. */
    static TxnOp put(ByteSequence key, ByteSequence value, PutOptions options) {
        return new Put(key, value, options);
    }

    /** A delete of {@code key} with {@code options}. */
    static TxnOp delete(ByteSequence key, DeleteOptions options) {
        return new Delete(key, options);
    }
}
