/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import java.nio.file.Path;
import java.util.List;

/**
 * Scans kept on this machine while the gateway cannot be reached, until {@code dawa-scan sync} has the ledger's
 * answer to each: a file that survives a crash or a {@code kill -9} (every change is committed to disk before it
 * returns). Each scan gets its idempotency key when it is queued, and keeps it for every attempt.
 */
public interface ScanQueue extends AutoCloseable {
    /**
     * Opens the queue in a file, creating it (and its folder) if need be.
     * @param file the queue's file.
     * @return the queue.
     * @throws QueueException if the file cannot be opened or is not a queue.
     */
    static ScanQueue open(final Path file) {
        return SqliteScanQueue.open(file);
    }

    /**
     * Queues scans, all or none.
     * @param action what is to be done with them.
     * @param scans each scan's source and code, in order.
     * @return the scans as queued, each with its new idempotency key.
     * @throws QueueException if they cannot be written.
     */
    List<QueuedScan> add(QueuedScan.Action action, List<QueuedScan.Entry> scans);

    /**
     * Queues one scan with an idempotency key it already has (a dispense whose answer was lost keeps its key).
     * @throws QueueException if it cannot be written.
     */
    QueuedScan add(QueuedScan.Action action, QueuedScan.Entry scan, String idempotencyKey);

    /**
     * The scans waiting, oldest first.
     * @throws QueueException if the file cannot be read.
     */
    List<QueuedScan> pending();

    /**
     * Notes that a scan is about to be sent, before it is: a later sync then knows an earlier one may have reached
     * the ledger.
     * @throws QueueException if it cannot be written.
     */
    void attempting(long id);

    /**
     * Removes a scan the ledger has answered.
     * @throws QueueException if it cannot be written.
     */
    void answered(long id);

    /** Closes the file. */
    @Override
    void close();
}
