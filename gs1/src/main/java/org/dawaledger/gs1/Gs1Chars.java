/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * Character rules shared by the identifier classes. Everything here works on ASCII code units only, so no result ever
 * depends on the default locale or on Unicode's wider idea of a digit.
 */
final class Gs1Chars {
    /** ASCII 29, Group Separator: how scanners transmit the FNC1 that ends a variable-length field. */
    static final char GS = '\u001D';

    private static final String CSET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private static final boolean[] IN_CSET_82 = new boolean[128];

    static {
        for (int i = 0; i < CSET_82.length(); i++) {
            IN_CSET_82[CSET_82.charAt(i)] = true;
        }
    }

    private Gs1Chars() {
    }

    /** Only ASCII 0–9: {@link Character#isDigit(char)} would also accept Arabic-Indic and other digits. */
    static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isCset82(final char c) {
        return c < IN_CSET_82.length && IN_CSET_82[c];
    }

    /** Index of the first character that is not an ASCII digit, or -1 if all are digits. */
    static int firstNonDigit(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAllDigits(final String text) {
        return !text.isEmpty() && firstNonDigit(text) < 0;
    }

    /**
     * GS1 mod-10 check digit of the given digits: weights 3, 1, 3, 1… from the right.
     * @param digits ASCII digits only; the caller has checked.
     */
    static int mod10(final String digits) {
        int sum = 0;
        int weight = 3;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += (digits.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Names the character at {@code index} so that invisible and look-alike characters can be told apart in a
     * message: {@code 'A'}, {@code space (U+0020)}, {@code GS (U+001D)}, {@code 'é' (U+00E9)}.
     */
    static String describe(final String text, final int index) {
        final int codePoint = text.codePointAt(index);
        if (codePoint > ' ' && codePoint < 0x7F) {
            return "'" + (char) codePoint + "'";
        }
        final String code = unicode(codePoint);
        if (codePoint == ' ') {
            return "space (" + code + ")";
        }
        if (codePoint == GS) {
            return "GS (" + code + ")";
        }
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || !Character.isDefined(codePoint)) {
            return code;
        }
        return "'" + new String(Character.toChars(codePoint)) + "' (" + code + ")";
    }

    private static String unicode(final int codePoint) {
        final StringBuilder hex = new StringBuilder(Integer.toHexString(codePoint));
        while (hex.length() < 4) {
            hex.insert(0, '0');
        }
        for (int i = 0; i < hex.length(); i++) {
            final char c = hex.charAt(i);
            if (c >= 'a' && c <= 'f') {
                hex.setCharAt(i, (char) (c - 'a' + 'A'));
            }
        }
        return "U+" + hex;
    }

    /** Shortens long input for messages so that a megabyte of garbage does not end up in a log line. */
    static String quote(final String text) {
        final int max = 40;
        final StringBuilder result = new StringBuilder("'");
        final int end = Math.min(text.length(), max);
        for (int i = 0; i < end; i++) {
            final char c = text.charAt(i);
            // Control characters (GS above all) would be invisible in a log line
            if (c < ' ' || c == 0x7F) {
                result.append('<').append(unicode(c)).append('>');
            } else {
                result.append(c);
            }
        }
        if (text.length() > max) {
            result.append("...");
        }
        return result.append('\'').toString();
    }
}
