/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * A GS1 Company Prefix: the 4 to 12 digits GS1 allocates to one company, under which it alone numbers its trade
 * items. A U.P.C. Company Prefix is written here as GS1 writes it in a GTIN-13, with its leading zero.
 */
public final class CompanyPrefix {
    /** Fewest digits GS1 allocates. */
    public static final int MIN_LENGTH = 4;
    /** Most digits GS1 allocates: a 12-digit prefix leaves a one-digit item reference. */
    public static final int MAX_LENGTH = 12;

    private final String value;

    private CompanyPrefix(final String value) {
        this.value = value;
    }

    /**
     * Parses a GS1 Company Prefix.
     * @param text 4 to 12 ASCII digits.
     * @return the prefix.
     * @throws Gs1FormatException with field {@link Gs1Field#COMPANY_PREFIX} if {@code text} is null or empty,
     * contains a character other than 0–9, or has fewer than 4 or more than 12 digits.
     */
    public static CompanyPrefix parse(final String text) {
        if (text == null || text.isEmpty()) {
            throw new Gs1FormatException(Gs1Field.COMPANY_PREFIX, "GS1 company prefix is missing");
        }
        final int bad = Gs1Chars.firstNonDigit(text);
        if (bad >= 0) {
            throw new Gs1FormatException(Gs1Field.COMPANY_PREFIX, "GS1 company prefix contains "
                    + Gs1Chars.describe(text, bad) + " at position " + (bad + 1) + "; only digits 0-9 are allowed");
        }
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            throw new Gs1FormatException(Gs1Field.COMPANY_PREFIX, "GS1 company prefix has " + text.length()
                    + " digits; expected " + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        return new CompanyPrefix(text);
    }

    /**
     * Whether the GTIN was numbered under this prefix: its digits after the indicator digit start with the prefix.
     * @param gtin any GTIN; GTIN-8/12/13 compare in their 14-digit form, whose indicator digit is 0.
     * @return true if the prefix is the GTIN's company prefix, or a leading part of it.
     */
    public boolean numbers(final Gtin gtin) {
        return gtin.value().startsWith(value, 1);
    }

    /**
     * Whether one of the two prefixes starts with the other, so that some GTINs fall under both. GS1 never allocates
     * such a pair to two companies.
     * @param other another prefix.
     * @return true if they overlap (equal prefixes do).
     */
    public boolean overlaps(final CompanyPrefix other) {
        return value.startsWith(other.value) || other.value.startsWith(value);
    }

    /**
     * The prefix's digits.
     * @return 4 to 12 ASCII digits.
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof CompanyPrefix && value.equals(((CompanyPrefix) other).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The digits, as {@link #value()}.
     * @return 4 to 12 ASCII digits.
     */
    @Override
    public String toString() {
        return value;
    }
}
