package org.dawaledger.ledger.simulation;

import java.util.Comparator;

/**
 * LevelDB orders keys by their UTF-8 bytes, which is Unicode code point order. {@code String.compareTo} orders UTF-16
 * units instead, which differs above the BMP, so keys are compared by code points.
 */
public final class KeyOrder {
    /** Code point order. */
    public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {
    }

    private static int compare(final String a, final String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final int ca = a.codePointAt(i);
            final int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        // A proper prefix sorts first; at most one side has characters left.
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
