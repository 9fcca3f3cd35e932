/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.barcode;

import java.util.Objects;

/**
 * One barcode found in an image, as a hardware scanner would send it.
 * @param format the symbology, e.g. {@code DATA_MATRIX}, {@code CODE_128} or {@code QR_CODE}.
 * @param text the symbology identifier (e.g. {@code ]d2} for GS1 DataMatrix) followed by the data, with a GS
 * (ASCII 29) wherever the symbol has an FNC1 separator.
 */
public record Barcode(String format, String text) {
    /**
     * @throws NullPointerException if an argument is null.
     */
    public Barcode {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
    }
}
