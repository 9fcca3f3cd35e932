package org.dawaledger.chaincode.product;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * What an importer declares about an imported batch.
 *
 * @param permitNumber the import permit
 * @param portOfEntry where it entered the country
 * @param foreignManufacturer who made it abroad
 */
@DataType
public record ImportDetails(@Property String permitNumber, @Property String portOfEntry,
        @Property String foreignManufacturer) {
}
