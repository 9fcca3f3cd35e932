package org.dawaledger.chaincode.participant;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A licensed party, bound to one Fabric identity.
 *
 * @param gln the party's GS1 Global Location Number: its key on the ledger
 * @param role what it does
 * @param legalName its registered name
 * @param licenceNumber the regulator's licence number
 * @param mspId the MSP of its Fabric identity
 * @param fabricId its X.509 identity as Fabric names it ({@code x509::subject::issuer})
 * @param status its licence standing
 * @param statusReason why the status was last set, if a reason was given
 * @param registeredAt when the regulator registered it
 * @param registeredBy the GLN of the regulator who registered it (itself for the bootstrap regulator)
 * @param updatedAt when it last changed
 * @param lastTxId the transaction that last changed it
 */
@DataType
public record Participant(
        @Property String gln,
        @Property Role role,
        @Property String legalName,
        @Property String licenceNumber,
        @Property String mspId,
        @Property String fabricId,
        @Property ParticipantStatus status,
        @Property String statusReason,
        @Property String registeredAt,
        @Property String registeredBy,
        @Property String updatedAt,
        @Property String lastTxId) {

    public boolean isActive() {
        return status == ParticipantStatus.ACTIVE;
    }

    Participant withStatus(final ParticipantStatus newStatus, final String reason, final String at,
            final String txId) {
        return new Participant(gln, role, legalName, licenceNumber, mspId, fabricId, newStatus, reason,
                registeredAt, registeredBy, at, txId);
    }
}
