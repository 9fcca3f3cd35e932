/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationIdentifierTest {
    @Test
    void hasNoAiThatIsTheStartOfAnother() {
        // Otherwise an element string could be split in two ways
        for (final ApplicationIdentifier ai : ApplicationIdentifier.all()) {
            for (final ApplicationIdentifier other : ApplicationIdentifier.all()) {
                if (ai != other) {
                    assertThat(other.code()).as("AI %s vs %s", ai.code(), other.code()).doesNotStartWith(ai.code());
                }
            }
        }
    }

    @Test
    void hasOnlyAisOfTwoToFourDigitsWithSaneLengths() {
        for (final ApplicationIdentifier ai : ApplicationIdentifier.all()) {
            assertThat(ai.code()).matches("[0-9]{2,4}");
            assertThat(ai.minLength()).as(ai.code()).isBetween(1, ai.maxLength());
        }
    }

    @ParameterizedTest
    @CsvSource({
            // AI prefix, total length of AI and data, per GS1's table of predefined lengths
            "00, 20", "01, 16", "02, 16", "03, 16", "04, 18",
            "11, 8", "12, 8", "13, 8", "14, 8", "15, 8", "16, 8", "17, 8", "18, 8", "19, 8",
            "20, 4",
            "3100, 10", "3200, 10", "3300, 10", "3400, 10", "3500, 10", "3600, 10", "3699, 10",
            "410, 16", "414, 16", "417, 16",
    })
    void givesPredefinedLengthAisTheirLength(final String code, final int total) {
        final ApplicationIdentifier ai = ApplicationIdentifier.byCode(code);

        assertThat(ai.predefinedLength()).isTrue();
        assertThat(ai.code().length() + ai.maxLength()).isEqualTo(total);
        assertThat(ai.minLength()).isEqualTo(ai.maxLength());
    }

    @Test
    void hasNoOtherPredefinedLengthAis() {
        for (final ApplicationIdentifier ai : ApplicationIdentifier.all()) {
            if (ai.predefinedLength()) {
                assertThat(ai.code()).matches("0[0-4]|1[1-9]|20|3[1-6][0-9]{2}|41[0-7]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "21", "22", "240", "241", "250", "251", "30", "37", "400", "401", "402", "403",
            "410", "411", "412", "413", "414", "415", "416", "417", "420", "421", "7003", "710", "711", "712", "713",
            "714", "8003", "8004", "8006", "8010", "8020", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99"})
    void knowsEveryAiTheProjectNeeds(final String code) {
        assertThat(ApplicationIdentifier.byCode(code)).isNotNull();
    }

    @Test
    void limitsLotAndSerialTo20Characters() {
        assertThat(ApplicationIdentifier.byCode("10").maxLength()).isEqualTo(Gs1Text.MAX_LENGTH);
        assertThat(ApplicationIdentifier.byCode("21").maxLength()).isEqualTo(Gs1Text.MAX_LENGTH);
        assertThat(ApplicationIdentifier.byCode("10").field()).isEqualTo(Gs1Field.LOT);
        assertThat(ApplicationIdentifier.byCode("21").field()).isEqualTo(Gs1Field.SERIAL);
    }

    @Test
    void findsTheAiAtAPosition() {
        assertThat(ApplicationIdentifier.at("xx3103000750", 2).code()).isEqualTo("3103");
        assertThat(ApplicationIdentifier.at("414", 0).code()).isEqualTo("414");
        assertThat(ApplicationIdentifier.at("55", 0)).isNull();
        assertThat(ApplicationIdentifier.at("8", 0)).isNull();
    }
}
