package org.dawaledger.chaincode.product;

import org.dawaledger.chaincode.ledger.ErrorCode;

/**
 * Whether a batch's packs may be sold today, and if not the first reason why. The constants after SELLABLE stand in
 * the order the ledger checks them: the final states (withdrawn, recalled, rejected) before the passing ones.
 */
public enum Standing {
    /** Product approved and on the market, batch released, not expired. */
    SELLABLE(null),
    /** The product is withdrawn from the market, for good. */
    PRODUCT_WITHDRAWN(ErrorCode.PRODUCT_WITHDRAWN),
    /** The regulator has not approved the product (no batch of it can be registered: a defence in depth). */
    PRODUCT_NOT_APPROVED(ErrorCode.PRODUCT_NOT_APPROVED),
    /** The batch is recalled, for good. */
    BATCH_RECALLED(ErrorCode.BATCH_RECALLED),
    /** The regulator refused the import, for good. */
    BATCH_REJECTED(ErrorCode.BATCH_NOT_RELEASED),
    /** The import waits for clearance, or the regulator holds the batch in quarantine. */
    BATCH_NOT_RELEASED(ErrorCode.BATCH_NOT_RELEASED),
    /** Past its expiry date (UTC). */
    BATCH_EXPIRED(ErrorCode.BATCH_EXPIRED);

    private final ErrorCode refusal;

    Standing(final ErrorCode refusal) {
        this.refusal = refusal;
    }

    /** The code a call is refused with when this standing stops it; null for SELLABLE. */
    public ErrorCode refusal() {
        return refusal;
    }

    /** Whether a batch in this standing may be used so. */
    public boolean allows(final BatchUse use) {
        return switch (use) {
            case SALE -> this == SELLABLE;
            // An importer serialises a pending import in bond; a quarantine does not stop labelling.
            case COMMISSIONING -> this == SELLABLE || this == BATCH_NOT_RELEASED;
            // Back to ACTIVE is pointless only where the batch can never be sold again, or its packs are past use.
            case REACTIVATION -> this == SELLABLE || this == BATCH_NOT_RELEASED || this == BATCH_REJECTED;
        };
    }
}
