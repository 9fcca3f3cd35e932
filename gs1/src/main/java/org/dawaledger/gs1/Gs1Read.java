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
 * @param warnings what looked suspicious, each with its kind and field; unmodifiable, empty if nothing did.
 */
public record Gs1Read(Symbology symbology, Map<String, String> elements, List<Gs1Warning> warnings) {
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
     * The trade item this read identifies, with whatever lot, expiry and serial it carries: a GTIN alone, or with
     * any of the others. Other AIs are ignored.
     * @param referenceYear the year the read was made, normally the current year, which decides the century of the
     * expiry year by the sliding window of GS1 General Specifications §7.12 (a two-digit year is taken within
     * −49..+50 years of it); see {@link ExpiryDate#parse(String, int)}.
     * @return the item.
     * @throws Gs1FormatException with field {@link Gs1Field#REFERENCE_YEAR} if {@code referenceYear} is outside
     * {@link ExpiryDate#MIN_REFERENCE_YEAR}–{@link ExpiryDate#MAX_REFERENCE_YEAR}; otherwise with field
     * {@link Gs1Field#GTIN} if the GTIN is missing or invalid, or {@link Gs1Field#EXPIRY}, {@link Gs1Field#LOT} or
     * {@link Gs1Field#SERIAL} if that field is present and invalid, checked in that order; the expiry must be in the
     * six-digit form {@code YYMMDD} that AI 17 uses.
     */
    public ScannedItem toScannedItem(final int referenceYear) {
        ExpiryDate.checkReferenceYear(referenceYear);
        final Gtin gtin = Gtin.parse(require("01", Gs1Field.GTIN, "GTIN"));
        final Optional<ExpiryDate> expiry = get("17").map(yymmdd -> ExpiryDate.parseYymmdd(yymmdd, referenceYear));
        final Optional<String> lot = get("10").map(Gs1Text::lot);
        final Optional<String> serial = get("21").map(Gs1Text::serial);
        return new ScannedItem(gtin, lot, expiry, serial);
    }

    /**
     * The pack this read identifies. Needs AI 01, 17 and 10; AI 21 is optional. Other AIs are ignored. For a read
     * that may lack a lot or expiry, use {@link #toScannedItem(int)}.
     * @param referenceYear the year the read was made, normally the current year; as {@link #toScannedItem(int)}.
     * @return the pack identifier.
     * @throws Gs1FormatException with field {@link Gs1Field#REFERENCE_YEAR} if {@code referenceYear} is out of
     * range; otherwise with field {@link Gs1Field#GTIN}, {@link Gs1Field#EXPIRY}, {@link Gs1Field#LOT} or
     * {@link Gs1Field#SERIAL} if that field is missing (the serial may be) or invalid, checked in that order.
     */
    public PackIdentifier toPackIdentifier(final int referenceYear) {
        // Each needed field is required in turn, so that the first problem named is the first field's
        ExpiryDate.checkReferenceYear(referenceYear);
        Gtin.parse(require("01", Gs1Field.GTIN, "GTIN"));
        ExpiryDate.parseYymmdd(require("17", Gs1Field.EXPIRY, "expiry date"), referenceYear);
        Gs1Text.lot(require("10", Gs1Field.LOT, "lot"));
        return toScannedItem(referenceYear).toPackIdentifier();
    }

    private String require(final String ai, final Gs1Field field, final String name) {
        final String value = elements.get(ai);
        if (value == null) {
            throw new Gs1FormatException(field, name + " (AI " + ai + ") is missing from the read");
        }
        return value;
    }
}
