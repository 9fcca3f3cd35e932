/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.queue;

/** The queue's file cannot be opened, read or written. */
public final class QueueException extends RuntimeException {
    QueueException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
