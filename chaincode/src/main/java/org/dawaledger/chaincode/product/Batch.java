package org.dawaledger.chaincode.product;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A lot of one product.
 *
 * @param gtin the product
 * @param lot the lot (GS1 AI 10) printed on its packs
 * @param expiry the expiry as printed (GS1 {@code YYMMDD}; day 00 means the month's last day)
 * @param expiryDate the last day its packs may be used (ISO date)
 * @param quantity how many packs the batch holds, serialised or not
 * @param ownerGln the manufacturer or importer that registered it
 * @param origin DOMESTIC or IMPORTED
 * @param importDetails the import declaration, for imported batches
 * @param status where it stands
 * @param statusReason why the status was last set
 * @param registeredAt when it was registered or declared
 * @param updatedAt when it last changed
 * @param lastTxId the transaction that last changed it
 */
@DataType
public record Batch(
        @Property String gtin,
        @Property String lot,
        @Property String expiry,
        @Property String expiryDate,
        @Property long quantity,
        @Property String ownerGln,
        @Property BatchOrigin origin,
        @Property ImportDetails importDetails,
        @Property BatchStatus status,
        @Property String statusReason,
        @Property String registeredAt,
        @Property String updatedAt,
        @Property String lastTxId) {

    /** Whether its packs are past their last day on the given date. */
    public boolean isExpiredOn(final java.time.LocalDate date) {
        return java.time.LocalDate.parse(expiryDate).isBefore(date);
    }

    Batch withStatus(final BatchStatus newStatus, final String reason, final String at, final String txId) {
        return new Batch(gtin, lot, expiry, expiryDate, quantity, ownerGln, origin, importDetails, newStatus, reason,
                registeredAt, at, txId);
    }
}
