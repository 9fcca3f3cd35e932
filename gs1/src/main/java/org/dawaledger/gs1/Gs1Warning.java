/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Objects;

/**
 * Something about a read that looked damaged but could be survived; the read's values are still exactly as read.
 * @param kind what looked wrong, for a program to act on.
 * @param field the field it concerns, {@link Gs1Field#ELEMENT_STRING} when it concerns the read as a whole.
 * @param message what looked wrong, for a person to read.
 */
public record Gs1Warning(Kind kind, Gs1Field field, String message) {
    /** What looked wrong. */
    public enum Kind {
        /** A byte order mark (U+FEFF) before the data, as some scanner drivers and copied text add; removed. */
        BOM_REMOVED,
        /** A GS separator where one was already given, as a scanner that doubles the FNC1 sends; ignored. */
        DOUBLED_SEPARATOR,
        /**
         * A variable-length value containing what looks like the AI of another pack field (10, 17 or 21) followed by
         * plausible data, as when a scanner drops the GS between lot and serial; the value is kept as read.
         */
        POSSIBLY_DROPPED_SEPARATOR,
        /**
         * A symbology identifier or Digital Link scheme in the wrong letter case: Caps Lock may be on, so lots and
         * serials may have the wrong case too; nothing was changed.
         */
        CASE_FLIPPED_IDENTIFIER,
        /** A numeric field with other characters in it, as a keyboard layout or Caps Lock produces. */
        NON_DIGITS_IN_NUMERIC_FIELD,
        /** An AI given twice with the same value; the repeat was ignored. */
        REPEATED_ELEMENT
    }

    /**
     * Checks the components.
     * @param kind what looked wrong.
     * @param field the field it concerns.
     * @param message what looked wrong, for a person.
     * @throws NullPointerException if any component is null.
     */
    public Gs1Warning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
