package org.dawaledger.chaincode.pack;

/** What the last change of a pack was; the pack's history reads as a list of these. */
public enum PackAction {
    COMMISSIONED,
    SHIPPED,
    RECEIVED,
    RETURNED,
    DISPENSED,
    DECOMMISSIONED,
    DECOMMISSION_UNDONE,
    /** The regulator locked the pack pending an investigation. */
    LOCKED_BY_REGULATOR,
    /** The regulator released a pack it held back to ACTIVE. */
    RELEASED_BY_REGULATOR,
    /** The regulator had a pack it held destroyed. */
    DESTROYED_BY_REGULATOR,
    /** The regulator moved the pack from a revoked party's custody to another party's. */
    CUSTODY_TRANSFERRED
}
