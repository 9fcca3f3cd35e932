package org.dawaledger.chaincode.participant;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A licensed party, bound to one Fabric identity.
 *
 * @param gln the party's GS1 Global Location Number: its key on the ledger
 * @param role what it does
 * @param legalName its registered name
 * @param licenceNumber the regulator's licence number
 * @param companyPrefixes the GS1 company prefixes of a manufacturer, under which alone it may register products;
 *     null for other roles
 * @param mspId the MSP of its Fabric identity
 * @param identityId the digest that names its certificate's subject and issuer ({@link Identity#id()})
 * @param certificateSubject the subject (RFC 2253), for people to read
 * @param certificateIssuer the issuer (RFC 2253), for people to read
 * @param status its licence standing
 * @param statusReason why the status (or the prefixes) last changed, if a reason was given
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
        @Property List<String> companyPrefixes,
        @Property String mspId,
        @Property String identityId,
        @Property String certificateSubject,
        @Property String certificateIssuer,
        @Property ParticipantStatus status,
        @Property String statusReason,
        @Property String registeredAt,
        @Property String registeredBy,
        @Property String updatedAt,
        @Property String lastTxId) {

    public Participant {
        companyPrefixes = companyPrefixes == null ? null : List.copyOf(companyPrefixes);
    }

    public boolean isActive() {
        return status == ParticipantStatus.ACTIVE;
    }

    Participant withStatus(final ParticipantStatus newStatus, final String reason, final String at,
            final String txId) {
        return new Participant(gln, role, legalName, licenceNumber, companyPrefixes, mspId, identityId,
                certificateSubject, certificateIssuer, newStatus, reason, registeredAt, registeredBy, at, txId);
    }

    Participant withCompanyPrefixes(final List<String> prefixes, final String reason, final String at,
            final String txId) {
        return new Participant(gln, role, legalName, licenceNumber, prefixes, mspId, identityId, certificateSubject,
                certificateIssuer, status, reason, registeredAt, registeredBy, at, txId);
    }
}
