/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import java.util.Locale;

/**
 * File names for labels: one PNG per serial, named by the serial.
 */
public final class LabelFiles {
    private LabelFiles() {
    }

    /**
     * The PNG file name of a serial: the serial itself, with every character other than {@code A–Z a–z 0–9 - _}
     * and a non-leading {@code .} written {@code %XX} (hex), so that {@code A/1} and {@code A_1} never collide and
     * no serial makes a path.
     * @param serial a valid GS1 serial.
     * @return e.g. {@code S1.png}, {@code A%2F1.png}.
     */
    public static String pngName(final String serial) {
        final StringBuilder name = new StringBuilder(serial.length() + 4);
        for (int i = 0; i < serial.length(); i++) {
            final char c = serial.charAt(i);
            final boolean plain = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || c == '.' && i > 0;
            name.append(plain ? String.valueOf(c) : String.format(Locale.ROOT, "%%%02X", (int) c));
        }
        return name.append(".png").toString();
    }
}
