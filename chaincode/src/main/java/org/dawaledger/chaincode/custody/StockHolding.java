package org.dawaledger.chaincode.custody;

/**
 * Units of a batch a party holds at batch level, for packs that carry no serial number.
 *
 * @param gtin the product
 * @param lot the batch
 * @param holderGln who holds them
 * @param quantity how many
 */
public record StockHolding(String gtin, String lot, String holderGln, long quantity) {
    public StockHolding withQuantity(final long newQuantity) {
        return new StockHolding(gtin, lot, holderGln, newQuantity);
    }
}
