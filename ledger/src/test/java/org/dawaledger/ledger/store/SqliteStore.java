package org.dawaledger.ledger.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite candidate for the ledger's store (through the xerial JDBC driver and its bundled native SQLite). Kept in
 * the test sources until {@code bench/StoreBenchmark} has chosen one store.
 *
 * <p>One table {@code entries(key BLOB PRIMARY KEY, value BLOB)}; SQLite compares BLOBs with memcmp, which is
 * unsigned-byte order. {@link Layout#WITHOUT_ROWID}, the layout first planned, keeps whole rows in the key's B-tree;
 * {@link Layout#ROWID} keeps the keys in an index and the rows in the table's own B-tree, since the benchmark found
 * that multi-megabyte block records in a WITHOUT ROWID tree make every write and read slow (a row's whole payload,
 * overflow pages and all, is read whenever a search compares against it). A batch is one transaction of the writer
 * connection, journalled in the write-ahead log with {@code synchronous=FULL}, which fsyncs the log at every commit.
 * Reads go through a connection of their own per thread, because one JDBC connection serves one thread at a time
 * and a WAL database lets readers run beside each other and beside the writer.
 */
public final class SqliteStore implements OrderedStore {
    /** Where the rows are kept; fixed when the table is created. */
    public enum Layout {
        /** Rows in the primary key's B-tree. */
        WITHOUT_ROWID(" WITHOUT ROWID"),
        /** Rows in a rowid B-tree, the keys in the primary key's index. */
        ROWID("");

        private final String tableSuffix;

        Layout(final String tableSuffix) {
            this.tableSuffix = tableSuffix;
        }
    }

    /** The database file in the store's directory (SQLite adds its -wal and -shm files beside it). */
    static final String FILE_NAME = "ledger.db";
    private static final String LOCK_NAME = "ledger.lock";
    /** The same read cache as the other candidates get, so that reads are compared at equal memory (per connection). */
    private static final int CACHE_KIB = 32 * 1024;

    private final String url;
    private final SQLiteConfig config;
    private final FileChannel lockFile;
    private final Connection writer;
    private final PreparedStatement put;
    private final PreparedStatement delete;
    private final Queue<Reader> readers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Reader> threadReader = new ThreadLocal<>();
    private boolean closed;

    private SqliteStore(final String url, final SQLiteConfig config, final FileChannel lockFile,
            final Connection writer) throws SQLException {
        this.url = url;
        this.config = config;
        this.lockFile = lockFile;
        this.writer = writer;
        this.put = writer.prepareStatement("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)");
        this.delete = writer.prepareStatement("DELETE FROM entries WHERE key = ?");
    }

    /**
     * Opens the store kept in a directory, creating it WITHOUT ROWID if need be.
     *
     * @throws StoreException if it cannot be opened (among others: another process or store has it open)
     */
    public static SqliteStore open(final Path directory) {
        return open(directory, Layout.WITHOUT_ROWID);
    }

    /**
     * Opens the store kept in a directory, creating it with the given layout if need be (an existing table keeps
     * its own).
     *
     * @throws StoreException if it cannot be opened (among others: another process or store has it open)
     */
    public static SqliteStore open(final Path directory, final Layout layout) {
        FileChannel lockFile = null;
        Connection writer = null;
        try {
            Files.createDirectories(directory);
            // SQLite itself lets many processes share a database; the ledger must have it alone, as the others do.
            lockFile = FileChannel.open(directory.resolve(LOCK_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            final FileLock lock = lockFile.tryLock();
            if (lock == null) {
                throw new StoreException("the SQLite store in " + directory + " is open in another process");
            }
            final SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setCacheSize(-CACHE_KIB);
            final String url = "jdbc:sqlite:" + directory.resolve(FILE_NAME);
            writer = config.createConnection(url);
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS entries"
                        + " (key BLOB NOT NULL PRIMARY KEY, value BLOB NOT NULL)" + layout.tableSuffix);
            }
            writer.setAutoCommit(false);
            return new SqliteStore(url, config, lockFile, writer);
        } catch (OverlappingFileLockException e) {
            closeQuietly(writer, lockFile);
            throw new StoreException("the SQLite store in " + directory + " is already open", e);
        } catch (SQLException | IOException e) {
            closeQuietly(writer, lockFile);
            throw new StoreException("cannot open SQLite in " + directory, e);
        } catch (StoreException e) {
            closeQuietly(writer, lockFile);
            throw e;
        }
    }

    private static void closeQuietly(final Connection writer, final FileChannel lockFile) {
        try {
            if (writer != null) {
                writer.close();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (SQLException | IOException ignored) {
            // already failing with the cause that matters
        }
    }

    @Override
    public byte[] get(final byte[] key) {
        try {
            final PreparedStatement get = reader().get;
            get.setBytes(1, key);
            try (ResultSet row = get.executeQuery()) {
                return row.next() ? bytesOf(row.getBytes(1)) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("SQLite cannot read a key", e);
        }
    }

    /** The driver reads an empty BLOB back as null; both columns are NOT NULL, so null means empty. */
    private static byte[] bytesOf(final byte[] column) {
        return column == null ? new byte[0] : column;
    }

    @Override
    public Entries scan(final byte[] from, final byte[] to) {
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
            return SqliteEntries.EMPTY;
        }
        try {
            final PreparedStatement query = reader().connection.prepareStatement(to == null
                    ? "SELECT key, value FROM entries WHERE key >= ? ORDER BY key"
                    : "SELECT key, value FROM entries WHERE key >= ? AND key < ? ORDER BY key");
            try {
                query.setBytes(1, from);
                if (to != null) {
                    query.setBytes(2, to);
                }
                // Its read transaction lasts until the result set closes, so the scan sees one version.
                return new SqliteEntries(query, query.executeQuery());
            } catch (SQLException e) {
                query.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("SQLite cannot scan", e);
        }
    }

    @Override
    public synchronized void write(final WriteBatch batch) {
        try {
            for (final WriteBatch.Operation operation : batch.operations()) {
                if (operation.isDelete()) {
                    delete.setBytes(1, operation.key());
                    delete.executeUpdate();
                } else {
                    put.setBytes(1, operation.key());
                    put.setBytes(2, operation.value());
                    put.executeUpdate();
                }
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new StoreException("SQLite cannot write a batch", e);
        }
    }

    /** The value of a pragma on the writer's connection (a test's probe of the durability settings). */
    String pragma(final String name) {
        try (Statement statement = writer.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            throw new StoreException("SQLite cannot read pragma " + name, e);
        }
    }

    private Reader reader() throws SQLException {
        Reader reader = threadReader.get();
        if (reader == null) {
            reader = new Reader(config.createConnection(url));
            readers.add(reader);
            threadReader.set(reader);
        }
        return reader;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Reader reader = readers.poll(); reader != null; reader = readers.poll()) {
                reader.connection.close();
            }
            put.close();
            delete.close();
            writer.rollback();
            // The last connection to close checkpoints the log into the database file and removes it.
            writer.close();
            lockFile.close();
        } catch (SQLException | IOException e) {
            throw new StoreException("SQLite cannot close", e);
        }
    }

    /** One thread's read connection and its prepared point read. */
    private static final class Reader {
        final Connection connection;
        final PreparedStatement get;

        Reader(final Connection connection) throws SQLException {
            this.connection = connection;
            this.get = connection.prepareStatement("SELECT value FROM entries WHERE key = ?");
        }
    }

    /** A result set as {@link Entries}. */
    private static final class SqliteEntries extends LookaheadEntries {
        static final SqliteEntries EMPTY = new SqliteEntries(null, null);

        private final PreparedStatement query;
        private final ResultSet rows;

        SqliteEntries(final PreparedStatement query, final ResultSet rows) {
            this.query = query;
            this.rows = rows;
        }

        @Override
        protected Map.Entry<byte[], byte[]> read() {
            if (rows == null) {
                return null;
            }
            try {
                return rows.next() ? Map.entry(rows.getBytes(1), bytesOf(rows.getBytes(2))) : null;
            } catch (SQLException e) {
                throw new StoreException("SQLite cannot scan", e);
            }
        }

        @Override
        public void close() {
            if (query != null) {
                try {
                    query.close();
                } catch (SQLException e) {
                    throw new StoreException("SQLite cannot end a scan", e);
                }
            }
        }
    }
}
