/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * A Global Trade Item Number (GS1 AI 01), always held in its 14-digit form.
 * <p>GTIN-8, GTIN-12 and GTIN-13 are left-padded with zeros to 14 digits, which GS1 defines as the same number, so
 * two reads of one product compare equal whichever form the label or scanner used.</p>
 */
public final class Gtin {
    /** Digits in the normalised form. */
    public static final int LENGTH = 14;

    private final String value;

    private Gtin(final String value) {
        this.value = value;
    }

    /**
     * Parses a GTIN-8, GTIN-12, GTIN-13 or GTIN-14.
     * @param text 8, 12, 13 or 14 ASCII digits, the last being the check digit. No spaces or separators.
     * @return the GTIN in 14-digit form.
     * @throws Gs1FormatException with field {@link Gs1Field#GTIN} if {@code text} is null or empty, contains a
     * character other than 0–9, has another length, or its check digit is wrong.
     */
    public static Gtin parse(final String text) {
        final String problem = problem(text);
        if (problem != null) {
            throw new Gs1FormatException(Gs1Field.GTIN, problem);
        }
        return new Gtin(padTo14(text));
    }

    /**
     * Whether {@link #parse(String)} would accept the text.
     * @param text candidate GTIN; may be null.
     * @return true if it is a well-formed GTIN with a correct check digit.
     */
    public static boolean isValid(final String text) {
        return problem(text) == null;
    }

    /**
     * Computes the GS1 mod-10 check digit: weights 3, 1, 3, 1… from the rightmost digit, and the digit that brings
     * the weighted sum up to a multiple of ten. The same algorithm serves GTINs of every length, GLNs and SSCCs.
     * @param digitsWithoutCheckDigit one or more ASCII digits.
     * @return the check digit, 0–9.
     * @throws Gs1FormatException with field {@link Gs1Field#GTIN} if the argument is null, empty or contains a
     * character other than 0–9.
     */
    public static int checkDigit(final String digitsWithoutCheckDigit) {
        if (digitsWithoutCheckDigit == null || digitsWithoutCheckDigit.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.GTIN, "no digits to compute a check digit for");
        }
        final int bad = Gs1Chars.firstNonDigit(digitsWithoutCheckDigit);
        if (bad >= 0) {
            throw new Gs1FormatException(Gs1Field.GTIN, "cannot compute a check digit: "
                    + Gs1Chars.describe(digitsWithoutCheckDigit, bad) + " at position " + (bad + 1)
                    + " is not a digit");
        }
        return Gs1Chars.mod10(digitsWithoutCheckDigit);
    }

    private static String problem(final String text) {
        if (text == null) {
            return "GTIN is missing";
        }
        if (text.isEmpty()) {
            return "GTIN is empty";
        }
        final int bad = Gs1Chars.firstNonDigit(text);
        if (bad >= 0) {
            return "GTIN contains " + Gs1Chars.describe(text, bad) + " at position " + (bad + 1)
                    + "; only digits 0-9 are allowed";
        }
        final int length = text.length();
        if (length != 8 && length != 12 && length != 13 && length != LENGTH) {
            return "GTIN has " + length + " digits; expected 8, 12, 13 or 14";
        }
        return checkDigitProblem("GTIN", text);
    }

    /** Shared with {@link Gln}: the message the brief asks for, e.g. "GTIN check digit is 3, expected 5". */
    static String checkDigitProblem(final String name, final String digits) {
        final int actual = digits.charAt(digits.length() - 1) - '0';
        final int expected = Gs1Chars.mod10(digits.substring(0, digits.length() - 1));
        return actual == expected ? null : name + " check digit is " + actual + ", expected " + expected;
    }

    private static String padTo14(final String digits) {
        return "0".repeat(LENGTH - digits.length()) + digits;
    }

    /**
     * The GTIN as 14 digits, including leading zeros and the check digit.
     * @return 14 ASCII digits.
     */
    public String value() {
        return value;
    }

    /**
     * The first 13 digits: indicator digit, GS1 company prefix and item reference, without the check digit. The
     * boundary between company prefix and item reference depends on the prefix's length, which only GS1 knows.
     * @return 13 ASCII digits.
     */
    public String companyPrefixAndItem() {
        return value.substring(0, LENGTH - 1);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Gtin && value.equals(((Gtin) other).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The 14 digits, as {@link #value()}.
     * @return 14 ASCII digits.
     */
    @Override
    public String toString() {
        return value;
    }
}
