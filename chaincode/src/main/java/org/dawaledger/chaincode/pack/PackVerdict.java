package org.dawaledger.chaincode.pack;

import java.util.List;
import org.dawaledger.chaincode.product.RegulatedPrice;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * What the ledger says about a presented pack.
 *
 * @param verdict the answer: the first of {@code findings}, or ACTIVE when there are none
 * @param findings everything found wrong with the pack, in order of precedence; empty for an ACTIVE pack
 * @param message sentences a pharmacist can act on, the verdict's first
 * @param level PACK when a serial was presented, BATCH when only GTIN, lot and expiry were
 * @param gtin the GTIN presented
 * @param serial the serial presented, if any
 * @param lot the lot presented
 * @param expiry the expiry presented, if any
 * @param productName the product's name, when known
 * @param productStatus the product's registration status, when known
 * @param strength the product's strength (500 mg), when known
 * @param dosageForm the product's dosage form (tablet), when known
 * @param registrationNumber the product's registration number with the regulator, when known
 * @param ownerName the legal name of the manufacturer or importer that registered the product, when known: who
 *     answers for it in this country
 * @param ownerRole MANUFACTURER or IMPORTER, with {@code ownerName}
 * @param foreignManufacturer who made an imported product abroad, when known
 * @param withdrawnReason why the regulator withdrew the product (WITHDRAWN)
 * @param withdrawnAt when
 * @param ledgerLot the lot the ledger holds for this serial, when known
 * @param ledgerExpiry the batch's expiry on the ledger (ISO), when known
 * @param batchStatus the batch's status, when known
 * @param recallReason why the batch was recalled (RECALLED)
 * @param recalledAt when
 * @param packStatus the pack's status, when known
 * @param custodianGln who holds the pack (or, for a batch-level answer, who owns the batch)
 * @param inTransit whether the pack is travelling in a shipment
 * @param decommissionedBy who dispensed or decommissioned it (ALREADY_SUPPLIED, DECOMMISSIONED)
 * @param decommissionedAt when
 * @param lastTxId for a batch-level answer, the last transaction that changed the batch (a pack's is in its history)
 * @param lastChangedAt when the pack (or, for a batch-level answer, the batch) last changed
 * @param regulatedPrice the regulator's maximum retail price in force today, when the product is known and has one
 */
@DataType
public record PackVerdict(
        @Property Verdict verdict,
        @Property List<Verdict> findings,
        @Property String message,
        @Property String level,
        @Property String gtin,
        @Property String serial,
        @Property String lot,
        @Property String expiry,
        @Property String productName,
        @Property String productStatus,
        @Property String strength,
        @Property String dosageForm,
        @Property String registrationNumber,
        @Property String ownerName,
        @Property String ownerRole,
        @Property String foreignManufacturer,
        @Property String withdrawnReason,
        @Property String withdrawnAt,
        @Property String ledgerLot,
        @Property String ledgerExpiry,
        @Property String batchStatus,
        @Property String recallReason,
        @Property String recalledAt,
        @Property String packStatus,
        @Property String custodianGln,
        @Property Boolean inTransit,
        @Property String decommissionedBy,
        @Property String decommissionedAt,
        @Property String lastTxId,
        @Property String lastChangedAt,
        @Property RegulatedPrice regulatedPrice) {

    public PackVerdict {
        findings = List.copyOf(findings);
    }
}
