/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanQueueTest {
    @TempDir
    Path folder;

    @Test
    void queuedScansOutliveTheQueueBeingClosedAndKeepTheirKeysInOrder() {
        final Path file = folder.resolve("deep/er/queue.db");
        final List<QueuedScan> added;
        try (ScanQueue queue = ScanQueue.open(file)) {
            added = queue.add(QueuedScan.Action.verify, List.of(new QueuedScan.Entry("argument 1", "A"),
                    new QueuedScan.Entry("argument 2", "B")));
            queue.add(QueuedScan.Action.dispense, new QueuedScan.Entry("argument 1", "C"), "till-key-1");
        }

        try (ScanQueue queue = ScanQueue.open(file)) {
            final List<QueuedScan> pending = queue.pending();
            assertThat(pending).extracting(QueuedScan::code).containsExactly("A", "B", "C");
            assertThat(pending.subList(0, 2)).isEqualTo(added);
            assertThat(pending.get(2).idempotencyKey()).isEqualTo("till-key-1");
            assertThat(added.get(0).idempotencyKey()).startsWith("dawa-scan-")
                    .isNotEqualTo(added.get(1).idempotencyKey());
        }
    }

    @Test
    void anAttemptIsCountedAndAnAnsweredScanLeavesTheQueue() {
        try (ScanQueue queue = ScanQueue.open(folder.resolve("queue.db"))) {
            final List<QueuedScan> added = queue.add(QueuedScan.Action.verify, List.of(
                    new QueuedScan.Entry("a", "A"), new QueuedScan.Entry("b", "B")));
            queue.attempting(added.get(0).id());
            queue.attempting(added.get(1).id());
            queue.answered(added.get(0).id());

            assertThat(queue.pending()).singleElement().satisfies(scan -> {
                assertThat(scan.code()).isEqualTo("B");
                assertThat(scan.attempts()).isEqualTo(1);
            });
        }
    }

    @Test
    void theFileIsInWriteAheadLogMode() throws SQLException {
        final Path file = folder.resolve("queue.db");
        ScanQueue.open(file).close();

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotAQueueIsAClearError() throws Exception {
        final Path file = Files.writeString(folder.resolve("notes.txt"), "not a database, just some text ".repeat(40));

        assertThatThrownBy(() -> ScanQueue.open(file)).isInstanceOf(QueueException.class)
                .hasMessageContaining("cannot open the scan queue " + file);
    }

    @Test
    void theDefaultFileFollowsXdgDataHomeElseTheHomeFolder() {
        assertThat(QueueLocation.defaultFile(Map.of("XDG_DATA_HOME", "/data"), Path.of("/home/amina")))
                .isEqualTo(Path.of("/data/dawa-scan/queue.db"));
        assertThat(QueueLocation.defaultFile(Map.of(), Path.of("/home/amina")))
                .isEqualTo(Path.of("/home/amina/.local/share/dawa-scan/queue.db"));
    }
}
