/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

/**
 * An input that cannot be turned into scans: a missing file, an unreadable image, a CSV without a code column. The
 * message names the file. Thrown before any scan is used, so that a command does all of its work or none.
 */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
