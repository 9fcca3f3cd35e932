package org.dawaledger.ledger.store;

import java.util.Iterator;
import java.util.Map;

/**
 * An embedded key-value store whose keys are ordered as unsigned bytes, which is LevelDB's order and so the order a
 * Fabric peer's range queries return (UTF-8 bytes sort as code points). The ledger keeps its world state, history,
 * blocks and checkpoints in one such store, so that all of one block is written at once.
 *
 * <p>Reads see every batch written before them. Callers make reads consistent with each other by not writing while
 * they read (the ledger holds a lock: simulations share it, a block commit takes it alone, as a Fabric peer does).
 */
public interface OrderedStore extends AutoCloseable {
    /**
     * The value of a key.
     *
     * @return the value, or null when the key has none
     */
    byte[] get(byte[] key);

    /**
     * The entries whose keys lie in [{@code from}, {@code to}), in key order. Close the iterator when done.
     *
     * @param to the first key after the range, or null for no end
     */
    Entries scan(byte[] from, byte[] to);

    /**
     * Applies every put and delete of the batch together, and durably: when this returns, a crash of the process or
     * the machine keeps all of it; when it throws, or the process dies in it, none of it is kept.
     *
     * @throws StoreException if the store cannot write
     */
    void write(WriteBatch batch);

    /** Releases the store's files. */
    @Override
    void close();

    /** Entries of a scan, in key order; the underlying cursor is released on {@link #close()}. */
    interface Entries extends Iterator<Map.Entry<byte[], byte[]>>, AutoCloseable {
        @Override
        void close();
    }
}
