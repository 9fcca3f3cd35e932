/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryDateTest {
    private static final int REFERENCE_YEAR = 2026;

    private static ExpiryDate parse(final String text) {
        return ExpiryDate.parse(text, REFERENCE_YEAR);
    }

    @Test
    void readsAFullGs1Date() {
        final ExpiryDate expiry = parse("270615");

        assertThat(expiry.lastDay()).isEqualTo(LocalDate.of(2027, 6, 15));
        assertThat(expiry.yymmdd()).isEqualTo("270615");
        assertThat(expiry.dayUnspecified()).isFalse();
        assertThat(expiry.toIsoString()).isEqualTo("2027-06-15");
    }

    @Test
    void readsDay00AsTheLastDayOfTheMonth() {
        final ExpiryDate expiry = parse("270600");

        assertThat(expiry.lastDay()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(expiry.dayUnspecified()).isTrue();
        assertThat(expiry.toIsoString()).isEqualTo("2027-06-30");
    }

    @Test
    void keepsTheGs1FormAsGivenWhenTheDayIsUnspecified() {
        assertThat(parse("270600").yymmdd()).isEqualTo("270600");
    }

    @Test
    void readsDay00OfFebruaryInALeapYearAsThe29th() {
        assertThat(parse("240200").lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void readsDay00OfFebruaryInACommonYearAsThe28th() {
        assertThat(parse("250200").lastDay()).isEqualTo(LocalDate.of(2025, 2, 28));
    }

    @ParameterizedTest
    @CsvSource({
            "270100, 2027-01-31",
            "270400, 2027-04-30",
            "271200, 2027-12-31",
            "000200, 2000-02-29",
    })
    void readsDay00AsTheLastDayOfEveryKindOfMonth(final String text, final LocalDate expected) {
        assertThat(parse(text).lastDay()).isEqualTo(expected);
    }

    @Test
    void accepts29FebruaryInALeapYear() {
        assertThat(parse("240229").lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void rejects29FebruaryInACommonYear() {
        assertThatThrownBy(() -> parse("250229"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry day 29 in '250229' does not exist: 2025-02 has 28 days")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.EXPIRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"270631", "270432", "270230", "270132", "271232", "270999", "270931"})
    void rejectsADayTheMonthDoesNotHave(final String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void acceptsTheLastRealDayOfEachMonth() {
        assertThat(parse("270131").lastDay()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(parse("270430").lastDay()).isEqualTo(LocalDate.of(2027, 4, 30));
        assertThat(parse("271231").lastDay()).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"270015", "270000", "271315", "279915"})
    void rejectsAMonthThatIsNot01To12(final String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry month " + text.substring(2, 4) + " in '" + text
                        + "' is not a month; expected 01-12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2706", "27060", "2706000", "20270630", "2027-6-30", "2027-06-300"})
    void rejectsAnyOtherLength(final String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageStartingWith("expiry date must be YYMMDD (6 digits) or YYYY-MM-DD (10 characters)")
                .hasMessageEndingWith(" has " + text.length() + " characters");
    }

    @Test
    void rejectsAMissingExpiryDate() {
        assertThatThrownBy(() -> parse(null))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry date is missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "27O600|'O' at position 3",
            "2706 0|space (U+0020) at position 5",
            "-70600|'-' at position 1",
            "27060١|'١' (U+0661) at position 6",
    })
    void rejectsANonDigitInTheGs1Form(final String text, final String where) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining(where)
                .hasMessageEndingWith("where YYMMDD needs a digit");
    }

    @Test
    void acceptsAnIsoDate() {
        final ExpiryDate expiry = parse("2027-06-30");

        assertThat(expiry.lastDay()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(expiry.dayUnspecified()).isFalse();
        assertThat(expiry.yymmdd()).isEqualTo("270630");
    }

    @Test
    void ignoresTheReferenceYearForAnIsoDate() {
        assertThat(ExpiryDate.parse("1990-01-31", 2026).lastDay()).isEqualTo(LocalDate.of(1990, 1, 31));
        assertThat(ExpiryDate.parse("2190-01-31", 2026).lastDay()).isEqualTo(LocalDate.of(2190, 1, 31));
    }

    @Test
    void rejectsDay00InAnIsoDate() {
        assertThatThrownBy(() -> parse("2027-06-00"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry day 00 (last day of the month) is only allowed in the GS1 form YYMMDD, not in "
                        + "'2027-06-00'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-00-15", "2027-13-01"})
    void rejectsABadMonthInAnIsoDate(final String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("is not a month");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29", "2027-06-31", "2027-01-32"})
    void rejectsABadDayInAnIsoDate(final String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void accepts29FebruaryInAnIsoLeapYearIncludingA400thYear() {
        assertThat(parse("2000-02-29").lastDay()).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(parse("2024-02-29").lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void rejects29FebruaryInACenturyYearThatIsNotALeapYear() {
        assertThatThrownBy(() -> parse("2100-02-29")).isInstanceOf(Gs1FormatException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2027/06/30|'/' at position 5 where YYYY-MM-DD needs '-'",
            "2027-06/30|'/' at position 8 where YYYY-MM-DD needs '-'",
            "20270-6-30|'0' at position 5 where YYYY-MM-DD needs '-'",
            "2027-0a-30|'a' at position 7 where YYYY-MM-DD needs a digit",
            "２027-06-30|'２' (U+FF12) at position 1 where YYYY-MM-DD needs a digit",
            "30-06-2027|'-' at position 3 where YYYY-MM-DD needs a digit",
    })
    void rejectsAMalformedIsoDate(final String text, final String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageEndingWith(problem);
    }

    @ParameterizedTest
    @CsvSource({
            // YY - CC for reference year 2026 (CC = 26)
            "990101, 1999-01-01", // 73: previous century
            "770101, 1977-01-01", // 51: previous century
            "760101, 2076-01-01", // 50: same century
            "750101, 2075-01-01", // 49
            "260101, 2026-01-01", // 0
            "000101, 2000-01-01", // -26
    })
    void resolvesTheCenturyBySlidingWindowAroundTheReferenceYear(final String text, final LocalDate expected) {
        assertThat(ExpiryDate.parse(text, 2026).lastDay()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2080, 300101, 2130-01-01", // 30 - 80 = -50: next century
            "2080, 310101, 2031-01-01", // -49: same century
            "2080, 290101, 2129-01-01", // -51
            "2099, 000101, 2100-01-01", // -99: next century
            "2099, 490101, 2149-01-01", // -50: next century
            "2099, 500101, 2050-01-01", // -49: same century
            "2000, 500101, 2050-01-01", // 50: same century
            "2000, 510101, 1951-01-01", // 51: previous century
            "2000, 990101, 1999-01-01", // 99: previous century
            "2050, 000101, 2100-01-01", // -50: next century
            "2050, 010101, 2001-01-01", // -49: same century
    })
    void resolvesTheCenturyAtEveryEdgeOfTheWindow(final int referenceYear, final String text,
            final LocalDate expected) {
        assertThat(ExpiryDate.parse(text, referenceYear).lastDay()).isEqualTo(expected);
    }

    @Test
    void appliesLeapYearRulesToTheResolvedCentury() {
        // 00 resolves to 2000 (a leap year) in 2026 but to 2100 (not one) in 2080
        assertThat(ExpiryDate.parse("000229", 2026).lastDay()).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThatThrownBy(() -> ExpiryDate.parse("000229", 2080))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("2100-02 has 28 days");
        assertThat(ExpiryDate.parse("000200", 2080).lastDay()).isEqualTo(LocalDate.of(2100, 2, 28));
    }

    @Test
    void givesTheSameDateEveryTimeForTheSameReferenceYear() {
        assertThat(ExpiryDate.parse("770101", 2026)).isEqualTo(ExpiryDate.parse("770101", 2026));
        assertThat(ExpiryDate.parse("770101", 2026)).isNotEqualTo(ExpiryDate.parse("770101", 2027));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 26, 999, 1000, 1049, 9950, 9999, 10000, Integer.MAX_VALUE})
    void rejectsAReferenceYearOutsideTheSupportedRangeWithATypedErrorNamingIt(final int referenceYear) {
        assertThatThrownBy(() -> ExpiryDate.parse("270600", referenceYear))
                .isExactlyInstanceOf(Gs1FormatException.class)
                .hasMessage("reference year " + referenceYear + " is outside 1050-9949")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.REFERENCE_YEAR);
    }

    @Test
    void acceptsTheReferenceYearsAtTheEndsOfTheRange() {
        // The earliest and latest years either end of the range can resolve to still have four digits
        assertThat(ExpiryDate.parse("010101", 1050).lastDay()).isEqualTo(LocalDate.of(1001, 1, 1));
        assertThat(ExpiryDate.parse("000101", 1050).lastDay()).isEqualTo(LocalDate.of(1100, 1, 1));
        assertThat(ExpiryDate.parse("991231", 9949).lastDay()).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(ExpiryDate.parse("000101", 9949).lastDay()).isEqualTo(LocalDate.of(9900, 1, 1));
    }

    @Test
    void makesAnExpiryDateFromACalendarDate() {
        final ExpiryDate expiry = ExpiryDate.of(LocalDate.of(2027, 6, 30));

        assertThat(expiry.lastDay()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(expiry.yymmdd()).isEqualTo("270630");
        assertThat(expiry.dayUnspecified()).isFalse();
    }

    @Test
    void padsTheSixDigitFormOfACalendarDate() {
        assertThat(ExpiryDate.of(LocalDate.of(2003, 1, 5)).yymmdd()).isEqualTo("030105");
        assertThat(ExpiryDate.of(LocalDate.of(1900, 10, 10)).yymmdd()).isEqualTo("001010");
    }

    @Test
    void refusesToMakeAnExpiryDateFromNothing() {
        assertThatThrownBy(() -> ExpiryDate.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void matchesAnExpiryDateWithTheSameLastDayHoweverItWasWritten() {
        final ExpiryDate dayUnspecified = parse("270600");
        final ExpiryDate lastDayGiven = parse("270630");
        final ExpiryDate iso = parse("2027-06-30");
        final ExpiryDate calendar = ExpiryDate.of(LocalDate.of(2027, 6, 30));

        assertThat(dayUnspecified.matches(lastDayGiven)).isTrue();
        assertThat(dayUnspecified.matches(iso)).isTrue();
        assertThat(iso.matches(calendar)).isTrue();
        assertThat(dayUnspecified).isEqualTo(lastDayGiven).isEqualTo(iso).isEqualTo(calendar)
                .hasSameHashCodeAs(calendar);
    }

    @Test
    void keepsTheFormGivenEvenWhenEqualToAnotherForm() {
        assertThat(parse("270600").yymmdd()).isEqualTo("270600");
        assertThat(parse("270630").yymmdd()).isEqualTo("270630");
    }

    @Test
    void doesNotMatchADifferentDay() {
        assertThat(parse("270600").matches(parse("270629"))).isFalse();
        assertThat(parse("270600")).isNotEqualTo(parse("270629")).isNotEqualTo("2027-06-30").isNotEqualTo(null);
    }

    @Test
    void isUsableUntilAndIncludingItsLastDay() {
        final ExpiryDate expiry = parse("270600");

        assertThat(expiry.isExpiredOn(LocalDate.of(2027, 6, 29))).isFalse();
        assertThat(expiry.isExpiredOn(LocalDate.of(2027, 6, 30))).isFalse();
        assertThat(expiry.isExpiredOn(LocalDate.of(2027, 7, 1))).isTrue();
    }

    @Test
    void printsAsTheIsoLastDay() {
        assertThat(parse("270600")).hasToString("2027-06-30");
    }
}
