package org.dawaledger.ledger.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The H2 MVStore candidate for the ledger's store: pure Java, one file, a copy-on-write B-tree. Used directly, not
 * through H2's SQL. Kept in the test sources until {@code bench/StoreBenchmark} has chosen one store.
 *
 * <p>All keys live in one map ordered as unsigned bytes ({@link ByteArrayDataType}'s order) whose pages know their
 * values' exact sizes (see {@code ExactBytes}). MVStore writes a version as one chunk whose checksummed header and
 * footer make it readable whole or not at all, so a batch is one version: the operations are applied, then
 * committed, then the file is fsync'd. Auto-commit is off twice over: {@code autoCommitDisabled()} only stops the
 * background thread's timed commits, while the commit MVStore makes by itself when unsaved changes exceed its write
 * buffer (up to 19 MB of them) would store half a batch; a buffer size of 0 stops that. And {@link MVStore#commit()}
 * writes the chunk but does not fsync it: {@link MVStore#sync()} does.
 */
public final class MvStoreStore implements OrderedStore {
    /** The file in the store's directory. */
    static final String FILE_NAME = "ledger.mv.db";
    /** The same read cache as the other candidates get, so that reads are compared at equal memory. */
    private static final int CACHE_MB = 32;

    private final MVStore mvStore;
    private final MVMap<byte[], byte[]> entries;

    private MvStoreStore(final MVStore mvStore) {
        this.mvStore = mvStore;
        this.entries = mvStore.openMap("entries", new MVMap.Builder<byte[], byte[]>().keyType(ExactBytes.INSTANCE)
                .valueType(ExactBytes.INSTANCE));
    }

    /**
     * Opens the store kept in a directory, creating it if need be.
     *
     * @throws StoreException if it cannot be opened (among others: another process has it open)
     */
    public static MvStoreStore open(final Path directory) {
        try {
            Files.createDirectories(directory);
            return new MvStoreStore(new MVStore.Builder().fileName(directory.resolve(FILE_NAME).toString())
                    .autoCommitDisabled().autoCommitBufferSize(0).cacheSize(CACHE_MB).open());
        } catch (MVStoreException | IOException e) {
            throw new StoreException("cannot open MVStore in " + directory, e);
        }
    }

    @Override
    public byte[] get(final byte[] key) {
        try {
            final byte[] value = entries.get(key);
            // The map hands out the array its page holds.
            return value == null ? null : value.clone();
        } catch (MVStoreException e) {
            throw new StoreException("MVStore cannot read a key", e);
        }
    }

    @Override
    public Entries scan(final byte[] from, final byte[] to) {
        try {
            // A cursor walks the tree of the version it began on, which later writes copy rather than change.
            return new MvEntries(entries.cursor(from), to);
        } catch (MVStoreException e) {
            throw new StoreException("MVStore cannot scan", e);
        }
    }

    @Override
    public synchronized void write(final WriteBatch batch) {
        try {
            for (final WriteBatch.Operation operation : batch.operations()) {
                if (operation.isDelete()) {
                    entries.remove(operation.key());
                } else {
                    // The page keeps the arrays until it is evicted; the caller may reuse its own.
                    entries.put(operation.key().clone(), operation.value().clone());
                }
            }
            mvStore.commit();
            mvStore.sync();
        } catch (MVStoreException e) {
            if (!mvStore.isClosed()) {
                // Undoes whatever of the batch the maps hold when commit was not reached; after a failed sync the
                // chunk may or may not be on disk, as after any failed fsync.
                mvStore.rollback();
            }
            throw new StoreException("MVStore cannot write a batch", e);
        }
    }

    /** The store's version, which each write that changed something advances by one (a test's probe). */
    long version() {
        return mvStore.getCurrentVersion();
    }

    @Override
    public synchronized void close() {
        if (mvStore.isClosed()) {
            return;
        }
        try {
            mvStore.close();
        } catch (MVStoreException e) {
            throw new StoreException("MVStore cannot close", e);
        }
    }

    /**
     * {@link ByteArrayDataType} with the exact size of every array. ByteArrayDataType lets the map estimate sizes
     * from a sample of them, which puts a megabyte block record at the size of the average small pack state, so a
     * leaf holds up to its 48 keys' worth of block records; MVStore, copying on write, then writes that whole leaf
     * again at each block (the benchmark ran out of heap at block 30 with a 1.3 GB file for 230 MB of batches).
     * With exact sizes a page is split once it passes MVStore's page size, so a block record has a leaf of its own.
     */
    private static final class ExactBytes extends BasicDataType<byte[]> {
        static final ExactBytes INSTANCE = new ExactBytes();

        @Override
        public boolean isMemoryEstimationAllowed() {
            return false;
        }

        @Override
        public int getMemory(final byte[] data) {
            return ByteArrayDataType.INSTANCE.getMemory(data);
        }

        @Override
        public void write(final WriteBuffer buffer, final byte[] data) {
            ByteArrayDataType.INSTANCE.write(buffer, data);
        }

        @Override
        public byte[] read(final ByteBuffer buffer) {
            return ByteArrayDataType.INSTANCE.read(buffer);
        }

        @Override
        public byte[][] createStorage(final int size) {
            return new byte[size][];
        }

        @Override
        public int compare(final byte[] one, final byte[] two) {
            return Arrays.compareUnsigned(one, two);
        }
    }

    /** An MVStore cursor as {@link Entries}, stopping before {@code to}. */
    private static final class MvEntries extends LookaheadEntries {
        private final Cursor<byte[], byte[]> cursor;
        private final byte[] to;

        MvEntries(final Cursor<byte[], byte[]> cursor, final byte[] to) {
            this.cursor = cursor;
            this.to = to;
        }

        @Override
        protected Map.Entry<byte[], byte[]> read() {
            final byte[] key = cursor.hasNext() ? cursor.next() : null;
            if (key == null || (to != null && Arrays.compareUnsigned(key, to) >= 0)) {
                return null;
            }
            return Map.entry(key.clone(), cursor.getValue().clone());
        }

        @Override
        public void close() {
            // nothing held: the cursor is plain Java objects
        }
    }
}
