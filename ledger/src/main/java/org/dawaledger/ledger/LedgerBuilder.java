package org.dawaledger.ledger;

import java.util.Objects;
import org.dawaledger.ledger.store.OrderedStore;
import org.hyperledger.fabric.shim.Chaincode;

/** What either ledger is built on: the local copy's store, the chaincode run on it, and where it lives. */
abstract class LedgerBuilder<B extends LedgerBuilder<B>> {
    final OrderedStore store;
    final Chaincode chaincode;
    String channel = "dawaledger";
    String chaincodeName = "dawaledger";

    LedgerBuilder(final OrderedStore store, final Chaincode chaincode) {
        this.store = Objects.requireNonNull(store, "store");
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
    }

    abstract B self();

    /** The channel's name (default {@code dawaledger}). */
    public B channel(final String name) {
        this.channel = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The chaincode's name (default {@code dawaledger}). */
    public B chaincodeName(final String name) {
        this.chaincodeName = Objects.requireNonNull(name, "name");
        return self();
    }
}
