package org.dawaledger.chaincode.pack;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One serialised pack: GTIN + serial, in a batch, held by a custodian.
 *
 * @param gtin the product
 * @param serial the serial number (GS1 AI 21), unique per GTIN
 * @param lot the batch it belongs to
 * @param status ACTIVE or the inactive state it was decommissioned to
 * @param custodianGln who holds it (during a shipment: the shipper, until the receiver takes it)
 * @param shipmentId the shipment it is travelling in, while in transit
 * @param inTransitTo the receiver, while in transit
 * @param decommissionedBy who decommissioned or dispensed it, while inactive
 * @param decommissionedAt when, while inactive
 * @param lastAction the last change
 * @param lastChangedBy who made the last change
 * @param updatedAt when
 */
@DataType
public record Pack(
        @Property String gtin,
        @Property String serial,
        @Property String lot,
        @Property PackStatus status,
        @Property String custodianGln,
        @Property String shipmentId,
        @Property String inTransitTo,
        @Property String decommissionedBy,
        @Property String decommissionedAt,
        @Property PackAction lastAction,
        @Property String lastChangedBy,
        @Property String updatedAt) {

    public boolean inTransit() {
        return shipmentId != null;
    }

    /**
     * The pack after the regulator takes it out of the supply chain into {@code newStatus} (LOCKED, DESTROYED): from
     * then on the regulator is the one that decommissioned it, also when its custodian had locked it before.
     */
    Pack heldByRegulator(final PackStatus newStatus, final PackAction action, final String regulatorGln,
            final String at) {
        return new Pack(gtin, serial, lot, newStatus, custodianGln, shipmentId, inTransitTo, regulatorGln, at, action,
                regulatorGln, at);
    }

    /**
     * The pack after the regulator moves it into another party's custody. A lock its old custodian set passes to the
     * new one, who can then undo it (to destroy the pack, say); a lock the regulator set stays the regulator's.
     */
    public Pack transferredTo(final String receiverGln, final boolean custodiansLock, final String regulatorGln,
            final String at) {
        return new Pack(gtin, serial, lot, status, receiverGln, null, null,
                custodiansLock ? receiverGln : decommissionedBy, decommissionedAt, PackAction.CUSTODY_TRANSFERRED,
                regulatorGln, at);
    }

    /** The pack after a change by a party in a transaction. */
    public Pack changed(final PackStatus newStatus, final String newCustodian, final String newShipmentId,
            final String newInTransitTo, final PackAction action, final String by, final String at) {
        final boolean inactive = !newStatus.isActive();
        return new Pack(gtin, serial, lot, newStatus, newCustodian, newShipmentId, newInTransitTo,
                inactive ? (status.isActive() ? by : decommissionedBy) : null,
                inactive ? (status.isActive() ? at : decommissionedAt) : null, action, by, at);
    }

    /** What the world state keeps of the pack: all but its GTIN and serial, which are its key. */
    PackState state() {
        return new PackState(lot, status, custodianGln, shipmentId, inTransitTo, decommissionedBy, decommissionedAt,
                lastAction, lastChangedBy, updatedAt);
    }
}
