package org.dawaledger.chaincode.product;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A medicine registered for the market, identified by its GTIN.
 *
 * @param gtin the 14-digit GTIN
 * @param name the trade name
 * @param strength e.g. {@code 500 mg}
 * @param dosageForm e.g. {@code tablet}
 * @param registrationNumber the regulator's registration (marketing authorisation) number
 * @param ownerGln the manufacturer or importer that registered it and owns its batches
 * @param foreignManufacturer who makes it abroad, for an importer's product; null for a domestic one
 * @param status where its registration stands
 * @param statusReason why the status was last set
 * @param registeredAt when it was registered (applied for)
 * @param decidedBy the regulator who approved, rejected or withdrew it
 * @param updatedAt when it last changed (for a withdrawn product: when it was withdrawn)
 * @param lastTxId the transaction that last changed it
 * @param regulatedPrices the regulator's maximum retail prices, newest effective date first: only in GetProduct's
 *     answer, which reads them from the product's {@code price} record; never stored here, and absent when none
 */
@DataType
public record Product(
        @Property String gtin,
        @Property String name,
        @Property String strength,
        @Property String dosageForm,
        @Property String registrationNumber,
        @Property String ownerGln,
        @Property String foreignManufacturer,
        @Property ProductStatus status,
        @Property String statusReason,
        @Property String registeredAt,
        @Property String decidedBy,
        @Property String updatedAt,
        @Property String lastTxId,
        @Property List<RegulatedPrice> regulatedPrices) {

    public boolean isWithdrawn() {
        return status == ProductStatus.WITHDRAWN;
    }

    /** Whether the regulator approved it and it is still on the market. */
    public boolean isApproved() {
        return status == ProductStatus.APPROVED;
    }

    Product withStatus(final ProductStatus newStatus, final String reason, final String regulatorGln, final String at,
            final String txId) {
        return new Product(gtin, name, strength, dosageForm, registrationNumber, ownerGln, foreignManufacturer,
                newStatus, reason, registeredAt, regulatorGln, at, txId, null);
    }

    /** The product as GetProduct answers it: with its price history. */
    Product withRegulatedPrices(final List<RegulatedPrice> prices) {
        return new Product(gtin, name, strength, dosageForm, registrationNumber, ownerGln, foreignManufacturer,
                status, statusReason, registeredAt, decidedBy, updatedAt, lastTxId, List.copyOf(prices));
    }
}
