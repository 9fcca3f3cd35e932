package org.dawaledger.chaincode.product;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A registered medicine, identified by its GTIN.
 *
 * @param gtin the 14-digit GTIN
 * @param name the trade name
 * @param strength e.g. {@code 500 mg}
 * @param dosageForm e.g. {@code tablet}
 * @param registrationNumber the regulator's registration (marketing authorisation) number
 * @param ownerGln the manufacturer or importer that registered it and owns its batches
 * @param status ACTIVE or WITHDRAWN
 * @param statusReason why it was withdrawn
 * @param registeredAt when it was registered
 * @param updatedAt when it last changed
 * @param lastTxId the transaction that last changed it
 */
@DataType
public record Product(
        @Property String gtin,
        @Property String name,
        @Property String strength,
        @Property String dosageForm,
        @Property String registrationNumber,
        @Property String ownerGln,
        @Property ProductStatus status,
        @Property String statusReason,
        @Property String registeredAt,
        @Property String updatedAt,
        @Property String lastTxId) {

    public boolean isWithdrawn() {
        return status == ProductStatus.WITHDRAWN;
    }

    Product withdrawn(final String reason, final String at, final String txId) {
        return new Product(gtin, name, strength, dosageForm, registrationNumber, ownerGln, ProductStatus.WITHDRAWN,
                reason, registeredAt, at, txId);
    }
}
