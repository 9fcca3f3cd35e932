/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackIdentifierTest {
    private static final Gtin GTIN = Gtin.parse("09506000134352");
    private static final ExpiryDate EXPIRY = ExpiryDate.of(LocalDate.of(2027, 6, 30));

    @Test
    void holdsItsComponents() {
        final PackIdentifier pack = new PackIdentifier(GTIN, Optional.of("XYZ789"), "ABC123", EXPIRY);

        assertThat(pack.gtin()).isEqualTo(GTIN);
        assertThat(pack.serial()).hasValue("XYZ789");
        assertThat(pack.lot()).isEqualTo("ABC123");
        assertThat(pack.expiry()).isEqualTo(EXPIRY);
    }

    @Test
    void isEqualWhenTheExpiryIsWrittenDifferentlyButMeansTheSameDay() {
        final PackIdentifier dayUnspecified = new PackIdentifier(GTIN, Optional.empty(), "L",
                ExpiryDate.parse("270600", 2026));
        final PackIdentifier dayGiven = new PackIdentifier(GTIN, Optional.empty(), "L", EXPIRY);

        assertThat(dayUnspecified).isEqualTo(dayGiven).hasSameHashCodeAs(dayGiven);
    }

    @Test
    void isNotEqualWhenTheLotDiffersOnlyInCase() {
        assertThat(new PackIdentifier(GTIN, Optional.empty(), "abc", EXPIRY))
                .isNotEqualTo(new PackIdentifier(GTIN, Optional.empty(), "ABC", EXPIRY));
    }

    @Test
    void rejectsAnInvalidLot() {
        assertThatThrownBy(() -> new PackIdentifier(GTIN, Optional.empty(), "L".repeat(21), EXPIRY))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.LOT);
        assertThatThrownBy(() -> new PackIdentifier(GTIN, Optional.empty(), "", EXPIRY))
                .isInstanceOf(Gs1FormatException.class);
    }

    @Test
    void rejectsAnInvalidSerial() {
        assertThatThrownBy(() -> new PackIdentifier(GTIN, Optional.of("S 1"), "L", EXPIRY))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.SERIAL);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new PackIdentifier(null, Optional.empty(), "L", EXPIRY))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PackIdentifier(GTIN, null, "L", EXPIRY))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PackIdentifier(GTIN, Optional.empty(), null, EXPIRY))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PackIdentifier(GTIN, Optional.empty(), "L", null))
                .isInstanceOf(NullPointerException.class);
    }
}
