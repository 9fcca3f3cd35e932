package org.dawaledger.ledger;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A submitted transaction once its block is committed.
 *
 * @param answer what the chaincode answered when it was endorsed
 * @param transactionId its id
 * @param blockNumber the block it is in
 * @param validationCode VALID, or why the commit rejected it (MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, ...); a
 *     rejected transaction changed nothing, and its answer is not what the ledger holds
 */
public record Submitted(byte[] answer, String transactionId, long blockNumber, TxValidationCode validationCode) {
    public Submitted {
        answer = answer.clone();
    }

    @Override
    public byte[] answer() {
        return answer.clone();
    }

    /** Whether the transaction was committed as valid, so that its writes are in the ledger. */
    public boolean isValid() {
        return validationCode == TxValidationCode.VALID;
    }
}
