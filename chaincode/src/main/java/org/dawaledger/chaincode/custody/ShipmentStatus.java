package org.dawaledger.chaincode.custody;

/** A shipment is IN_TRANSIT until its receiver receives or rejects it. */
public enum ShipmentStatus {
    IN_TRANSIT,
    RECEIVED,
    REJECTED
}
