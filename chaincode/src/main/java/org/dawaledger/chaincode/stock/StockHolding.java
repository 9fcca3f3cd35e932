package org.dawaledger.chaincode.stock;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Units of a batch a party holds at batch level, for packs that carry no serial number (or not yet one).
 *
 * @param gtin the product
 * @param lot the batch
 * @param holderGln who holds them
 * @param quantity how many
 */
@DataType
public record StockHolding(@Property String gtin, @Property String lot, @Property String holderGln,
        @Property long quantity) {
}
