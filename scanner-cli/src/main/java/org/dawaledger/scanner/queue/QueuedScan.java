/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A scan waiting in the queue.
 * @param id its place in the queue.
 * @param action what is to be done with it.
 * @param source where it came from, e.g. {@code stdin line 7}.
 * @param code what the scanner sent.
 * @param idempotencyKey made when it was queued, sent with every attempt.
 * @param queuedAt when it was queued.
 * @param attempts how many times a sync began to send it (more than 0: an earlier attempt may have reached the
 *     ledger).
 */
public record QueuedScan(long id, Action action, String source, String code, String idempotencyKey,
        Instant queuedAt, int attempts) {
    /** What a queued scan is for. */
    public enum Action {
        verify, dispense
    }

    /**
     * A scan to queue.
     * @param source where it came from.
     * @param code what the scanner sent.
     */
    public record Entry(String source, String code) {
        /** @throws NullPointerException if an argument is null. */
        public Entry {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(code, "code");
        }
    }

    /** @throws NullPointerException if an argument is null. */
    public QueuedScan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
