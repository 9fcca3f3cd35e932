/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtinTest {
    @Test
    void acceptsAGtin14WithACorrectCheckDigit() {
        assertThat(Gtin.parse("09506000134352").value()).isEqualTo("09506000134352");
    }

    @Test
    void padsAGtin13To14Digits() {
        assertThat(Gtin.parse("9506000134352").value()).isEqualTo("09506000134352");
    }

    @ParameterizedTest
    @CsvSource({
            "96385074, 00000096385074",
            "036000291452, 00036000291452",
            "4006381333931, 04006381333931",
            "10614141000019, 10614141000019",
    })
    void padsEveryShorterGtinFormTo14Digits(final String text, final String expected) {
        assertThat(Gtin.parse(text).value()).isEqualTo(expected);
    }

    @Test
    void treatsTheGtin13AndItsGtin14FormAsTheSameGtin() {
        final Gtin gtin13 = Gtin.parse("9506000134352");
        final Gtin gtin14 = Gtin.parse("09506000134352");

        assertThat(gtin13).isEqualTo(gtin14).hasSameHashCodeAs(gtin14);
    }

    @Test
    void doesNotEqualADifferentGtinOrAnotherType() {
        final Gtin gtin = Gtin.parse("09506000134352");

        assertThat(gtin).isNotEqualTo(Gtin.parse("04006381333931"))
                .isNotEqualTo("09506000134352")
                .isNotEqualTo(null);
    }

    @Test
    void printsAs14Digits() {
        assertThat(Gtin.parse("9506000134352")).hasToString("09506000134352");
    }

    @Test
    void givesTheDigitsBeforeTheCheckDigitAsCompanyPrefixAndItem() {
        assertThat(Gtin.parse("09506000134352").companyPrefixAndItem()).isEqualTo("0950600013435");
    }

    @Test
    void rejectsAGtinWhoseCheckDigitIsWrong() {
        assertThatThrownBy(() -> Gtin.parse("09506000134353"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN check digit is 3, expected 2")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.GTIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"96385075", "036000291453", "4006381333930", "10614141000018"})
    void rejectsAWrongCheckDigitInEveryLength(final String text) {
        assertThatThrownBy(() -> Gtin.parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("check digit is");
    }

    @Test
    void rejectsTwoSwappedDigitsThatTheCheckDigitCatches() {
        // 0950600013435 2 with the 4 and 3 swapped: a typical keying error
        assertThatThrownBy(() -> Gtin.parse("09506000133452"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("check digit");
    }

    @Test
    void rejectsAMissingGtin() {
        assertThatThrownBy(() -> Gtin.parse(null))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN is missing");
    }

    @Test
    void rejectsAnEmptyGtin() {
        assertThatThrownBy(() -> Gtin.parse(""))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0950600013435A|'A' at position 14",
            "O9506000134352|'O' at position 1",
            "09506 00134352|space (U+0020) at position 6",
            "0950600013435-|'-' at position 14",
            "\" 09506000134352\"|space (U+0020) at position 1",
    })
    void rejectsAGtinContainingANonDigitAndSaysWhereItIs(final String text, final String where) {
        assertThatThrownBy(() -> Gtin.parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN contains " + where + "; only digits 0-9 are allowed");
    }

    @Test
    void rejectsDigitsFromOtherScriptsThatJavaCountsAsDigits() {
        // Arabic-Indic digits: Character.isDigit says yes, GS1 says no
        assertThatThrownBy(() -> Gtin.parse("\u0660\u0669\u0665\u0660\u0666\u0660\u0660\u0660\u0661\u0663\u0664\u0663\u0665\u0662"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("U+0660")
                .hasMessageContaining("position 1");
    }

    @Test
    void rejectsATrailingGsSeparatorInAGtin() {
        assertThatThrownBy(() -> Gtin.parse("09506000134352\u001D"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("GS (U+001D) at position 15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1234567", "123456789", "12345678901", "123456789012345", "095060001343520"})
    void rejectsAGtinOfAnyOtherLength(final String text) {
        assertThatThrownBy(() -> Gtin.parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN has " + text.length() + " digits; expected 8, 12, 13 or 14");
    }

    @Test
    void saysWhetherTextIsAValidGtin() {
        assertThat(Gtin.isValid("09506000134352")).isTrue();
        assertThat(Gtin.isValid("9506000134352")).isTrue();
        assertThat(Gtin.isValid("09506000134353")).isFalse();
        assertThat(Gtin.isValid("0950600013435A")).isFalse();
        assertThat(Gtin.isValid("950600013435")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void saysThatNothingIsNotAValidGtin(final String text) {
        assertThat(Gtin.isValid(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "0950600013435, 2",
            "950600013435, 2",
            "9638507, 4",
            "03600029145, 2",
            "400638133393, 1",
            "950110102001, 6",
            "1061414100001, 9",
            "1, 7",
            "0000000, 0",
            "12345678901234567, 5",
    })
    void computesTheMod10CheckDigitForAnyLength(final String digits, final int expected) {
        assertThat(Gtin.checkDigit(digits)).isEqualTo(expected);
    }

    @Test
    void computesACheckDigitThatIsUnchangedByLeadingZeros() {
        assertThat(Gtin.checkDigit("000950600013435")).isEqualTo(Gtin.checkDigit("950600013435"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesToComputeACheckDigitOfNothing(final String digits) {
        assertThatThrownBy(() -> Gtin.checkDigit(digits))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("no digits to compute a check digit for");
    }

    @Test
    void refusesToComputeACheckDigitOfNonDigits() {
        assertThatThrownBy(() -> Gtin.checkDigit("12a4"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("cannot compute a check digit: 'a' at position 3 is not a digit");
    }
}
