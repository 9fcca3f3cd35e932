package org.dawaledger.ledger.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.BuiltinComparator;
import org.rocksdb.Cache;
import org.rocksdb.Filter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * The ledger's durable store: RocksDB, LevelDB's successor, so the engine family and key order of a Fabric peer's own
 * state database. Chosen over H2's MVStore and SQLite by {@code bench/StoreBenchmark} (docs/benchmarks.md).
 *
 * <p>Every batch is one RocksDB write batch, written with {@code sync=true}: its write-ahead log is fsync'd before
 * {@link #write} returns, and a batch is applied to the log, and so recovered, whole or not at all. Keys use the
 * bytewise comparator, which orders them as unsigned bytes.
 */
public final class RocksStore implements OrderedStore {
    /** Reads of a gateway are mostly the state of packs being scanned; 32 MB holds the hot blocks of millions. */
    private static final long BLOCK_CACHE_BYTES = 32L << 20;
    private static final double BLOOM_BITS_PER_KEY = 10;

    static {
        RocksDB.loadLibrary();
    }

    private final Cache cache;
    private final Filter filter;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private boolean closed;

    private RocksStore(final Cache cache, final Filter filter, final Options options, final WriteOptions syncWrites,
            final RocksDB db) {
        this.cache = cache;
        this.filter = filter;
        this.options = options;
        this.syncWrites = syncWrites;
        this.db = db;
    }

    /**
     * Opens the store kept in a directory, creating it if need be.
     *
     * @throws StoreException if it cannot be opened (among others: another process has it open)
     */
    public static RocksStore open(final Path directory) {
        final Cache cache = new LRUCache(BLOCK_CACHE_BYTES);
        final Filter filter = new BloomFilter(BLOOM_BITS_PER_KEY);
        final Options options = new Options().setCreateIfMissing(true)
                .setComparator(BuiltinComparator.BYTEWISE_COMPARATOR)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter));
        final WriteOptions syncWrites = new WriteOptions().setSync(true);
        try {
            Files.createDirectories(directory);
            return new RocksStore(cache, filter, options, syncWrites, RocksDB.open(options, directory.toString()));
        } catch (RocksDBException | IOException e) {
            syncWrites.close();
            options.close();
            filter.close();
            cache.close();
            throw new StoreException("cannot open RocksDB in " + directory, e);
        }
    }

    @Override
    public byte[] get(final byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new StoreException("RocksDB cannot read a key", e);
        }
    }

    @Override
    public Entries scan(final byte[] from, final byte[] to) {
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
            return RocksEntries.EMPTY;
        }
        // The bound lets RocksDB stop at the range's end instead of reading the block after it.
        final Slice upperBound = to == null ? null : new Slice(to);
        final ReadOptions read = new ReadOptions();
        if (upperBound != null) {
            read.setIterateUpperBound(upperBound);
        }
        final RocksIterator cursor = db.newIterator(read);
        cursor.seek(from);
        return new RocksEntries(cursor, read, upperBound);
    }

    @Override
    public void write(final WriteBatch batch) {
        try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
            for (final WriteBatch.Operation operation : batch.operations()) {
                if (operation.isDelete()) {
                    rocksBatch.delete(operation.key());
                } else {
                    rocksBatch.put(operation.key(), operation.value());
                }
            }
            db.write(syncWrites, rocksBatch);
        } catch (RocksDBException e) {
            throw new StoreException("RocksDB cannot write a batch", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Native handles, released in the reverse order of their creation.
        db.close();
        syncWrites.close();
        options.close();
        filter.close();
        cache.close();
    }

    /** A RocksDB iterator as {@link Entries}; the key and value arrays it returns are already Java copies. */
    private static final class RocksEntries implements Entries {
        static final RocksEntries EMPTY = new RocksEntries(null, null, null);

        private final RocksIterator cursor;
        private final ReadOptions read;
        private final Slice upperBound;

        RocksEntries(final RocksIterator cursor, final ReadOptions read, final Slice upperBound) {
            this.cursor = cursor;
            this.read = read;
            this.upperBound = upperBound;
        }

        @Override
        public boolean hasNext() {
            if (cursor == null) {
                return false;
            }
            if (cursor.isValid()) {
                return true;
            }
            try {
                // An iterator also stops on an I/O error: tell that apart from the range's end.
                cursor.status();
            } catch (RocksDBException e) {
                throw new StoreException("RocksDB cannot scan", e);
            }
            return false;
        }

        @Override
        public Map.Entry<byte[], byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final Map.Entry<byte[], byte[]> entry = Map.entry(cursor.key(), cursor.value());
            cursor.next();
            return entry;
        }

        @Override
        public void close() {
            if (cursor != null) {
                cursor.close();
                read.close();
                if (upperBound != null) {
                    upperBound.close();
                }
            }
        }
    }
}
