/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

/**
 * The exit codes of {@code dawa-scan}, as its help lists them.
 */
public final class ExitCodes {
    /** Every scan done; for verify and dispense, every pack ACTIVE. */
    public static final int OK = 0;
    /** An error: a scan that could not be read, a refused call, a failure. */
    public static final int ERROR = 1;
    /** Wrong usage (picocli's own code for it). */
    public static final int USAGE = 2;
    /** At least one suspect or non-sellable verdict. */
    public static final int SUSPECT = 3;
    /** The gateway could not be reached; the scans were queued. */
    public static final int QUEUED = 4;

    private ExitCodes() {
    }
}
