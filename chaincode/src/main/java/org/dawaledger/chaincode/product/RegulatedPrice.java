package org.dawaledger.chaincode.product;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A maximum retail price the regulator fixed for a product's pack, from a date on. Money is a whole number of paisa
 * (100 paisa = 1 rupee), never a floating-point number.
 *
 * @param effectiveFrom the first day (ISO {@code yyyy-MM-dd}, UTC) the price is in force
 * @param paisa the maximum retail price of one pack, in paisa
 * @param reference the regulator's notification that fixed it, e.g. {@code S.R.O. 1234(I)/2026}
 * @param setAt when it was recorded on the ledger
 * @param setBy the regulator that recorded it
 * @param txId the transaction that recorded it
 */
@DataType
public record RegulatedPrice(
        @Property String effectiveFrom,
        @Property long paisa,
        @Property String reference,
        @Property String setAt,
        @Property String setBy,
        @Property String txId) {
}
