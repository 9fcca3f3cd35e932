/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScannedItemTest {
    private static final String GTIN = "0109506000134352";

    private static Gs1FormatException refusal(final Runnable call) {
        return (Gs1FormatException) org.assertj.core.api.Assertions.catchThrowable(call::run);
    }

    /** What each read gives: a scanned item with its parts, or the field it is refused for; and as a pack. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "GTIN alone              | 0109506000134352            | -   | -          | -   | -      | EXPIRY",
        "GTIN and expiry         | 010950600013435217270600    | -   | 2027-06-30 | -   | -      | LOT",
        "GTIN and serial         | 010950600013435221XYZ       | -   | -          | XYZ | -      | EXPIRY",
        "GTIN and lot            | 010950600013435210ABC       | ABC | -          | -   | -      | EXPIRY",
        "a whole pack            | 01095060001343521727060010ABC\u001D21XYZ | ABC | 2027-06-30 | XYZ | - | -",
        "no GTIN                 | 17270600                    | -   | -          | -   | GTIN   | GTIN",
        "a bad check digit       | 01095060001343531727060010A | -   | -          | -   | GTIN   | GTIN",
        "an expiry that is not   | 010950600013435217271300    | -   | -          | -   | EXPIRY | EXPIRY",
        "a lot outside set 82    | 010950600013435210A B       | -   | -          | -   | LOT    | EXPIRY",
        "a serial outside set 82 | 010950600013435221X~Y       | -   | -          | -   | SERIAL | EXPIRY",
    })
    void aReadWithoutALotStillBecomesAScannedItemWhileAPackIdentifierInsistsOnLotAndExpiry(
            final String description, final String raw, final String lot, final String expiry, final String serial,
            final Gs1Field itemRefusal, final Gs1Field packRefusal) {
        final Gs1Read read = Gs1Scan.parse(raw);

        if (itemRefusal == null) {
            final ScannedItem item = read.toScannedItem(2026);
            assertThat(item.gtin().value()).isEqualTo("09506000134352");
            assertThat(item.lot()).isEqualTo(Optional.ofNullable(lot));
            assertThat(item.expiry().map(ExpiryDate::toIsoString)).isEqualTo(Optional.ofNullable(expiry));
            assertThat(item.serial()).isEqualTo(Optional.ofNullable(serial));
        } else {
            assertThat(refusal(() -> read.toScannedItem(2026)).field()).isEqualTo(itemRefusal);
        }
        if (packRefusal == null) {
            assertThat(read.toPackIdentifier(2026)).isEqualTo(read.toScannedItem(2026).toPackIdentifier());
        } else {
            assertThat(refusal(() -> read.toPackIdentifier(2026)).field()).isEqualTo(packRefusal);
            if (itemRefusal == null) {
                assertThat(refusal(() -> read.toScannedItem(2026).toPackIdentifier()).field())
                        .isEqualTo(packRefusal);
            }
        }
    }

    @Test
    void aWholePackBecomesTheSamePackIdentifierEitherWay() {
        final Gs1Read read = Gs1Scan.parse(GTIN + "1727060010ABC\u001D21XYZ");

        assertThat(read.toScannedItem(2026).toPackIdentifier()).isEqualTo(read.toPackIdentifier(2026));
    }

    @Test
    void theExpiryCenturyFollowsTheReferenceYearGiven() {
        final Gs1Read read = Gs1Scan.parse(GTIN + "17770100");

        assertThat(read.toScannedItem(2026).expiry().map(ExpiryDate::lastDay)).hasValue(LocalDate.of(1977, 1, 31));
        assertThat(read.toScannedItem(2027).expiry().map(ExpiryDate::lastDay)).hasValue(LocalDate.of(2077, 1, 31));
    }

    @Test
    void itsPartsAreCheckedWhenItIsMade() {
        final Gtin gtin = Gtin.parse("09506000134352");

        assertThatThrownBy(() -> new ScannedItem(gtin, Optional.of(""), Optional.empty(), Optional.empty()))
                .isInstanceOf(Gs1FormatException.class);
        assertThatThrownBy(() -> new ScannedItem(gtin, Optional.empty(), Optional.empty(), Optional.of("A B")))
                .isInstanceOf(Gs1FormatException.class);
        assertThatThrownBy(() -> new ScannedItem(null, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }
}
