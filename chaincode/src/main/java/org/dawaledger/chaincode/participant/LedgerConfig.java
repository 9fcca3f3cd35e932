package org.dawaledger.chaincode.participant;

/**
 * Settings fixed when the ledger is initialised.
 *
 * @param regulatorMspId the MSP whose identities may hold the REGULATOR role
 * @param initialisedAt when InitLedger ran
 * @param initialisedBy the transaction that ran it
 */
public record LedgerConfig(String regulatorMspId, String initialisedAt, String initialisedBy) {
}
