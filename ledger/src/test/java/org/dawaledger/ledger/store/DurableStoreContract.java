package org.dawaledger.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a store kept in a directory must do beyond {@link OrderedStoreContract}; each one's test extends this. */
public abstract class DurableStoreContract extends OrderedStoreContract {
    protected Path directory;

    /** The store kept in a directory, created if need be. */
    protected abstract OrderedStore openAt(Path directory);

    @Override
    protected final OrderedStore open() throws IOException {
        directory = Files.createTempDirectory("durable-store-test");
        return openAt(directory);
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        // Runs before the contract's own close, which then finds the store closed already.
        store.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void whatAWriteStoredIsThereAfterReopening() {
        store.write(new WriteBatch().put(bytes("k"), bytes("v")).put(bytes("gone"), bytes("x")));
        store.write(new WriteBatch().delete(bytes("gone")));
        store.close();

        store = openAt(directory);

        assertThat(new String(store.get(bytes("k")), UTF_8)).isEqualTo("v");
        assertThat(store.get(bytes("gone"))).isNull();
    }

    @Test
    void aDirectoryCanBeOpenedByOneStoreAtATime() {
        assertThatThrownBy(() -> openAt(directory)).isInstanceOf(StoreException.class);
    }
}
