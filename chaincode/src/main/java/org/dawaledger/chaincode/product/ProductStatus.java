package org.dawaledger.chaincode.product;

/** A product's market standing. Withdrawal is irreversible. */
public enum ProductStatus {
    ACTIVE,
    WITHDRAWN
}
