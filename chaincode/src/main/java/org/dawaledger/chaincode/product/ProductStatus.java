package org.dawaledger.chaincode.product;

/**
 * A product's registration and market standing. Only an APPROVED product's batches may be registered and sold;
 * REJECTED ends an application (the GTIN may be applied for again) and WITHDRAWN is final.
 */
public enum ProductStatus {
    /** Registered by its manufacturer or importer; the regulator has not decided yet. */
    PENDING_APPROVAL,
    /** The regulator approved the registration: the product may be made, imported and sold. */
    APPROVED,
    /** The regulator refused the registration. */
    REJECTED,
    /** Taken off the market by the regulator, for good. */
    WITHDRAWN
}
