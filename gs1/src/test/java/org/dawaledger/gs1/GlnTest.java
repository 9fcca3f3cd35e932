/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlnTest {
    @ParameterizedTest
    @ValueSource(strings = {"9501101020016", "5412345000013", "0614141000012", "4012345000009"})
    void acceptsAGlnWithACorrectCheckDigit(final String text) {
        assertThat(Gln.parse(text).value()).isEqualTo(text);
    }

    @Test
    void isEqualToTheSameGlnOnly() {
        assertThat(Gln.parse("9501101020016"))
                .isEqualTo(Gln.parse("9501101020016"))
                .hasSameHashCodeAs(Gln.parse("9501101020016"))
                .isNotEqualTo(Gln.parse("5412345000013"))
                .isNotEqualTo("9501101020016")
                .hasToString("9501101020016");
    }

    @Test
    void rejectsAGlnWhoseCheckDigitIsWrong() {
        assertThatThrownBy(() -> Gln.parse("9501101020017"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GLN check digit is 7, expected 6")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.GLN);
    }

    @Test
    void rejectsAMissingGln() {
        assertThatThrownBy(() -> Gln.parse(null))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GLN is missing");
    }

    @Test
    void rejectsAnEmptyGln() {
        assertThatThrownBy(() -> Gln.parse(""))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GLN is empty");
    }

    @Test
    void rejectsAGlnContainingANonDigit() {
        assertThatThrownBy(() -> Gln.parse("950110102001X"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GLN contains 'X' at position 13; only digits 0-9 are allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"950110102001", "09501101020016", "96385074", "1"})
    void rejectsAGlnThatIsNot13DigitsEvenIfItsCheckDigitWouldBeRight(final String text) {
        assertThatThrownBy(() -> Gln.parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GLN has " + text.length() + " digits; expected 13");
    }

    @Test
    void saysWhetherTextIsAValidGln() {
        assertThat(Gln.isValid("9501101020016")).isTrue();
        assertThat(Gln.isValid("9501101020017")).isFalse();
        assertThat(Gln.isValid("09501101020016")).isFalse();
        assertThat(Gln.isValid("95011010200I6")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void saysThatNothingIsNotAValidGln(final String text) {
        assertThat(Gln.isValid(text)).isFalse();
    }
}
