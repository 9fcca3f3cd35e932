package org.dawaledger.chaincode.custody;

/**
 * A shipment is IN_TRANSIT until its receiver receives or rejects it, or, when the receiver can no longer act, it is
 * cancelled.
 */
public enum ShipmentStatus {
    IN_TRANSIT,
    RECEIVED,
    REJECTED,
    CANCELLED
}
