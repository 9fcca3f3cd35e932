/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * GS1 AI 17 expiry. Day 00 means the last day of that month.
 * <p>Two expiry dates are equal when they resolve to the same {@link #lastDay()}, so {@code 270600} and
 * {@code 270630} match: both say the pack may be used until 30 June 2027.</p>
 * <p>Nothing here reads a clock. The century of a two-digit year is resolved against a reference year that the caller
 * passes in, so that every endorsing peer computes the same date.</p>
 */
public final class ExpiryDate {
    /**
     * Lowest reference year accepted by {@link #parse(String, int)}: any earlier and {@code YY} could resolve to a year
     * before 1000.
     */
    public static final int MIN_REFERENCE_YEAR = 1050;
    /**
     * Highest reference year accepted by {@link #parse(String, int)}: any later and {@code YY} could resolve to a year
     * after 9999.
     */
    public static final int MAX_REFERENCE_YEAR = 9949;

    private final LocalDate lastDay;
    private final String yymmdd;
    private final boolean dayUnspecified;

    private ExpiryDate(final LocalDate lastDay, final String yymmdd, final boolean dayUnspecified) {
        this.lastDay = lastDay;
        this.yymmdd = yymmdd;
        this.dayUnspecified = dayUnspecified;
    }

    /**
     * Parses an expiry date in GS1 form {@code YYMMDD} or ISO form {@code YYYY-MM-DD}.
     * <p>For {@code YYMMDD} the century follows GS1 General Specifications §7.12: with the two-digit year YY and the
     * last two digits CC of the reference year, if YY − CC is 51 to 99 the year is in the previous century, if −99 to
     * −50 in the next century, otherwise in the reference year's century. Day 00 means the last day of the month.</p>
     * <p>The ISO form is a complete date: day 00 is not allowed in it, and the reference year is not used.</p>
     * @param text six digits {@code YYMMDD}, or ten characters {@code YYYY-MM-DD}.
     * @param referenceYear the year the date is read in, e.g. from the transaction timestamp; 1050–9949.
     * @return the expiry date.
     * @throws Gs1FormatException with field {@link Gs1Field#EXPIRY} if {@code text} is null, has another length,
     * has a non-digit where a digit belongs, has month 00 or above 12, or has a day that the month does not have
     * (29 February only in leap years; day 00 only in the {@code YYMMDD} form).
     * @throws Gs1FormatException with field {@link Gs1Field#REFERENCE_YEAR} if {@code referenceYear} is outside
     * 1050–9949, where two-digit years would resolve to years without four digits; it is checked first.
     */
    public static ExpiryDate parse(final String text, final int referenceYear) {
        checkReferenceYear(referenceYear);
        if (text == null) {
            throw invalid("expiry date is missing");
        }
        if (text.length() == 10) {
            return parseIso(text);
        }
        if (text.length() == 6) {
            return parseYymmdd(text, referenceYear);
        }
        throw invalid("expiry date must be YYMMDD (6 digits) or YYYY-MM-DD (10 characters), but "
                + Gs1Chars.quote(text) + " has " + text.length() + " characters");
    }

    /**
     * Parses only the GS1 form {@code YYMMDD}, as AI 17 carries it in an element string.
     * @throws Gs1FormatException as {@link #parse(String, int)}, and for the ISO form.
     */
    static ExpiryDate parseYymmdd(final String text, final int referenceYear) {
        checkReferenceYear(referenceYear);
        if (text == null) {
            throw invalid("expiry date is missing");
        }
        if (text.length() != 6) {
            throw invalid("expiry date (AI 17) must be 6 digits YYMMDD, but " + Gs1Chars.quote(text) + " has "
                    + text.length() + " characters");
        }
        requireDigits(text, 0, 6, "YYMMDD");
        final int yy = number(text, 0, 2);
        final int month = number(text, 2, 4);
        final int day = number(text, 4, 6);
        final int year = resolveCentury(yy, referenceYear);
        final YearMonth yearMonth = yearMonth(year, month, text);
        if (day == 0) {
            return new ExpiryDate(yearMonth.atEndOfMonth(), text, true);
        }
        return new ExpiryDate(date(yearMonth, day, text), text, false);
    }

    private static ExpiryDate parseIso(final String text) {
        requireDigits(text, 0, 4, "YYYY-MM-DD");
        requireDash(text, 4);
        requireDigits(text, 5, 7, "YYYY-MM-DD");
        requireDash(text, 7);
        requireDigits(text, 8, 10, "YYYY-MM-DD");
        final YearMonth yearMonth = yearMonth(number(text, 0, 4), number(text, 5, 7), text);
        final int day = number(text, 8, 10);
        if (day == 0) {
            throw invalid("expiry day 00 (last day of the month) is only allowed in the GS1 form YYMMDD, not in "
                    + Gs1Chars.quote(text));
        }
        return of(date(yearMonth, day, text));
    }

    /**
     * An expiry date from a complete calendar date, whose day is therefore never unspecified.
     * @param lastDay the last day the pack may be used.
     * @return the expiry date; its {@link #yymmdd()} is the date in six digits.
     * @throws NullPointerException if {@code lastDay} is null.
     */
    public static ExpiryDate of(final LocalDate lastDay) {
        Objects.requireNonNull(lastDay, "lastDay");
        final String yymmdd = twoDigits(Math.floorMod(lastDay.getYear(), 100))
                + twoDigits(lastDay.getMonthValue()) + twoDigits(lastDay.getDayOfMonth());
        return new ExpiryDate(lastDay, yymmdd, false);
    }

    /** GS1 General Specifications §7.12: a sliding window of 49 years ahead and 50 behind the reference year. */
    private static int resolveCentury(final int yy, final int referenceYear) {
        final int cc = referenceYear % 100;
        final int century = referenceYear - cc;
        final int difference = yy - cc;
        if (difference >= 51) {
            return century - 100 + yy;
        }
        if (difference <= -50) {
            return century + 100 + yy;
        }
        return century + yy;
    }

    /** @throws Gs1FormatException with field {@link Gs1Field#REFERENCE_YEAR} if it is out of range. */
    static void checkReferenceYear(final int referenceYear) {
        if (referenceYear < MIN_REFERENCE_YEAR || referenceYear > MAX_REFERENCE_YEAR) {
            throw new Gs1FormatException(Gs1Field.REFERENCE_YEAR, "reference year " + referenceYear + " is outside "
                    + MIN_REFERENCE_YEAR + "-" + MAX_REFERENCE_YEAR);
        }
    }

    private static YearMonth yearMonth(final int year, final int month, final String text) {
        if (month < 1 || month > 12) {
            throw invalid("expiry month " + twoDigits(month) + " in " + Gs1Chars.quote(text)
                    + " is not a month; expected 01-12");
        }
        return YearMonth.of(year, month);
    }

    private static LocalDate date(final YearMonth yearMonth, final int day, final String text) {
        if (day > yearMonth.lengthOfMonth()) {
            throw invalid("expiry day " + twoDigits(day) + " in " + Gs1Chars.quote(text) + " does not exist: "
                    + yearMonth + " has " + yearMonth.lengthOfMonth() + " days");
        }
        return yearMonth.atDay(day);
    }

    private static void requireDigits(final String text, final int from, final int to, final String form) {
        for (int i = from; i < to; i++) {
            if (!Gs1Chars.isDigit(text.charAt(i))) {
                throw invalid("expiry date " + Gs1Chars.quote(text) + " has " + Gs1Chars.describe(text, i)
                        + " at position " + (i + 1) + " where " + form + " needs a digit");
            }
        }
    }

    private static void requireDash(final String text, final int index) {
        if (text.charAt(index) != '-') {
            throw invalid("expiry date " + Gs1Chars.quote(text) + " has " + Gs1Chars.describe(text, index)
                    + " at position " + (index + 1) + " where YYYY-MM-DD needs '-'");
        }
    }

    private static int number(final String digits, final int from, final int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            result = result * 10 + digits.charAt(i) - '0';
        }
        return result;
    }

    private static String twoDigits(final int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static Gs1FormatException invalid(final String message) {
        return new Gs1FormatException(Gs1Field.EXPIRY, message);
    }

    /**
     * The last day the pack may be used: the date given, or for day 00 the last day of that month.
     * @return a date.
     */
    public LocalDate lastDay() {
        return lastDay;
    }

    /**
     * The GS1 six-digit form, as given: {@code "270600"} stays {@code "270600"}. For an expiry date made by
     * {@link #of(LocalDate)} or parsed from ISO form, the date in six digits.
     * @return six ASCII digits.
     */
    public String yymmdd() {
        return yymmdd;
    }

    /**
     * Whether the date was given with day 00, meaning the end of the month.
     * @return true if the day was 00.
     */
    public boolean dayUnspecified() {
        return dayUnspecified;
    }

    /**
     * Whether two expiry dates allow use until the same day, however each was written.
     * @param other another expiry date.
     * @return true if both have the same {@link #lastDay()}.
     * @throws NullPointerException if {@code other} is null.
     */
    public boolean matches(final ExpiryDate other) {
        return lastDay.equals(other.lastDay);
    }

    /**
     * Whether a pack with this expiry date may no longer be used on the given day. It may still be used on
     * {@link #lastDay()} itself.
     * @param day the day of use, e.g. from the transaction timestamp.
     * @return true if {@code day} is after {@link #lastDay()}.
     * @throws NullPointerException if {@code day} is null.
     */
    public boolean isExpiredOn(final LocalDate day) {
        return day.isAfter(lastDay);
    }

    /**
     * The last day in ISO form.
     * @return {@code lastDay().toString()}, e.g. {@code "2027-06-30"}.
     */
    public String toIsoString() {
        return lastDay.toString();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ExpiryDate && lastDay.equals(((ExpiryDate) other).lastDay);
    }

    @Override
    public int hashCode() {
        return lastDay.hashCode();
    }

    /**
     * The last day in ISO form, as {@link #toIsoString()}.
     * @return e.g. {@code "2027-06-30"}.
     */
    @Override
    public String toString() {
        return toIsoString();
    }
}
