package org.dawaledger.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends DurableStoreContract {
    @Override
    protected OrderedStore openAt(final Path directory) {
        return SqliteStore.open(directory);
    }

    @Test
    void itJournalsInAWriteAheadLogThatEveryCommitSyncs() {
        final SqliteStore sqlite = (SqliteStore) store;

        assertThat(sqlite.pragma("journal_mode")).isEqualTo("wal");
        // 2 is FULL.
        assertThat(sqlite.pragma("synchronous")).isEqualTo("2");
    }

    @Test
    void anotherThreadReadsWhatWasWrittenThroughItsOwnConnection() throws Exception {
        store.get(bytes("k"));
        store.write(new WriteBatch().put(bytes("k"), bytes("v")));

        final ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> new String(store.get(bytes("k")), UTF_8)).get()).isEqualTo("v");
        } finally {
            other.shutdown();
        }
        assertThat(new String(store.get(bytes("k")), UTF_8)).isEqualTo("v");
    }

    /** The same contract with the rows in a rowid table and the keys in its primary key's index. */
    @Nested
    class WithARowidTable extends DurableStoreContract {
        @Override
        protected OrderedStore openAt(final Path directory) {
            return SqliteStore.open(directory, SqliteStore.Layout.ROWID);
        }
    }
}
