/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import java.util.ArrayList;
import java.util.List;
import org.dawaledger.gs1.Gs1Field;
import org.dawaledger.gs1.Gs1FormatException;

/**
 * A run of serials written {@code FROM..TO}: the same prefix, then a number counted up, e.g. {@code S0001..S0100}.
 * The number keeps as many digits as {@code FROM} has, so {@code 001..100} gives {@code 001}, {@code 002}, …
 */
public final class SerialRange {
    /** The most serials one range may give: a day's run of a packaging line, not a typing slip. */
    public static final int MAX_COUNT = 1_000_000;

    private SerialRange() {
    }

    /**
     * Expands a range.
     * @param range {@code FROM..TO}.
     * @return the serials from {@code FROM} to {@code TO}, both included.
     * @throws Gs1FormatException with field SERIAL if the text is not {@code FROM..TO}, the two ends do not both end
     * in digits after the same prefix, {@code TO} is before {@code FROM}, or the range has more than
     * {@link #MAX_COUNT} serials.
     */
    public static List<String> parse(final String range) {
        final int dots = range == null ? -1 : range.indexOf("..");
        if (dots <= 0 || dots + 2 >= range.length()) {
            throw invalid("serial range " + range + " is not of the form FROM..TO, e.g. S0001..S0100");
        }
        final String from = range.substring(0, dots);
        final String to = range.substring(dots + 2);
        final int fromDigits = digitsAtEnd(from);
        final int toDigits = digitsAtEnd(to);
        final String prefix = from.substring(0, from.length() - fromDigits);
        if (fromDigits == 0 || toDigits == 0 || !prefix.equals(to.substring(0, to.length() - toDigits))
                || fromDigits > 18 || toDigits > 18) {
            throw invalid("serial range " + range + ": both ends must be the same prefix followed by a number of at "
                    + "most 18 digits");
        }
        final long first = Long.parseLong(from.substring(prefix.length()));
        final long last = Long.parseLong(to.substring(prefix.length()));
        if (last < first) {
            throw invalid("serial range " + range + " ends before it starts");
        }
        if (last - first >= MAX_COUNT) {
            throw invalid("serial range " + range + " has " + (last - first + 1) + " serials; at most " + MAX_COUNT
                    + " are allowed in one run");
        }
        final String format = "%0" + fromDigits + "d";
        final List<String> serials = new ArrayList<>((int) (last - first + 1));
        for (long n = first; n <= last; n++) {
            serials.add(prefix + String.format(java.util.Locale.ROOT, format, n));
        }
        return serials;
    }

    private static int digitsAtEnd(final String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(text.length() - 1 - digits))
                && text.charAt(text.length() - 1 - digits) < 128) {
            digits++;
        }
        return digits;
    }

    private static Gs1FormatException invalid(final String message) {
        return new Gs1FormatException(Gs1Field.SERIAL, message);
    }
}
