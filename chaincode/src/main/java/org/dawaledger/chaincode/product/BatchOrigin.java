package org.dawaledger.chaincode.product;

/** Whether a batch was made here or imported. */
public enum BatchOrigin {
    DOMESTIC,
    IMPORTED
}
