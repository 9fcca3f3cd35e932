package org.dawaledger.chaincode.custody;

import java.util.List;

/**
 * What a shipper puts in a shipment: serialised packs, batch-level units, or both.
 *
 * @param packs packs by GTIN and serial
 * @param quantities units of batches whose packs carry no serial
 */
public record ShipmentContents(List<PackRef> packs, List<BatchQuantity> quantities) {
    public ShipmentContents {
        packs = packs == null ? List.of() : List.copyOf(packs);
        quantities = quantities == null ? List.of() : List.copyOf(quantities);
    }
}
