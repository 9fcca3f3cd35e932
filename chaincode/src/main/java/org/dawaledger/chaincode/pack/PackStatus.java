package org.dawaledger.chaincode.pack;

/**
 * A pack's state, after the EU verification system: ACTIVE until decommissioned, then one of the inactive states.
 */
public enum PackStatus {
    ACTIVE,
    /** Dispensed to a patient. */
    SUPPLIED,
    EXPORTED,
    CHECKED_OUT,
    STOLEN,
    SAMPLE,
    FREE_SAMPLE,
    LOCKED,
    DESTROYED;

    public boolean isActive() {
        return this == ACTIVE;
    }

    /** STOLEN and DESTROYED can never be undone. */
    public boolean isFinal() {
        return this == STOLEN || this == DESTROYED;
    }

    /** Whether a party may set this state even when the batch may not be sold (recalled, expired, …). */
    boolean allowedOnUnsellableBatch() {
        return this == STOLEN || this == LOCKED || this == DESTROYED;
    }
}
