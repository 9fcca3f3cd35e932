package org.dawaledger.ledger.store;

class MemoryStoreTest extends OrderedStoreContract {
    @Override
    protected OrderedStore open() {
        return new MemoryStore();
    }
}
