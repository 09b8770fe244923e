package io.eddy.client;

import java.util.Objects;

/**
 * One comparison of a transaction's guard ({@link Txn#when}): a field of {@code key} compared
 * with a number or a value. Build it with the static factories. A key that does not exist has
 * version, create and mod revisions 0.
 *
 * @param key    the key compared
 * @param target the field compared
 * @param op     the comparison
 * @param number the number compared with (all targets but {@link Target#VALUE})
 * @param value  the value compared with ({@link Target#VALUE}; empty otherwise)
 */
public record Cmp(ByteSequence key, Target target, Op op, long number, ByteSequence value) {
    /** The field of the key that is compared. */
    public enum Target { VERSION, CREATE_REVISION, MOD_REVISION, VALUE, LEASE }

    /** How the field compares with the operand. */
    public enum Op { EQUAL, NOT_EQUAL, GREATER, LESS }

    /** Checks the fields. */
    public Cmp {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    /** Compares the key's value with {@code value}. */
    public static Cmp value(ByteSequence key, Op op, ByteSequence value) {
        return new Cmp(key, Target.VALUE, op, 0, value);
    }

    /** Compares the key's version with {@code version} (0 when the key does not exist). */
    public static Cmp version(ByteSequence key, Op op, long version) {
        return new Cmp(key, Target.VERSION, op, version, ByteSequence.EMPTY);
    }

    /** Compares the key's create revision with {@code revision}. */
    public static Cmp createRevision(ByteSequence key, Op op, long revision) {
        return new Cmp(key, Target.CREATE_REVISION, op, revision, ByteSequence.EMPTY);
    }

    /** Compares the key's mod revision with {@code revision}. */
    public static Cmp modRevision(ByteSequence key, Op op, long revision) {
        return new Cmp(key, Target.MOD_REVISION, op, revision, ByteSequence.EMPTY);
    }

    /** Compares the key's lease with {@code lease}. */
    public static Cmp lease(ByteSequence key, Op op, long lease) {
        return new Cmp(key, Target.LEASE, op, lease, ByteSequence.EMPTY);
    }
}
