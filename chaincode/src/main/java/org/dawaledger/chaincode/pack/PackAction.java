package org.dawaledger.chaincode.pack;

/** What the last change of a pack was; the pack's history reads as a list of these. */
public enum PackAction {
    COMMISSIONED,
    SHIPPED,
    RECEIVED,
    RETURNED,
    DISPENSED,
    DECOMMISSIONED,
    DECOMMISSION_UNDONE
}
