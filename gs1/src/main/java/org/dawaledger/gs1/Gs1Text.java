/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * GS1 AI 10 (batch/lot) and AI 21 (serial): 1–20 characters of GS1 AI encodable character set 82, case-sensitive.
 * <p>Values are checked, never changed: {@code "abc1"} and {@code "ABC1"} are different lots, and a value read with
 * Caps Lock on must be reported as a mismatch rather than silently "corrected".</p>
 * <p>Character set 82 is {@code !"%&'()*+,-./0-9:;<=>?A-Z_a-z}. Space, {@code #}, {@code $}, {@code @},
 * {@code [}, {@code \}, {@code ]}, {@code ^}, backquote, braces, {@code |}, {@code ~}, control characters and
 * anything outside ASCII are not in it.</p>
 */
public final class Gs1Text {
    /** Longest lot or serial GS1 allows, in characters. */
    public static final int MAX_LENGTH = 20;

    private Gs1Text() {
    }

    /**
     * Checks a batch or lot number (AI 10).
     * @param text the lot as printed or scanned.
     * @return {@code text}, unchanged.
     * @throws Gs1FormatException with field {@link Gs1Field#LOT} if {@code text} is null or empty, contains a
     * character outside character set 82 (the message names the first one and its position, counting from 1), or is
     * longer than {@link #MAX_LENGTH}.
     */
    public static String lot(final String text) {
        return check(Gs1Field.LOT, "lot", text);
    }

    /**
     * Checks a serial number (AI 21).
     * @param text the serial as printed or scanned.
     * @return {@code text}, unchanged.
     * @throws Gs1FormatException with field {@link Gs1Field#SERIAL} if {@code text} is null or empty, contains a
     * character outside character set 82 (the message names the first one and its position, counting from 1), or is
     * longer than {@link #MAX_LENGTH}.
     */
    public static String serial(final String text) {
        return check(Gs1Field.SERIAL, "serial", text);
    }

    /**
     * Whether every character of the text is in GS1 character set 82. Length is not checked, but an empty text is not
     * accepted, since no GS1 field may be empty.
     * @param text candidate text; may be null.
     * @return true if {@code text} is non-empty and consists only of character set 82.
     */
    public static boolean isCset82(final String text) {
        return text != null && !text.isEmpty() && firstNonCset82(text) < 0;
    }

    /**
     * Whether {@link #lot(String)} and {@link #serial(String)} would accept the text.
     * @param text candidate lot or serial; may be null.
     * @return true if {@code text} is 1–20 characters of character set 82.
     */
    public static boolean isValid(final String text) {
        return isCset82(text) && text.length() <= MAX_LENGTH;
    }

    private static String check(final Gs1Field field, final String name, final String text) {
        if (text == null) {
            throw new Gs1FormatException(field, name + " is missing");
        }
        if (text.isEmpty()) {
            throw new Gs1FormatException(field, name + " is empty");
        }
        // Characters before length: a stray GS or space says more about what went wrong than the length does
        final int bad = firstNonCset82(text);
        if (bad >= 0) {
            throw new Gs1FormatException(field, name + " contains " + Gs1Chars.describe(text, bad)
                    + " at position " + (bad + 1) + ", which is not in GS1 character set 82");
        }
        if (text.length() > MAX_LENGTH) {
            throw new Gs1FormatException(field, name + " is " + text.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        return text;
    }

    private static int firstNonCset82(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Gs1Chars.isCset82(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
