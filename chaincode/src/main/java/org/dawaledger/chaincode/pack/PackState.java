package org.dawaledger.chaincode.pack;

/**
 * A pack as the world state keeps it, under the key [gtin, serial]: each of a million packs carries only what the
 * rules need, so commissioning writes as few bytes as it can (the transaction that last changed it is in the key's
 * history).
 *
 * @param lot the batch
 * @param status ACTIVE or an inactive state
 * @param custodianGln who holds it
 * @param shipmentId the shipment it travels in, while in transit
 * @param inTransitTo the receiver, while in transit
 * @param decommissionedBy who took it out of the supply chain, while inactive
 * @param decommissionedAt when, while inactive
 * @param lastAction the last change
 * @param lastChangedBy who made it
 * @param updatedAt when
 */
public record PackState(String lot, PackStatus status, String custodianGln, String shipmentId, String inTransitTo,
        String decommissionedBy, String decommissionedAt, PackAction lastAction, String lastChangedBy,
        String updatedAt) {

    Pack toPack(final String gtin, final String serial) {
        return new Pack(gtin, serial, lot, status, custodianGln, shipmentId, inTransitTo, decommissionedBy,
                decommissionedAt, lastAction, lastChangedBy, updatedAt);
    }
}
