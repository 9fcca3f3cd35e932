package org.dawaledger.ledger.store;

import java.nio.file.Path;

class RocksStoreTest extends DurableStoreContract {
    @Override
    protected OrderedStore openAt(final Path directory) {
        return RocksStore.open(directory);
    }
}
