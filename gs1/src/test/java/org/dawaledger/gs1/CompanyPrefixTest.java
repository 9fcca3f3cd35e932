/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyPrefixTest {
    @ParameterizedTest
    @ValueSource(strings = {"8961", "896123", "8961234567", "061414100001"})
    void acceptsFourToTwelveDigits(final String text) {
        assertThat(CompanyPrefix.parse(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"896", "8961234567890", "89612a", "８９６１２３", " 896123", "896-123"})
    void refusesAnythingElse(final String text) {
        assertThatThrownBy(() -> CompanyPrefix.parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.COMPANY_PREFIX);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAMissingPrefix(final String text) {
        assertThatThrownBy(() -> CompanyPrefix.parse(text)).hasMessage("GS1 company prefix is missing");
    }

    @Test
    void numbersTheGtinsWhoseDigitsAfterTheIndicatorStartWithIt() {
        final CompanyPrefix prefix = CompanyPrefix.parse("8961234");

        assertThat(prefix.numbers(Gtin.parse("8961234000018"))).as("GTIN-13").isTrue();
        assertThat(prefix.numbers(Gtin.parse("18961234000015"))).as("GTIN-14, indicator 1").isTrue();
        assertThat(prefix.numbers(Gtin.parse("8961235000017"))).isFalse();
    }

    @Test
    void aUpcCompanyPrefixWithItsLeadingZeroNumbersGtin12s() {
        assertThat(CompanyPrefix.parse("0614141").numbers(Gtin.parse("614141000036"))).isTrue();
    }

    @Test
    void prefixesOverlapWhenOneStartsWithTheOther() {
        final CompanyPrefix short4 = CompanyPrefix.parse("8961");

        assertThat(short4.overlaps(CompanyPrefix.parse("8961234"))).isTrue();
        assertThat(CompanyPrefix.parse("8961234").overlaps(short4)).isTrue();
        assertThat(short4.overlaps(short4)).isTrue();
        assertThat(short4.overlaps(CompanyPrefix.parse("8962"))).isFalse();
    }

    @Test
    void isEqualToTheSameDigitsOnly() {
        assertThat(CompanyPrefix.parse("896123")).isEqualTo(CompanyPrefix.parse("896123"))
                .hasSameHashCodeAs(CompanyPrefix.parse("896123")).isNotEqualTo(CompanyPrefix.parse("8961230"))
                .hasToString("896123");
    }
}
