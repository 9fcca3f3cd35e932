package org.dawaledger.ledger;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

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
     * Submits, and submits again as a new transaction while it loses a race: an MVCC or phantom-read conflict means
     * another transaction changed what it read, so its answer was not the ledger's. Resubmitted, it answers from the
     * state that won (the second of two pharmacies dispensing one pack then hears ALREADY_SUPPLIED, and the alert is
     * recorded).
     *
     * @param attempts how many times at most to submit it
     * @return the last attempt: valid unless every attempt lost a race or it failed for another reason
     * @throws RefusedException if the chaincode refused it
     */
    default Submitted submitResolvingConflicts(final Caller caller, final int attempts, final String function,
            final String... arguments) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + attempts);
        }
        Submitted submitted = submit(caller, function, arguments);
        for (int attempt = 1; attempt < attempts && isConflict(submitted.validationCode()); attempt++) {
            submitted = submit(caller, function, arguments);
        }
        return submitted;
    }

    private static boolean isConflict(final TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

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
