package org.dawaledger.chaincode.product;

/**
 * Where a batch stands. Only RELEASED batches may move or be sold; RECALLED and REJECTED are final.
 */
public enum BatchStatus {
    /** Free to move and sell. Domestic batches start here. */
    RELEASED,
    /** An imported batch waiting for the regulator's clearance. */
    PENDING_CLEARANCE,
    /** An import the regulator refused. */
    REJECTED,
    /** Held by the regulator while it investigates. */
    QUARANTINED,
    /** Recalled: irreversible. */
    RECALLED
}
