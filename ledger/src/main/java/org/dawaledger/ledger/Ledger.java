package org.dawaledger.ledger;

/**
 * The ledger as one organisation sees it: it submits and evaluates transactions as its members, and follows the
 * committed blocks. Behind it is either the embedded ledger (the contract in-process with Fabric's semantics on a
 * local store) or a Fabric peer; either way reads run the contract on the local copy of the world state.
 */
public interface Ledger extends AutoCloseable {
    /**
     * Endorses, orders and commits one transaction, and waits until its block is committed.
     *
     * @param function the chaincode's transaction name
     * @param arguments its arguments
     * @return the answer and where it was committed; check {@link Submitted#isValid()}
     * @throws RefusedException if the chaincode refused it or the peer refused the proposal (nothing was ordered)
     */
    Submitted submit(Caller caller, String function, String... arguments);

    /**
     * Runs one read-only transaction on the committed state and discards whatever it would write.
     *
     * @throws RefusedException if the chaincode refused it
     */
    Evaluated evaluate(Caller caller, String function, String... arguments);

    /** The number of committed blocks (the next block's number). */
    long height();

    /**
     * The committed blocks from {@code fromBlock} on, waiting for new ones.
     *
     * @throws IllegalArgumentException if {@code fromBlock} is negative
     */
    BlockFeed blocks(long fromBlock);

    /** Stops ordering, waits for the block being committed, and releases the store. */
    @Override
    void close();
}
