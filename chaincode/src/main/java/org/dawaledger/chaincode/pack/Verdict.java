package org.dawaledger.chaincode.pack;

/**
 * The answer to "is this pack genuine and sellable?". After ACTIVE, the constants stand in the order of precedence
 * {@link Verification} applies: of all that hold for a pack, the first is its verdict. The product's and batch's
 * final states come first, whatever else is wrong or missing, so that a pharmacist is always told of a recall.
 */
public enum Verdict {
    /** Genuine, approved, released, unexpired and not decommissioned: it may be sold. */
    ACTIVE(false),
    UNKNOWN_PRODUCT(true),
    /** The regulator has not approved the product's registration (pending, or rejected): it is unregistered. */
    NOT_APPROVED(false),
    WITHDRAWN(false),
    RECALLED(false),
    UNKNOWN_SERIAL(true),
    /** The lot on the pack is not the lot the serial was commissioned in. */
    LOT_MISMATCH(true),
    UNKNOWN_BATCH(true),
    /** The expiry on the pack is not the batch's. */
    EXPIRY_MISMATCH(true),
    /**
     * No serial was presented, but the batch's packs carry serials: a genuine pack of it always has one, so a pack
     * without is suspect.
     */
    SERIAL_REQUIRED(true),
    /**
     * Neither a serial nor a lot was presented (a GTIN alone, or with its expiry, as a 1D barcode carries): only the
     * product could be checked, not the pack. Not a sign of a falsified pack, so it raises no alert.
     */
    LOT_REQUIRED(false),
    /** Pending import clearance, quarantined or rejected. */
    NOT_RELEASED(false),
    EXPIRED(false),
    /** Dispensed before: a second dispense is the commonest sign of a falsified pack. */
    ALREADY_SUPPLIED(true),
    /** Taken out of the supply chain for another reason (exported, destroyed, stolen, locked, …). */
    DECOMMISSIONED(true);

    private final boolean alerting;

    Verdict(final boolean alerting) {
        this.alerting = alerting;
    }

    /**
     * Whether presenting a pack with this finding for dispensing or decommissioning raises an alert: it points at a
     * falsified or diverted pack, not at a known product- or batch-level state such as a recall.
     */
    public boolean isAlerting() {
        return alerting;
    }
}
