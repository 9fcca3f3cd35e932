package org.dawaledger.chaincode.product;

/** What a rule is about to do with a batch's packs or units; {@link Standing#allows} says which standings permit it. */
public enum BatchUse {
    /** Ship, receive into the market, dispense: only a sellable batch. */
    SALE,
    /** Give packs their serials. */
    COMMISSIONING,
    /** Return a decommissioned or locked pack to ACTIVE. */
    REACTIVATION
}
