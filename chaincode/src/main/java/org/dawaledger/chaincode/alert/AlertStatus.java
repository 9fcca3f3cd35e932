package org.dawaledger.chaincode.alert;

/** An alert is OPEN until the regulator records its finding. */
public enum AlertStatus {
    OPEN,
    RESOLVED
}
