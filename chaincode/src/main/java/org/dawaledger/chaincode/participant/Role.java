package org.dawaledger.chaincode.participant;

/** What a licensed party does in the supply chain; the role decides which calls it may make. */
public enum Role {
    MANUFACTURER,
    IMPORTER,
    DISTRIBUTOR,
    PHARMACY,
    REGULATOR;

    /** Whether a party of this role may hold and move stock. */
    public boolean holdsStock() {
        return this != REGULATOR;
    }
}
