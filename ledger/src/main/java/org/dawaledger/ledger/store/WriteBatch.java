package org.dawaledger.ledger.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Puts and deletes to apply to an {@link OrderedStore} together, in the order they were added. */
public final class WriteBatch {
    /** One put (value not null) or delete (value null). */
    public record Operation(byte[] key, byte[] value) {
        /** Whether this removes the key. */
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Operation> operations = new ArrayList<>();
    private long bytes;

    /** Sets a key's value; a later operation on the same key wins. */
    public WriteBatch put(final byte[] key, final byte[] value) {
        operations.add(new Operation(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        bytes += key.length + value.length;
        return this;
    }

    /** Removes a key; a later operation on the same key wins. */
    public WriteBatch delete(final byte[] key) {
        operations.add(new Operation(Objects.requireNonNull(key, "key"), null));
        bytes += key.length;
        return this;
    }

    /** The operations, in the order they were added. */
    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    /** The bytes of its keys and values together. */
    public long bytes() {
        return bytes;
    }

    /** Whether it holds no operation. */
    public boolean isEmpty() {
        return operations.isEmpty();
    }
}
