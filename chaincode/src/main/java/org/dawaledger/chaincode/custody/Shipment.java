package org.dawaledger.chaincode.custody;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Packs and units on their way from one licensed party to another.
 *
 * @param shipmentId the id of the transaction that shipped it: one shipment per transaction
 * @param shipperGln who sent it
 * @param receiverGln who is to receive it
 * @param packs the serialised packs in it
 * @param quantities the batch-level units in it
 * @param status IN_TRANSIT, RECEIVED, REJECTED or CANCELLED
 * @param reason why it was rejected or cancelled
 * @param shippedAt when it left
 * @param closedAt when it was received, rejected or cancelled
 * @param lastTxId the transaction that last changed it
 */
@DataType
public record Shipment(
        @Property String shipmentId,
        @Property String shipperGln,
        @Property String receiverGln,
        @Property List<PackRef> packs,
        @Property List<BatchQuantity> quantities,
        @Property ShipmentStatus status,
        @Property String reason,
        @Property String shippedAt,
        @Property String closedAt,
        @Property String lastTxId) {

    public Shipment {
        packs = List.copyOf(packs);
        quantities = List.copyOf(quantities);
    }

    Shipment closed(final ShipmentStatus newStatus, final String why, final String at, final String txId) {
        return new Shipment(shipmentId, shipperGln, receiverGln, packs, quantities, newStatus, why, shippedAt, at,
                txId);
    }
}
