package org.dawaledger.chaincode.product;

/** The regulator's answer to an import declaration. */
public enum ClearanceDecision {
    RELEASE,
    REJECT
}
