/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import java.util.Objects;

/**
 * One scan as it came in, and where from, so that an answer can be traced back to it.
 * @param source where the scan came from, e.g. {@code argument 2} or {@code stdin line 7}.
 * @param code what the scanner sent, unchanged.
 */
record Scan(String source, String code) {
    Scan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(code, "code");
    }
}
