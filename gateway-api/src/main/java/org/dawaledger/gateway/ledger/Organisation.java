package org.dawaledger.gateway.ledger;

import java.util.Arrays;
import java.util.Locale;

/**
 * The network's five organisations: the embedded ledger admits each with a CA of its own; in Fabric mode a gateway
 * is one of them.
 */
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

    /**
     * The organisation of an MSP ID.
     *
     * @throws IllegalArgumentException if it is none of the network's five
     */
    public static Organisation ofMspId(final String mspId) {
        return Arrays.stream(values()).filter(o -> o.mspId.equals(mspId)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("MSP ID " + mspId + " is none of the network's organisations: "
                        + Arrays.stream(values()).map(Organisation::mspId).toList()));
    }

    /** Its folder under the data folder's {@code ca/}. */
    String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
