package org.dawaledger.gateway.ledger;

import java.util.Locale;

/** The organisations the embedded ledger admits, each with a CA of its own: the network's five. */
public enum Organisation {
    REGULATOR("RegulatorMSP"),
    MANUFACTURER("ManufacturerMSP"),
    IMPORTER("ImporterMSP"),
    DISTRIBUTOR("DistributorMSP"),
    PHARMACY("PharmacyMSP");

    private final String mspId;

    Organisation(final String mspId) {
        this.mspId = mspId;
    }

    public String mspId() {
        return mspId;
    }

    /** Its folder under the data folder's {@code ca/}. */
    String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
