package org.dawaledger.chaincode.custody;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Stock the regulator moved out of a revoked party's custody.
 *
 * @param transferId the transaction that moved it
 * @param fromGln the revoked party
 * @param toGln the party that holds it now
 * @param packs the serialised packs moved
 * @param quantities the batch-level units moved
 * @param reason why, in the regulator's words
 * @param transferredAt when
 */
@DataType
public record CustodyTransfer(
        @Property String transferId,
        @Property String fromGln,
        @Property String toGln,
        @Property List<PackRef> packs,
        @Property List<BatchQuantity> quantities,
        @Property String reason,
        @Property String transferredAt) {

    public CustodyTransfer {
        packs = List.copyOf(packs);
        quantities = List.copyOf(quantities);
    }
}
