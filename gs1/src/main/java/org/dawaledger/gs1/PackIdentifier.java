/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * What identifies one medicine pack: its product, lot and expiry, and its serial where the pack is serialised.
 * <p>A pack identifier always holds valid GS1 data: lot and serial are checked when it is made.</p>
 * @param gtin the product (AI 01).
 * @param serial the pack's serial number (AI 21), or empty for a pack that is not serialised.
 * @param lot the batch or lot number (AI 10).
 * @param expiry the expiry date (AI 17).
 */
public record PackIdentifier(Gtin gtin, Optional<String> serial, String lot, ExpiryDate expiry) {
    /**
     * Checks the components.
     * @param gtin the product.
     * @param serial the serial number, or empty.
     * @param lot the batch or lot number.
     * @param expiry the expiry date.
     * @throws NullPointerException if any component is null.
     * @throws Gs1FormatException with field {@link Gs1Field#LOT} or {@link Gs1Field#SERIAL} if the lot or serial is
     * not 1–20 characters of GS1 character set 82.
     */
    public PackIdentifier {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiry, "expiry");
        Gs1Text.lot(lot);
        serial.ifPresent(Gs1Text::serial);
    }
}
