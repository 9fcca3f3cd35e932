/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import java.util.ArrayList;
import java.util.List;
import org.dawaledger.gs1.Gs1ElementString;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.scanner.gateway.Answer;
import org.dawaledger.scanner.gateway.GatewayOptions;

/** Scans the gateway could not take, put in the queue: only those that can be read (bad input is never queued). */
public final class Offline {
    private Offline() {
    }

    /**
     * Queues the readable scans and answers the rest as errors.
     * @param options where the queue is.
     * @param action what is to be done with the scans.
     * @param scans the scans, in order.
     * @return one answer per scan, in order: QUEUED, or INVALID_SCAN.
     * @throws QueueException if the queue cannot be written.
     */
    public static List<Answer> queue(final GatewayOptions options, final QueuedScan.Action action,
            final List<QueuedScan.Entry> scans) {
        final List<Answer> answers = new ArrayList<>(scans.size());
        final List<QueuedScan.Entry> readable = new ArrayList<>(scans.size());
        for (final QueuedScan.Entry scan : scans) {
            try {
                Gs1ElementString.parse(scan.code());
                readable.add(scan);
                answers.add(queued(options, scan, action));
            } catch (Gs1FormatException e) {
                answers.add(Answer.error(scan.source(), action.name(), "INVALID_SCAN", e.getMessage()));
            }
        }
        if (!readable.isEmpty()) {
            try (ScanQueue queue = options.openQueue()) {
                queue.add(action, readable);
            }
        }
        return answers;
    }

    /**
     * Queues one scan with the idempotency key it was already sent with.
     * @throws QueueException if the queue cannot be written.
     */
    public static Answer queue(final GatewayOptions options, final QueuedScan.Action action,
            final QueuedScan.Entry scan, final String idempotencyKey) {
        try (ScanQueue queue = options.openQueue()) {
            queue.add(action, scan, idempotencyKey);
        }
        return queued(options, scan, action);
    }

    private static Answer queued(final GatewayOptions options, final QueuedScan.Entry scan,
            final QueuedScan.Action action) {
        return Answer.queued(scan.source(), action.name(), "the gateway cannot be reached; queued in "
                + options.queueFile() + " for `dawa-scan sync`");
    }
}
