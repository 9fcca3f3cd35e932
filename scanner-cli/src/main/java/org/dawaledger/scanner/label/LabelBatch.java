/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dawaledger.gs1.ExpiryDate;
import org.dawaledger.gs1.Gs1Field;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;

/**
 * The labels of one batch: a product, its lot and expiry, and the serials to print, all checked before anything is
 * drawn.
 */
public final class LabelBatch {
    private LabelBatch() {
    }

    /**
     * Checks a batch as a manufacturer gives it and makes its labels.
     * @param gtin the GTIN, 8, 12, 13 or 14 digits with its check digit.
     * @param lot the lot.
     * @param expiry the expiry, {@code YYYY-MM-DD} or GS1's {@code YYMMDD} (day {@code 00}: the end of the month).
     * @param serials the serials, in printing order.
     * @param referenceYear the current year, which decides the century of a {@code YYMMDD} expiry.
     * @return one label per serial, in the order given.
     * @throws Gs1FormatException with the field at fault: GTIN (missing, malformed, wrong check digit), LOT, EXPIRY,
     * or SERIAL (none given, one not valid GS1 text, or one given twice); checked in that order.
     */
    public static List<Label> of(final String gtin, final String lot, final String expiry,
            final List<String> serials, final int referenceYear) {
        final Gtin product = Gtin.parse(gtin);
        Gs1Text.lot(lot);
        if (expiry == null || expiry.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.EXPIRY, "expiry is missing");
        }
        final ExpiryDate expiryDate = ExpiryDate.parse(expiry, referenceYear);
        if (serials == null || serials.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.SERIAL, "no serials given");
        }
        final Set<String> seen = new HashSet<>();
        for (final String serial : serials) {
            Gs1Text.serial(serial);
            if (!seen.add(serial)) {
                throw new Gs1FormatException(Gs1Field.SERIAL, "serial " + serial + " is given twice");
            }
        }
        return serials.stream().map(serial -> new Label(product, expiryDate, lot, serial)).toList();
    }
}
