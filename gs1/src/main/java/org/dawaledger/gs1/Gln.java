/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * A Global Location Number: 13 digits identifying a party or place, such as a pharmacy or a warehouse, with a GS1
 * mod-10 check digit.
 */
public final class Gln {
    /** Digits in a GLN. */
    public static final int LENGTH = 13;

    private final String value;

    private Gln(final String value) {
        this.value = value;
    }

    /**
     * Parses a GLN.
     * @param text exactly 13 ASCII digits, the last being the check digit.
     * @return the GLN.
     * @throws Gs1FormatException with field {@link Gs1Field#GLN} if {@code text} is null or empty, contains a
     * character other than 0–9, is not 13 digits long, or its check digit is wrong.
     */
    public static Gln parse(final String text) {
        final String problem = problem(text);
        if (problem != null) {
            throw new Gs1FormatException(Gs1Field.GLN, problem);
        }
        return new Gln(text);
    }

    /**
     * Whether {@link #parse(String)} would accept the text.
     * @param text candidate GLN; may be null.
     * @return true if it is 13 digits with a correct check digit.
     */
    public static boolean isValid(final String text) {
        return problem(text) == null;
    }

    private static String problem(final String text) {
        if (text == null) {
            return "GLN is missing";
        }
        if (text.isEmpty()) {
            return "GLN is empty";
        }
        final int bad = Gs1Chars.firstNonDigit(text);
        if (bad >= 0) {
            return "GLN contains " + Gs1Chars.describe(text, bad) + " at position " + (bad + 1)
                    + "; only digits 0-9 are allowed";
        }
        // Unlike a GTIN, GS1 defines no shorter form of a GLN, so there is nothing to pad
        if (text.length() != LENGTH) {
            return "GLN has " + text.length() + " digits; expected 13";
        }
        return Gtin.checkDigitProblem("GLN", text);
    }

    /**
     * The GLN's 13 digits.
     * @return 13 ASCII digits.
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Gln && value.equals(((Gln) other).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The 13 digits, as {@link #value()}.
     * @return 13 ASCII digits.
     */
    @Override
    public String toString() {
        return value;
    }
}
