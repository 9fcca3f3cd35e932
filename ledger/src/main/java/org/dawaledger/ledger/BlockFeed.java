package org.dawaledger.ledger;

import java.util.Iterator;

/**
 * Committed blocks in order from a given number on: {@link #next()} waits for the next block when it is not committed
 * yet. Close it to stop waiting and release it.
 */
public interface BlockFeed extends Iterator<CommittedBlock>, AutoCloseable {
    /** Always true until closed: there is always a next block to wait for. */
    @Override
    boolean hasNext();

    /**
     * The next block, waiting for it to be committed.
     *
     * @throws java.util.NoSuchElementException if the feed is closed, also while waiting
     */
    @Override
    CommittedBlock next();

    @Override
    void close();
}
