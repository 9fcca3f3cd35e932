/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import java.util.List;
import java.util.Objects;
import org.dawaledger.gs1.ExpiryDate;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;

/**
 * What one pack's label carries: AI 01 (GTIN), 17 (expiry), 10 (lot) and 21 (serial), in that order.
 * @param gtin the product.
 * @param expiry the expiry date.
 * @param lot the batch or lot, 1–20 characters of GS1 character set 82.
 * @param serial the pack's serial, 1–20 characters of GS1 character set 82.
 */
public record Label(Gtin gtin, ExpiryDate expiry, String lot, String serial) {
    private static final char GS = '\u001d';

    /**
     * @throws NullPointerException if {@code gtin} or {@code expiry} is null.
     * @throws org.dawaledger.gs1.Gs1FormatException with field LOT or SERIAL if that one is not valid GS1 text.
     */
    public Label {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(expiry, "expiry");
        Gs1Text.lot(lot);
        Gs1Text.serial(serial);
    }

    /**
     * The element string the symbol encodes, without FNC1 in first position, with a GS after the variable-length lot.
     * @return e.g. {@code 01095060001343521727063010ABC123}, a GS, then {@code 21S1}.
     */
    public String elementString() {
        return "01" + gtin.value() + "17" + expiry.yymmdd() + "10" + lot + GS + "21" + serial;
    }

    /**
     * The fields as printed under the symbol.
     * @return the AIs in brackets, each followed by its value: {@code (01)…}, {@code (17)…}, {@code (10)…},
     * {@code (21)…}.
     */
    public List<String> humanReadable() {
        return List.of("(01)" + gtin.value(), "(17)" + expiry.yymmdd(), "(10)" + lot, "(21)" + serial);
    }
}
