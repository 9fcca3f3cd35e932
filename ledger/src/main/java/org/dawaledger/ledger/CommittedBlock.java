package org.dawaledger.ledger;

import java.util.List;

/**
 * A committed block as the ledger's feed gives it: its place in the hash chain and, per transaction, what it changed.
 *
 * @param number its number; block 0 holds no transaction
 * @param previousHash the hash of block {@code number - 1} (32 zero bytes for block 0)
 * @param hash SHA-256 of its number, the previous hash and its transactions
 * @param transactions its transactions in order, valid or not
 */
public record CommittedBlock(long number, byte[] previousHash, byte[] hash, List<CommittedTransaction> transactions) {
    public CommittedBlock {
        previousHash = previousHash.clone();
        hash = hash.clone();
        transactions = List.copyOf(transactions);
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
