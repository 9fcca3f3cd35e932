/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed read: the AIs in the order read, plus what looked suspicious.
 * <p>Values are exactly as read; nothing is corrected. A read whose warnings are not empty is still usable, but the
 * warnings say which fields may be wrong, typically because a keyboard-wedge scanner lost a separator or typed with
 * Caps Lock on.</p>
 * @param symbology how the read arrived.
 * @param elements AI → value, in the order read; unmodifiable.
 * @param warnings what looked suspicious, for a person to read; unmodifiable, empty if nothing did.
 */
public record Gs1Read(Symbology symbology, Map<String, String> elements, List<String> warnings) {
    /**
     * The reference year that {@link #toPackIdentifier()} uses: under it, every two-digit expiry year {@code YY}
     * resolves to {@code 20YY}.
     */
    public static final int DEFAULT_REFERENCE_YEAR = 2049;

    /**
     * Copies the elements and warnings so that the read cannot change afterwards.
     * @param symbology how the read arrived.
     * @param elements AI → value, in the order read.
     * @param warnings what looked suspicious.
     * @throws NullPointerException if any argument, AI, value or warning is null.
     */
    public Gs1Read {
        Objects.requireNonNull(symbology, "symbology");
        final Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(elements, "elements").forEach((ai, value) ->
                copy.put(Objects.requireNonNull(ai, "AI"), Objects.requireNonNull(value, "value of AI " + ai)));
        // Map.copyOf would lose the order read, which a person comparing with the label expects to see
        elements = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * The value of one AI.
     * @param ai the AI's digits, e.g. {@code "10"}.
     * @return the value as read, or empty if the read did not contain the AI.
     */
    public Optional<String> get(final String ai) {
        return Optional.ofNullable(elements.get(ai));
    }

    /**
     * The pack this read identifies, resolving the expiry year with {@link #DEFAULT_REFERENCE_YEAR}, so that two-digit
     * years are taken as 20YY. Deterministic, but not the sliding window of GS1 General Specifications §7.12: where
     * the year of the read is known, prefer {@link #toPackIdentifier(int)}.
     * @return the pack identifier.
     * @throws Gs1FormatException as {@link #toPackIdentifier(int)}.
     */
    public PackIdentifier toPackIdentifier() {
        return toPackIdentifier(DEFAULT_REFERENCE_YEAR);
    }

    /**
     * The pack this read identifies. Needs AI 01, 17 and 10; AI 21 is optional. Other AIs are ignored.
     * @param referenceYear the year the read was made, which decides the century of the expiry year; see
     * {@link ExpiryDate#parse(String, int)}.
     * @return the pack identifier.
     * @throws Gs1FormatException with field {@link Gs1Field#GTIN}, {@link Gs1Field#EXPIRY}, {@link Gs1Field#LOT} or
     * {@link Gs1Field#SERIAL} if that field is missing or invalid, checked in that order; the expiry must be in the
     * six-digit form {@code YYMMDD} that AI 17 uses.
     * @throws IllegalArgumentException if {@code referenceYear} is outside the range {@link ExpiryDate} accepts.
     */
    public PackIdentifier toPackIdentifier(final int referenceYear) {
        final Gtin gtin = Gtin.parse(require("01", Gs1Field.GTIN, "GTIN"));
        final ExpiryDate expiry = ExpiryDate.parseYymmdd(require("17", Gs1Field.EXPIRY, "expiry date"),
                referenceYear);
        final String lot = Gs1Text.lot(require("10", Gs1Field.LOT, "lot"));
        final Optional<String> serial = get("21").map(Gs1Text::serial);
        return new PackIdentifier(gtin, serial, lot, expiry);
    }

    private String require(final String ai, final Gs1Field field, final String name) {
        final String value = elements.get(ai);
        if (value == null) {
            throw new Gs1FormatException(field, name + " (AI " + ai + ") is missing from the read");
        }
        return value;
    }
}
