/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * The one entry point for a raw scan: what a barcode scanner sends or a label shows, in any of four forms, taken apart
 * into its GS1 Application Identifiers (AIs).
 * <ul>
 *     <li>an element string as a scanner sends it, starting with the symbology identifier {@code ]d2} (GS1
 *     DataMatrix), {@code ]C1} (GS1-128), {@code ]Q3} (GS1 QR Code), {@code ]e0} (GS1 DataBar) or {@code ]J1} (GS1
 *     DotCode), with variable-length fields ended by the FNC1 separator, ASCII 29 (GS);</li>
 *     <li>the same without a symbology identifier;</li>
 *     <li>the human-readable form printed under a barcode, {@code (01)09506000134352(17)270600(10)ABC123};</li>
 *     <li>a GS1 Digital Link URI, {@code https://host[/prefix]/01/09506000134352/10/ABC123/21/XYZ789?17=270600},
 *     from any of the 2D symbols above or their non-GS1 modes ({@code ]d1}, {@code ]Q1}), or typed.</li>
 * </ul>
 * <p>Scanner noise is normalised: surrounding whitespace and CR/LF are ignored, a leading byte order mark is removed,
 * a doubled GS is ignored, each with a {@link Gs1Warning} where it says something about the scanner. Values are
 * never changed, and letter case least of all: a read made with Caps Lock on gives flipped lots and serials, which
 * the ledger must see as mismatches. Where a read looks damaged in a way that can be survived, the
 * {@link Gs1Read#warnings()} say so, with a kind and the field. Positions in messages count from 1, from the first
 * character after any symbology identifier.</p>
 * <p><strong>A limit no parser can overcome:</strong> keyboard-wedge scanners sometimes drop the GS separator. When
 * that makes a lot or serial longer than 20 characters it is rejected, but a short lot followed by a serial, such as
 * {@code 10ABC} + {@code 21XYZ} read as {@code 10ABC21XYZ}, is a valid lot {@code "ABC21XYZ"} with no serial. It is
 * kept as read, never guessed apart, with a warning of kind {@link Gs1Warning.Kind#POSSIBLY_DROPPED_SEPARATOR} naming
 * the field: a variable-length value ended by a GS or the end of the data that contains, after its first character,
 * AI 10, 21 or 17 (not its own, and not elsewhere in the read) followed by plausible data for it (at least one
 * character; for 17 six digits with month 01–12 and day 00–31). Lots that merely contain such digits trip it too.</p>
 */
public final class Gs1Scan {
    /**
     * The longest raw scan accepted, in characters, whitespace included: many times what a pack's symbol carries
     * (under 100 characters for GTIN, expiry, lot and serial), though less than the largest symbols can hold, and low
     * enough that a request body cannot make parsing costly.
     */
    public static final int MAX_LENGTH = 1000;

    private Gs1Scan() {
    }

    /**
     * Parses one raw scan in any of the four forms.
     * @param anyOfTheFourForms what the scanner sent or the label shows.
     * @return the AIs in the order read, with any warnings.
     * @throws Gs1FormatException if the read cannot be taken apart: missing, longer than {@link #MAX_LENGTH}, no
     * data, an unsupported symbology identifier, an unknown AI, a fixed-length field cut short, a variable-length
     * field longer than its maximum (as happens when a GS separator is dropped), an AI repeated with a different
     * value, or a malformed Digital Link. The field is the one the problem is in where it has one (e.g.
     * {@link Gs1Field#LOT} for an over-long lot), otherwise {@link Gs1Field#ELEMENT_STRING}.
     */
    public static Gs1Read parse(final String anyOfTheFourForms) {
        return Gs1ElementString.read(anyOfTheFourForms);
    }
}
