/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/** The queue in one SQLite file: WAL, synchronous=FULL, so a committed scan outlives a crash or a power cut. */
final class SqliteScanQueue implements ScanQueue {
    private static final String KEY_PREFIX = "dawa-scan-";

    private final Connection connection;

    private SqliteScanQueue(final Connection connection) {
        this.connection = connection;
    }

    static SqliteScanQueue open(final Path file) {
        try {
            final Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            final SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            // watch and a sync may share the file: wait for the other's write rather than fail
            config.setBusyTimeout(30_000);
            final Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE IF NOT EXISTS queued_scan ("
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "action TEXT NOT NULL CHECK (action IN ('verify', 'dispense')), "
                        + "source TEXT NOT NULL, code TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, "
                        + "queued_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)");
            }
            return new SqliteScanQueue(connection);
        } catch (IOException | SQLException e) {
            throw new QueueException("cannot open the scan queue " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<QueuedScan> add(final QueuedScan.Action action, final List<QueuedScan.Entry> scans) {
        final List<String> keys = new ArrayList<>(scans.size());
        scans.forEach(scan -> keys.add(KEY_PREFIX + UUID.randomUUID()));
        return insert(action, scans, keys);
    }

    @Override
    public QueuedScan add(final QueuedScan.Action action, final QueuedScan.Entry scan, final String idempotencyKey) {
        return insert(action, List.of(scan), List.of(idempotencyKey)).get(0);
    }

    private synchronized List<QueuedScan> insert(final QueuedScan.Action action, final List<QueuedScan.Entry> scans,
            final List<String> keys) {
        final Instant now = Instant.now();
        final List<QueuedScan> queued = new ArrayList<>(scans.size());
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO queued_scan "
                    + "(action, source, code, idempotency_key, queued_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < scans.size(); i++) {
                    final QueuedScan.Entry scan = scans.get(i);
                    insert.setString(1, action.name());
                    insert.setString(2, scan.source());
                    insert.setString(3, scan.code());
                    insert.setString(4, keys.get(i));
                    insert.setString(5, now.toString());
                    insert.executeUpdate();
                    try (ResultSet id = insert.getGeneratedKeys()) {
                        id.next();
                        queued.add(new QueuedScan(id.getLong(1), action, scan.source(), scan.code(), keys.get(i),
                                now, 0));
                    }
                }
            }
            connection.commit();
            return queued;
        } catch (SQLException e) {
            rollback();
            throw new QueueException("cannot queue scans: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized List<QueuedScan> pending() {
        final List<QueuedScan> scans = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, action, source, code, idempotency_key, "
                        + "queued_at, attempts FROM queued_scan ORDER BY id")) {
            while (rows.next()) {
                scans.add(new QueuedScan(rows.getLong(1), QueuedScan.Action.valueOf(rows.getString(2)),
                        rows.getString(3), rows.getString(4), rows.getString(5), Instant.parse(rows.getString(6)),
                        rows.getInt(7)));
            }
            return scans;
        } catch (SQLException e) {
            throw new QueueException("cannot read the scan queue: " + e.getMessage(), e);
        }
    }

    @Override
    public void attempting(final long id) {
        update("UPDATE queued_scan SET attempts = attempts + 1 WHERE id = ?", id);
    }

    @Override
    public void answered(final long id) {
        update("DELETE FROM queued_scan WHERE id = ?", id);
    }

    private synchronized void update(final String sql, final long id) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot update the scan queue: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the insert's own failure is the one to report
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new QueueException("cannot reset the scan queue's connection: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new QueueException("cannot close the scan queue: " + e.getMessage(), e);
        }
    }
}
