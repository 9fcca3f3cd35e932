package org.dawaledger.ledger;

/**
 * An evaluated (read-only) transaction's answer.
 *
 * @param answer what the chaincode answered
 * @param blockNumber the last block whose state the answer reflects
 */
public record Evaluated(byte[] answer, long blockNumber) {
    public Evaluated {
        answer = answer.clone();
    }

    @Override
    public byte[] answer() {
        return answer.clone();
    }
}
