package org.dawaledger.chaincode.custody;

/**
 * Units of one batch moved without serial numbers.
 *
 * @param gtin the product
 * @param lot the batch
 * @param quantity how many units
 */
public record BatchQuantity(String gtin, String lot, long quantity) {
}
