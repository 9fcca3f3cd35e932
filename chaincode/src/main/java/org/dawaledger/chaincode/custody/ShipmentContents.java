package org.dawaledger.chaincode.custody;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a shipper puts in a shipment: serialised packs, batch-level units, or both.
 *
 * @param packs packs by GTIN and serial
 * @param quantities units of batches whose packs carry no serial
 */
public record ShipmentContents(List<PackRef> packs, List<BatchQuantity> quantities) {
    public ShipmentContents {
        // Not List.copyOf: it rejects null items while the JSON is read, before Custody can name the bad item.
        packs = packs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(packs));
        quantities = quantities == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(quantities));
    }
}
