/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Gs1ScanTest {
    private static final String GS = "\u001D";
    private static final String BOM = "\uFEFF";
    private static final String GTIN = "0109506000134352";
    private static final String EXPIRY = "17270600";

    private static List<Gs1Warning.Kind> kinds(final Gs1Read read) {
        return read.warnings().stream().map(Gs1Warning::kind).toList();
    }

    private static Gs1FormatException refusal(final String raw) {
        return (Gs1FormatException) org.assertj.core.api.Assertions.catchThrowable(() -> Gs1Scan.parse(raw));
    }

    static Stream<Arguments> theFourForms() {
        return Stream.of(
                Arguments.of("]d2" + GTIN + EXPIRY + "10ABC" + GS + "21XYZ", Symbology.GS1_DATAMATRIX),
                Arguments.of(GTIN + EXPIRY + "10ABC" + GS + "21XYZ", Symbology.UNKNOWN),
                Arguments.of("(01)09506000134352(17)270600(10)ABC(21)XYZ", Symbology.HUMAN_READABLE),
                Arguments.of("https://id.example.org/01/09506000134352/10/ABC/21/XYZ?17=270600",
                        Symbology.DIGITAL_LINK));
    }

    @ParameterizedTest
    @MethodSource("theFourForms")
    void eachOfTheFourFormsGivesTheSameElementsThroughTheOneEntryPoint(final String raw, final Symbology symbology) {
        final Gs1Read read = Gs1Scan.parse(raw);

        assertThat(read.symbology()).isEqualTo(symbology);
        assertThat(read.elements()).containsOnly(entry("01", "09506000134352"), entry("17", "270600"),
                entry("10", "ABC"), entry("21", "XYZ"));
        assertThat(read.warnings()).isEmpty();
        assertThat(Gs1ElementString.parse(raw)).isEqualTo(read);
    }

    @ParameterizedTest
    @CsvSource({"]e0, GS1_DATABAR", "]J1, GS1_DOTCODE"})
    void aDataBarAndADotCodeCarryElementStrings(final String identifier, final Symbology symbology) {
        final Gs1Read read = Gs1Scan.parse(identifier + GTIN + EXPIRY + "10ABC");

        assertThat(read.symbology()).isEqualTo(symbology);
        assertThat(read.elements()).containsExactly(entry("01", "09506000134352"), entry("17", "270600"),
                entry("10", "ABC"));
        assertThat(read.warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"]E0, GS1_DATABAR", "]j1, GS1_DOTCODE"})
    void aCaseFlippedDataBarOrDotCodeIdentifierIsAcceptedWithAWarningOfItsKind(final String identifier,
            final Symbology symbology) {
        final Gs1Read read = Gs1Scan.parse(identifier + GTIN + "10abc");

        assertThat(read.symbology()).isEqualTo(symbology);
        assertThat(read.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.kind()).isEqualTo(Gs1Warning.Kind.CASE_FLIPPED_IDENTIFIER);
            assertThat(warning.field()).isEqualTo(Gs1Field.ELEMENT_STRING);
            assertThat(warning.message()).contains("lot 'abc'");
        });
    }

    static Stream<Arguments> readsWithABom() {
        return Stream.of(
                Arguments.of(BOM + GTIN + "10ABC", Symbology.UNKNOWN),
                Arguments.of(BOM + "]d2" + GTIN + "10ABC", Symbology.GS1_DATAMATRIX),
                Arguments.of(" " + BOM + " (01)09506000134352(10)ABC\r\n", Symbology.HUMAN_READABLE),
                Arguments.of(BOM + "https://example.org/01/09506000134352/10/ABC", Symbology.DIGITAL_LINK));
    }

    @ParameterizedTest
    @MethodSource("readsWithABom")
    void aLeadingByteOrderMarkIsRemovedWithAWarning(final String raw, final Symbology symbology) {
        final Gs1Read read = Gs1Scan.parse(raw);

        assertThat(read.symbology()).isEqualTo(symbology);
        assertThat(read.elements()).containsExactly(entry("01", "09506000134352"), entry("10", "ABC"));
        assertThat(read.warnings()).containsExactly(new Gs1Warning(Gs1Warning.Kind.BOM_REMOVED,
                Gs1Field.ELEMENT_STRING, "byte order mark (U+FEFF) before the data; removed"));
    }

    @Test
    void aByteOrderMarkAloneIsAnEmptyRead() {
        assertThat(refusal(BOM + "\r\n").field()).isEqualTo(Gs1Field.ELEMENT_STRING);
        assertThat(refusal(BOM).getMessage()).isEqualTo("element string is empty");
    }

    @Test
    void scannerNoiseIsNormalisedAndEachKindIsNamed() {
        final Gs1Read read = Gs1Scan.parse("\r\n]d2" + GTIN + "10ABC" + GS + GS + "21XYZ\r\n");

        assertThat(read.elements()).containsExactly(entry("01", "09506000134352"), entry("10", "ABC"),
                entry("21", "XYZ"));
        assertThat(kinds(read)).containsExactly(Gs1Warning.Kind.DOUBLED_SEPARATOR);
        assertThat(read.warnings().get(0).field()).isEqualTo(Gs1Field.ELEMENT_STRING);
    }

    @Test
    void aRepeatAndNonDigitsInANumericFieldAreWarningsOfTheirKindNamingTheirField() {
        final Gs1Read read = Gs1Scan.parse(GTIN + "1727O600" + GTIN);

        assertThat(read.warnings()).extracting(Gs1Warning::kind, Gs1Warning::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Gs1Warning.Kind.NON_DIGITS_IN_NUMERIC_FIELD, Gs1Field.EXPIRY),
                org.assertj.core.groups.Tuple.tuple(Gs1Warning.Kind.REPEATED_ELEMENT, Gs1Field.GTIN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lot running into a serial                 | 10ABC21XYZ               | LOT",
        "serial running into a lot                 | 21XYZ10ABC               | SERIAL",
        "lot running into an expiry                | 10ABC17270600            | LOT",
        "lot running into an expiry and a serial   | 10ABC1727060021XYZ       | LOT",
        "other variable field running into a lot   | 24012345610ABC           | ELEMENT_STRING",
        "lot ending in the digits of an AI         | 10ABC21                  | ",
        "lot starting with the digits of an AI     | 1021XYZ                  | ",
        "expiry-like digits that are not a date    | 10ABC17279900            | ",
        "expiry-like digits too short              | 10ABC171306              | ",
        "its own AI inside the value               | 10AB10CD                 | ",
        "serial read separately after the lot      | 10ABC21XYZ<GS>21S1       | ",
        "expiry read separately before the lot     | 17270600 10ABC17270600   | ",
    })
    void aVariableLengthValueHoldingAnotherPackFieldIsKeptButFlaggedAsAPossiblyDroppedSeparator(
            final String description, final String data, final Gs1Field flagged) {
        final String raw = GTIN + data.replace("<GS>", GS).replace(" ", "");
        final Gs1Read read = Gs1Scan.parse(raw);

        final List<Gs1Warning> dropped = read.warnings().stream()
                .filter(w -> w.kind() == Gs1Warning.Kind.POSSIBLY_DROPPED_SEPARATOR).toList();
        if (flagged == null) {
            assertThat(dropped).isEmpty();
        } else {
            assertThat(dropped).singleElement().extracting(Gs1Warning::field).isEqualTo(flagged);
        }
    }

    @Test
    void aPossiblyDroppedSeparatorKeepsTheValueAsRead() {
        final Gs1Read read = Gs1Scan.parse(GTIN + "10ABC21XYZ");

        assertThat(read.get("10")).hasValue("ABC21XYZ");
        assertThat(read.get("21")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"(01)09506000134352(10)ABC21XYZ", "https://example.org/01/09506000134352/10/ABC21XYZ"})
    void formsWithExplicitDelimitersAreNotFlaggedForADroppedSeparator(final String raw) {
        assertThat(Gs1Scan.parse(raw).warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a prefix holding 01                | https://example.org/01/shop/01/09506000134352/10/ABC   | ABC",
        "a prefix holding 01 twice          | https://example.org/01/a/01/b/01/09506000134352/10/ABC | ABC",
        "a prefix holding 01 and lot 01     | https://example.org/x/01/y/01/09506000134352/10/01     | 01",
    })
    void aResolverPathPrefixHoldingAn01SegmentIsNotMistakenForTheGtin(final String description, final String link,
            final String lot) {
        final Gs1Read read = Gs1Scan.parse(link);

        assertThat(read.get("01")).hasValue("09506000134352");
        assertThat(read.get("10")).hasValue(lot);
    }

    @Test
    void aReadOfExactlyTheCapIsAccepted() {
        final String raw = GTIN + " ".repeat(Gs1Scan.MAX_LENGTH - GTIN.length());

        assertThat(Gs1Scan.parse(raw).get("01")).hasValue("09506000134352");
    }

    @Test
    void aReadLongerThanTheCapIsATypedErrorBeforeAnyParsing() {
        final Gs1FormatException e = refusal(GTIN + " ".repeat(Gs1Scan.MAX_LENGTH - GTIN.length() + 1));

        assertThat(e.field()).isEqualTo(Gs1Field.ELEMENT_STRING);
        assertThat(e.getMessage()).isEqualTo("read is 1001 characters long; at most 1000 are accepted");
    }

    @Test
    void aHundredThousandCharacterBracketHeavyInputIsRefusedByTheCap() {
        final Gs1FormatException e = refusal("(01)09506000134352(10)" + "(1".repeat(50_000));

        assertThat(e.field()).isEqualTo(Gs1Field.ELEMENT_STRING);
        assertThat(e.getMessage()).startsWith("read is 100022 characters long");
    }

    @Test
    void theBracketedFormIsParsedInOnePassEvenBeyondTheCap() {
        // Each '(' without a ')' made the old parser search to the end: 50,000 searches of 100,000 characters
        final String raw = "(01)09506000134352(91)" + "(9".repeat(50_000);

        assertThatThrownBy(() -> Gs1ElementString.readUncapped(raw)).isInstanceOf(Gs1FormatException.class)
                .hasMessageStartingWith("company internal information longer than 90 characters");
        assertThat(Gs1ElementString.readUncapped("(01)09506000134352(10)" + "(".repeat(19) + "(17)270600")
                .get("10")).hasValue("(".repeat(19));
    }

    @Test
    void aNullReadIsATypedError() {
        assertThat(refusal(null).field()).isEqualTo(Gs1Field.ELEMENT_STRING);
    }
}
