/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * A trade item as a read identifies it, with whatever of lot, expiry and serial the read carried: a GTIN alone, a
 * GTIN with its expiry but no lot, a GTIN with a serial, or a whole pack. Every part present is valid GS1 data.
 * <p>Packs without a lot, or with only a GTIN, exist on the market and must still get an answer; what that answer
 * is depends on who asks, so nothing here insists on more than the GTIN. {@link #toPackIdentifier()} does.</p>
 * @param gtin the product (AI 01).
 * @param lot the batch or lot number (AI 10), if read.
 * @param expiry the expiry date (AI 17), if read.
 * @param serial the serial number (AI 21), if read.
 */
public record ScannedItem(Gtin gtin, Optional<String> lot, Optional<ExpiryDate> expiry, Optional<String> serial) {
    /**
     * Checks the components.
     * @param gtin the product.
     * @param lot the lot, or empty.
     * @param expiry the expiry, or empty.
     * @param serial the serial, or empty.
     * @throws NullPointerException if any component is null.
     * @throws Gs1FormatException with field {@link Gs1Field#LOT} or {@link Gs1Field#SERIAL} if the lot or serial is
     * not 1–20 characters of GS1 character set 82.
     */
    public ScannedItem {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(serial, "serial");
        lot.ifPresent(Gs1Text::lot);
        serial.ifPresent(Gs1Text::serial);
    }

    /**
     * The pack this item is, for the uses that need its lot and expiry.
     * @return the pack identifier.
     * @throws Gs1FormatException with field {@link Gs1Field#EXPIRY} or {@link Gs1Field#LOT}, in that order, if that
     * part is missing.
     */
    public PackIdentifier toPackIdentifier() {
        if (expiry.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.EXPIRY, "expiry date (AI 17) is missing from the read");
        }
        if (lot.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.LOT, "lot (AI 10) is missing from the read");
        }
        return new PackIdentifier(gtin, serial, lot.get(), expiry.get());
    }
}
