package org.dawaledger.chaincode.alert;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A suspicion about a pack, for the regulator to investigate.
 *
 * @param alertId {@code <txId>-<nnnn>}: the transaction that raised it and its four-digit number within it
 * @param code why it was raised
 * @param gtin the pack's GTIN as presented
 * @param serial the serial as presented, if any
 * @param lot the lot as presented, if any
 * @param expiry the expiry as presented, if any
 * @param verdict the pack's verdict when the alert was raised
 * @param detail what happened, in words
 * @param raisedBy the GLN of the party whose call raised it
 * @param raisedAt when
 * @param status OPEN or RESOLVED
 * @param finding the regulator's finding, once resolved
 * @param resolutionNote the regulator's note
 * @param resolvedBy the regulator who resolved it
 * @param resolvedAt when
 */
@DataType
public record Alert(
        @Property String alertId,
        @Property AlertCode code,
        @Property String gtin,
        @Property String serial,
        @Property String lot,
        @Property String expiry,
        @Property String verdict,
        @Property String detail,
        @Property String raisedBy,
        @Property String raisedAt,
        @Property AlertStatus status,
        @Property Finding finding,
        @Property String resolutionNote,
        @Property String resolvedBy,
        @Property String resolvedAt) {

    Alert resolved(final Finding newFinding, final String note, final String by, final String at) {
        return new Alert(alertId, code, gtin, serial, lot, expiry, verdict, detail, raisedBy, raisedAt,
                AlertStatus.RESOLVED, newFinding, note, by, at);
    }
}
