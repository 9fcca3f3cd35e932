package org.dawaledger.chaincode.pack;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One change of a pack, as an auditor reads it.
 *
 * @param txId the transaction that made it
 * @param timestamp when
 * @param action what happened
 * @param partyGln who did it
 * @param fromStatus the status before (absent for commissioning)
 * @param toStatus the status after
 * @param fromCustodianGln the custodian before
 * @param toCustodianGln the custodian after
 * @param shipmentId the shipment involved, for SHIPPED, RECEIVED and RETURNED
 */
@DataType
public record PackHistoryEntry(
        @Property String txId,
        @Property String timestamp,
        @Property PackAction action,
        @Property String partyGln,
        @Property String fromStatus,
        @Property String toStatus,
        @Property String fromCustodianGln,
        @Property String toCustodianGln,
        @Property String shipmentId) {
}
