package org.dawaledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MvStoreStoreTest extends DurableStoreContract {
    @Override
    protected OrderedStore openAt(final Path directory) {
        return MvStoreStore.open(directory);
    }

    @Test
    void aBatchBiggerThanMvStoresWriteBufferIsStoredAsOneVersionNotInPieces() {
        final MvStoreStore mvStore = (MvStoreStore) store;
        final WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 64; i++) {
            // 64 MB, beyond the 19 MB of unsaved changes after which MVStore would commit of its own accord.
            batch.put(bytes("big" + i), new byte[1 << 20]);
        }
        final long before = mvStore.version();

        mvStore.write(batch);

        assertThat(mvStore.version()).isEqualTo(before + 1);
    }

    @Test
    void aBigValueIsNotWrittenAgainByEveryLaterBatch() throws IOException {
        final int bigBytes = 256 << 10;
        for (int block = 0; block < 40; block++) {
            // As the ledger's blocks: one big record among thousands of small entries, at keys that ascend.
            final WriteBatch batch = new WriteBatch().put(bytes("b" + (char) ('A' + block)), new byte[bigBytes]);
            for (int i = 0; i < 2_000; i++) {
                batch.put(bytes("s" + (block * 2_000 + i + 100_000)), bytes("v"));
            }
            store.write(batch);
        }

        // 10 MB of big values written once each, not 1 + 2 + ... + 40 times (205 MB) as a leaf of them grows.
        assertThat(Files.size(directory.resolve(MvStoreStore.FILE_NAME))).isLessThan(60L << 20);
    }
}
