package org.dawaledger.ledger.simulation;

/**
 * Where a key's value was written: the block and the transaction's position in it, which is what a Fabric peer
 * records as a key's version and compares at commit (MVCC).
 */
public record Version(long blockNumber, int transactionNumber) implements Comparable<Version> {
    @Override
    public int compareTo(final Version other) {
        final int byBlock = Long.compare(blockNumber, other.blockNumber);
        return byBlock != 0 ? byBlock : Integer.compare(transactionNumber, other.transactionNumber);
    }

    @Override
    public String toString() {
        return blockNumber + ":" + transactionNumber;
    }
}
