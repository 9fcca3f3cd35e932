/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.Map;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class Gs1ElementStringTest {
    /** The warnings' messages, for a person; their kinds and fields are asserted where that is the point. */
    static List<String> messages(final Gs1Read read) {
        return read.warnings().stream().map(Gs1Warning::message).toList();
    }

    private static final String GS = "\u001D";
    private static final String GTIN = "0109506000134352";
    private static final String EXPIRY = "17270600";
    private static final Map<String, String> PACK = Map.of(
            "01", "09506000134352", "17", "270600", "10", "ABC123", "21", "XYZ789");

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(final String raw,
            final Gs1Field field) {
        return assertThatThrownBy(() -> Gs1ElementString.parse(raw))
                .isInstanceOf(Gs1FormatException.class)
                .satisfies(e -> assertThat(((Gs1FormatException) e).field()).isEqualTo(field));
    }

    @Nested
    class WithASymbologyIdentifier {
        @Test
        void readsAGs1DataMatrix() {
            final Gs1Read read = Gs1ElementString.parse("]d2" + GTIN + EXPIRY + "10ABC123" + GS + "21XYZ789");

            assertThat(read.symbology()).isEqualTo(Symbology.GS1_DATAMATRIX);
            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC123"),
                    entry("21", "XYZ789"));
            assertThat(read.warnings()).isEmpty();
        }

        @Test
        void readsAGs1128() {
            final Gs1Read read = Gs1ElementString.parse("]C1" + GTIN + EXPIRY + "10ABC123");

            assertThat(read.symbology()).isEqualTo(Symbology.GS1_128);
            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC123"));
        }

        @Test
        void readsAGs1QrCode() {
            final Gs1Read read = Gs1ElementString.parse("]Q3" + GTIN + "21XYZ789" + GS + EXPIRY + "10ABC123");

            assertThat(read.symbology()).isEqualTo(Symbology.GS1_QR);
            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("21", "XYZ789"), entry("17", "270600"),
                    entry("10", "ABC123"));
        }

        @Test
        void allowsAnFnc1RightAfterTheIdentifier() {
            final Gs1Read read = Gs1ElementString.parse("]d2" + GS + GTIN + EXPIRY + "10ABC123");

            assertThat(read.elements()).containsKeys("01", "17", "10");
            assertThat(read.warnings()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"]e1", "]J0", "]d0", "]C0", "]Q0", "]X9", "]d3"})
        void rejectsAnIdentifierThatDoesNotCarryGs1Data(final String identifier) {
            assertRejected(identifier + GTIN + EXPIRY + "10ABC123", Gs1Field.ELEMENT_STRING)
                    .hasMessage("symbology identifier '" + identifier
                            + "' is not one that carries GS1 data; expected ]d2, ]C1, ]Q3, ]e0 or ]J1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"]d1", "]Q1"})
        void rejectsANonGs1SymbolThatIsNotADigitalLink(final String identifier) {
            assertRejected(identifier + GTIN + EXPIRY + "10ABC123", Gs1Field.ELEMENT_STRING)
                    .hasMessageContaining("without GS1 element strings");
        }

        @ParameterizedTest
        @ValueSource(strings = {"]", "]d"})
        void rejectsAnIncompleteIdentifier(final String raw) {
            assertRejected(raw, Gs1Field.ELEMENT_STRING).hasMessageContaining("is incomplete");
        }

        @Test
        void rejectsAnIdentifierWithNoData() {
            assertRejected("]d2", Gs1Field.ELEMENT_STRING)
                    .hasMessage("no data after symbology identifier ']d2'");
        }

        @Test
        void rejectsAnIdentifierFollowedOnlyByAnFnc1() {
            assertRejected("]d2" + GS, Gs1Field.ELEMENT_STRING).hasMessage("element string contains no AIs");
        }
    }

    @Nested
    class WithoutASymbologyIdentifier {
        @Test
        void readsAPlainElementString() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + EXPIRY + "10ABC123" + GS + "21XYZ789");

            assertThat(read.symbology()).isEqualTo(Symbology.UNKNOWN);
            assertThat(read.elements()).isEqualTo(PACK);
        }

        @Test
        void allowsALeadingFnc1() {
            assertThat(Gs1ElementString.parse(GS + GTIN + EXPIRY).warnings()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n", "\n", "\r", " ", "\t", " \r\n"})
        void ignoresTrailingLineEndsAndWhitespace(final String end) {
            final Gs1Read read = Gs1ElementString.parse("]d2" + GTIN + EXPIRY + "10ABC123" + GS + "21XYZ789" + end);

            assertThat(read.elements()).isEqualTo(PACK);
            assertThat(read.get("21")).hasValue("XYZ789");
        }

        @Test
        void ignoresLeadingWhitespace() {
            assertThat(Gs1ElementString.parse("  \t]d2" + GTIN).symbology()).isEqualTo(Symbology.GS1_DATAMATRIX);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\r\n", " \t "})
        void rejectsNoData(final String raw) {
            assertRejected(raw, Gs1Field.ELEMENT_STRING).hasMessageStartingWith("element string is");
        }

        @Test
        void readsFixedLengthAisWithoutSeparators() {
            final Gs1Read read = Gs1ElementString.parse(
                    "00" + "106141411234567897" + GTIN + "11" + "250101" + EXPIRY + "20" + "07" + "3103" + "000750"
                            + "414" + "9501101020016" + "10LOT");

            assertThat(read.elements()).containsExactly(
                    entry("00", "106141411234567897"), entry("01", "09506000134352"), entry("11", "250101"),
                    entry("17", "270600"), entry("20", "07"), entry("3103", "000750"),
                    entry("414", "9501101020016"), entry("10", "LOT"));
            assertThat(read.warnings()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
                "02, 09506000134352",
                "03, 09506000134352",
                "04, 0950600013435200",
                "12, 270600",
                "13, 270600",
                "14, 270600",
                "15, 270600",
                "16, 270600",
                "18, 270600",
                "19, 270600",
                "3100, 000001",
                "3299, 000001",
                "3300, 000001",
                "3499, 000001",
                "3500, 000001",
                "3699, 000001",
                "410, 9501101020016",
                "417, 9501101020016",
        })
        void readsEveryPredefinedLengthAiByItsLength(final String ai, final String value) {
            final Gs1Read read = Gs1ElementString.parse(ai + value + "10LOT");

            assertThat(read.elements()).containsExactly(entry(ai, value), entry("10", "LOT"));
        }

        @ParameterizedTest
        @CsvSource({
                "22, CPV1",
                "240, ADD-ID",
                "241, PART-9",
                "250, SEC-SERIAL",
                "251, SOURCE",
                "30, 12",
                "37, 144",
                "400, PO-12345",
                "401, 9501101ABC",
                "402, 95011010000000010",
                "403, ROUTE66",
                "420, 10115",
                "421, 276ABC",
                "7003, 2706301200",
                "710, NHRN-DE",
                "711, NHRN-FR",
                "712, NHRN-ES",
                "713, NHRN-BR",
                "714, NHRN-PT",
                "8003, 09506000134352X1",
                "8004, 9501101GIAI",
                "8006, 095060001343520102",
                "8010, CPID-1",
                "8020, SLIP-1",
                "90, MUTUAL",
                "91, INTERNAL1",
                "95, INTERNAL5",
                "99, INTERNAL9",
        })
        void readsEveryOtherKnownAiUpToTheSeparator(final String ai, final String value) {
            final Gs1Read read = Gs1ElementString.parse(GTIN + ai + value + GS + "10LOT");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry(ai, value), entry("10", "LOT"));
        }

        @Test
        void readsAVariableLengthAiAtTheEndWithoutASeparator() {
            assertThat(Gs1ElementString.parse(GTIN + "21XYZ789").get("21")).hasValue("XYZ789");
        }

        @ParameterizedTest
        @ValueSource(strings = {"55", "23", "05", "06", "09", "38", "40", "42", "50", "60", "70", "80", "89"})
        void rejectsAnUnknownAiAndNamesIt(final String ai) {
            assertRejected(GTIN + ai + "999999999", Gs1Field.ELEMENT_STRING)
                    .hasMessageStartingWith("unknown or unsupported AI starting '" + ai + "' at position 17");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2399", "7011", "7099", "8000", "8999", "3960"})
        void rejectsAnUnknownAiWithAKnownPrefixLength(final String data) {
            assertRejected(GTIN + data + "1234", Gs1Field.ELEMENT_STRING)
                    .hasMessageStartingWith("unknown or unsupported AI starting '" + data.substring(0, 2) + "'");
        }

        @Test
        void rejectsAnIncompleteAiAtTheEnd() {
            assertRejected(GTIN + "7", Gs1Field.ELEMENT_STRING)
                    .hasMessage("expected an AI (digits) at position 17 but found '7'");
            assertRejected(GTIN + "80", Gs1Field.ELEMENT_STRING)
                    .hasMessage("element string ends with an incomplete or unknown AI '80' at position 17");
        }

        @ParameterizedTest
        @ValueSource(strings = {"A1", "(01)", "<GS>", "\\x1D", " 01"})
        void rejectsDataWhereAnAiShouldBe(final String junk) {
            assertRejected(GTIN + junk + "12345", Gs1Field.ELEMENT_STRING)
                    .hasMessageStartingWith("expected an AI (digits) at position 17 but found ");
        }

        @Test
        void doesNotTakeTheTextGsAsASeparator() {
            // Only ASCII 29 separates; "<GS>" typed by a scanner configured to spell it out stays in the lot
            final Gs1Read read = Gs1ElementString.parse(GTIN + "10AB<GS>21X");

            assertThat(read.get("10")).hasValue("AB<GS>21X");
        }

        @Test
        void rejectsAGtinCutShortByTheEndOfTheData() {
            assertRejected("01095060001343", Gs1Field.GTIN)
                    .hasMessage("GTIN (AI 01) needs 14 characters but the data ends after 12: '095060001343'");
        }

        @Test
        void rejectsAGtinCutShortByASeparator() {
            assertRejected("010950600013435" + GS + "2", Gs1Field.GTIN)
                    .hasMessageStartingWith("GTIN (AI 01) needs 14 characters but a GS separator follows after 13");
        }

        @Test
        void rejectsAnExpiryCutShort() {
            assertRejected(GTIN + "172706", Gs1Field.EXPIRY)
                    .hasMessage("expiry date (AI 17) needs 6 characters but the data ends after 4: '2706'");
        }

        @Test
        void rejectsAGlnAiCutShort() {
            assertRejected(GTIN + "414950110102", Gs1Field.GLN).hasMessageContaining("needs 13 characters");
        }

        @Test
        void rejectsAnEmptyVariableLengthField() {
            assertRejected(GTIN + "10" + GS + "21XYZ", Gs1Field.LOT).hasMessage("lot (AI 10) is empty");
            assertRejected(GTIN + "21", Gs1Field.SERIAL).hasMessage("serial (AI 21) is empty");
        }

        @Test
        void rejectsAFieldShorterThanItsMinimum() {
            assertRejected(GTIN + "402" + "1234" + GS + "10LOT", Gs1Field.ELEMENT_STRING)
                    .hasMessage("GSIN (AI 402) needs at least 17 characters, but '1234' has 4");
        }

        @Test
        void acceptsALotOfExactlyTwentyCharacters() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + "10" + "A".repeat(20) + GS + "21XYZ789");

            assertThat(read.get("10")).hasValue("A".repeat(20));
        }

        @Test
        void rejectsAnAiRepeatedWithADifferentValue() {
            assertRejected(GTIN + "10ABC" + GS + "21X" + GS + "10ABD", Gs1Field.LOT)
                    .hasMessage("lot (AI 10) appears twice with different values: 'ABC' and 'ABD'");
        }

        @Test
        void rejectsAGtinRepeatedWithADifferentValue() {
            assertRejected(GTIN + "0104006381333931", Gs1Field.GTIN)
                    .hasMessageContaining("GTIN (AI 01) appears twice with different values");
        }

        @Test
        void toleratesAnAiRepeatedWithTheSameValueButWarns() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + EXPIRY + GTIN + "10ABC");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC"));
            assertThat(messages(read)).containsExactly(
                    "GTIN (AI 01) appears twice with the same value '09506000134352'; the repeat was ignored");
        }

        @Test
        void neverChangesCase() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + "10abcDEF" + GS + "21xYz");

            assertThat(read.get("10")).hasValue("abcDEF");
            assertThat(read.get("21")).hasValue("xYz");
        }

        @Test
        void keepsCharactersOutsideSet82ForTheCallerToReject() {
            // Parsing takes the read apart; whether a lot is acceptable is Gs1Text's decision
            assertThat(Gs1ElementString.parse(GTIN + "10AB C").get("10")).hasValue("AB C");
        }
    }

    @Nested
    class WhenTheScannerMishandlesSeparators {
        @Test
        void toleratesADoubledSeparatorButWarns() {
            final Gs1Read read = Gs1ElementString.parse("]d2" + GTIN + "10ABC123" + GS + GS + "21XYZ789");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("10", "ABC123"), entry("21", "XYZ789"));
            assertThat(messages(read)).containsExactly(
                    "extra GS separator at position 26: the scanner may have doubled the FNC1; ignored");
        }

        @Test
        void warnsOnceForEachExtraSeparator() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + "10ABC" + GS + GS + GS + "21X");

            assertThat(read.warnings()).hasSize(2);
        }

        @Test
        void toleratesASeparatorAfterAFixedLengthFieldSilently() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + GS + EXPIRY + GS + "10ABC");

            assertThat(read.elements()).containsOnlyKeys("01", "17", "10");
            assertThat(read.warnings()).isEmpty();
        }

        @Test
        void warnsAboutASecondSeparatorAfterAFixedLengthField() {
            assertThat(Gs1ElementString.parse(GTIN + GS + GS + "10ABC").warnings()).hasSize(1);
        }

        @Test
        void warnsAboutADoubledLeadingFnc1() {
            assertThat(messages(Gs1ElementString.parse("]d2" + GS + GS + GTIN)))
                    .containsExactly("extra GS separator at position 2: the scanner may have doubled the FNC1; ignored");
        }

        @Test
        void toleratesATrailingSeparator() {
            final Gs1Read read = Gs1ElementString.parse(GTIN + "10ABC" + GS);

            assertThat(read.get("10")).hasValue("ABC");
            assertThat(read.warnings()).isEmpty();
        }

        @Test
        void rejectsALotThatSwallowedTheSerialBecauseTheSeparatorWasDropped() {
            assertRejected("]d2" + GTIN + EXPIRY + "10ABC12345678901" + "21XYZ789", Gs1Field.LOT)
                    .hasMessageStartingWith("lot longer than 20 characters: the GS separator may have been dropped")
                    .hasMessageContaining("'ABC1234567890121XYZ789'")
                    .hasMessageContaining("22 characters");
        }

        @Test
        void rejectsASerialThatSwallowedTheNextFieldBecauseTheSeparatorWasDropped() {
            assertRejected(GTIN + "21SERIAL0000000001" + "10LOT12345", Gs1Field.SERIAL)
                    .hasMessageStartingWith("serial longer than 20 characters: the GS separator may have been"
                            + " dropped (AI 21 read as ");
        }

        @Test
        void rejectsAnyVariableFieldLongerThanItsMaximum() {
            assertRejected(GTIN + "240" + "X".repeat(31), Gs1Field.ELEMENT_STRING)
                    .hasMessageStartingWith("additional product identification longer than 30 characters: the GS"
                            + " separator may have been dropped");
            assertRejected(GTIN + "7003" + "27063012001", Gs1Field.ELEMENT_STRING)
                    .hasMessageStartingWith("expiration date and time longer than 10 characters");
        }

        @Test
        void keepsALotThatMayHoldADroppedSeparatorAsReadButWarnsNamingTheLot() {
            // Indistinguishable from a real lot "ABC21XYZ": never split, but flagged for a person to check
            final Gs1Read read = Gs1ElementString.parse("]d2" + GTIN + EXPIRY + "10ABC" + "21XYZ");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC21XYZ"));
            assertThat(read.get("21")).isEmpty();
            assertThat(read.warnings()).containsExactly(new Gs1Warning(Gs1Warning.Kind.POSSIBLY_DROPPED_SEPARATOR,
                    Gs1Field.LOT, "lot 'ABC21XYZ' contains '21' at position 4: if the GS separator before it was"
                            + " dropped, this is lot 'ABC' followed by serial (AI 21) 'XYZ'; kept as read, compare"
                            + " with the pack"));
        }

        @Test
        void doesNotNeedASeparatorAfterAFixedLengthFieldInTheMiddle() {
            assertThat(Gs1ElementString.parse("10ABC" + GS + GTIN + EXPIRY + "21X").elements())
                    .containsExactly(entry("10", "ABC"), entry("01", "09506000134352"), entry("17", "270600"),
                            entry("21", "X"));
        }
    }

    @Nested
    class WhenTheReadLooksCaseFlipped {
        @Test
        void acceptsAnUpperCaseDataMatrixIdentifierButWarnsAndNamesTheSuspectFields() {
            final Gs1Read read = Gs1ElementString.parse("]D2" + GTIN + EXPIRY + "10abc123" + GS + "21xyz789");

            assertThat(read.symbology()).isEqualTo(Symbology.GS1_DATAMATRIX);
            assertThat(read.get("10")).hasValue("abc123");
            assertThat(read.get("21")).hasValue("xyz789");
            assertThat(messages(read)).containsExactly("symbology identifier ']D2' has the wrong case (expected"
                    + " ']d2'): Caps Lock may be on, so letters may have the wrong case; check lot 'abc123' and"
                    + " serial 'xyz789' against the pack; nothing was changed");
        }

        @ParameterizedTest
        @CsvSource({"]c1, GS1_128", "]q3, GS1_QR"})
        void acceptsOtherCaseFlippedIdentifiersButWarns(final String identifier, final Symbology symbology) {
            final Gs1Read read = Gs1ElementString.parse(identifier + GTIN + "10ABC");

            assertThat(read.symbology()).isEqualTo(symbology);
            assertThat(messages(read)).singleElement().asString()
                    .contains("'" + identifier + "' has the wrong case")
                    .contains("lot 'ABC'")
                    .doesNotContain("serial");
        }

        @Test
        void warnsWithoutNamingFieldsThatAreNotThere() {
            assertThat(messages(Gs1ElementString.parse("]D2" + GTIN + EXPIRY))).containsExactly(
                    "symbology identifier ']D2' has the wrong case (expected ']d2'): Caps Lock may be on, so"
                            + " letters may have the wrong case; nothing was changed");
        }

        @Test
        void namesTheSerialAloneWhenThereIsNoLot() {
            assertThat(messages(Gs1ElementString.parse("]D2" + GTIN + "21abc"))).singleElement().asString()
                    .contains("check serial 'abc' against the pack");
        }

        @Test
        void warnsAboutAGtinContainingLetters() {
            final Gs1Read read = Gs1ElementString.parse("010950600013435B" + EXPIRY + "10ABC");

            assertThat(read.get("01")).hasValue("0950600013435B");
            assertThat(messages(read)).containsExactly("GTIN (AI 01) '0950600013435B' contains characters other"
                    + " than digits: the scanner may be typing with Caps Lock on or a different keyboard layout");
        }

        @Test
        void warnsAboutDigitsTurnedIntoSymbolsByTheKeyboardLayout() {
            // AZERTY without Shift: 1 2 3 4 5 6 7 8 9 0 → & é " ' ( - è _ ç à
            final Gs1Read read = Gs1ElementString.parse("01" + "àç(à-ààà&\"'\"(é" + EXPIRY + "10ABC");

            assertThat(messages(read)).singleElement().asString().startsWith("GTIN (AI 01)");
        }

        @Test
        void warnsAboutAnExpiryContainingLetters() {
            assertThat(messages(Gs1ElementString.parse(GTIN + "1727O600"))).singleElement().asString()
                    .startsWith("expiry date (AI 17) '27O600' contains characters other than digits");
        }
    }

    @Nested
    class InHumanReadableForm {
        @Test
        void readsTheFormPrintedUnderABarcode() {
            final Gs1Read read = Gs1ElementString.parse("(01)09506000134352(17)270600(10)ABC123(21)XYZ789");

            assertThat(read.symbology()).isEqualTo(Symbology.HUMAN_READABLE);
            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC123"),
                    entry("21", "XYZ789"));
            assertThat(read.warnings()).isEmpty();
        }

        @Test
        void ignoresSpacesBetweenElements() {
            final Gs1Read read = Gs1ElementString.parse("(01) 09506000134352 (17) 270600 (10) ABC123\r\n");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("17", "270600"), entry("10", "ABC123"));
        }

        @Test
        void keepsParenthesesThatDoNotStartAnAiInsideTheValue() {
            final Gs1Read read = Gs1ElementString.parse("(01)09506000134352(10)AB(C)1(2(21)X(9)");

            assertThat(read.get("10")).hasValue("AB(C)1(2");
            assertThat(read.get("21")).hasValue("X(9)");
        }

        @Test
        void keepsAParenthesisAtTheEndOfAValue() {
            assertThat(Gs1ElementString.parse("(10)ABC)(3)(").get("10")).hasValue("ABC)(3)(");
        }

        @Test
        void rejectsAFixedLengthValueOfTheWrongLength() {
            assertRejected("(01)9506000134352(17)270600", Gs1Field.GTIN)
                    .hasMessage("GTIN (AI 01) must have 14 characters, but '9506000134352' has 13");
            assertRejected("(01)09506000134352(17)2706", Gs1Field.EXPIRY)
                    .hasMessage("expiry date (AI 17) must have 6 characters, but '2706' has 4");
            assertRejected("(01)09506000134352(17)2027-06-30", Gs1Field.EXPIRY)
                    .hasMessageContaining("must have 6 characters");
        }

        @Test
        void rejectsALotLongerThan20Characters() {
            assertRejected("(01)09506000134352(10)" + "L".repeat(21), Gs1Field.LOT)
                    .hasMessageStartingWith("lot longer than 20 characters (AI 10 read as");
        }

        @Test
        void rejectsAnEmptyValue() {
            assertRejected("(01)09506000134352(10)(21)X", Gs1Field.LOT).hasMessage("lot (AI 10) is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"(55)123", "(1)X", "(01", "(0A)123", "(01234)5", "()", "(3)", "(10 )ABC"})
        void rejectsSomethingThatIsNotAKnownAi(final String raw) {
            assertRejected(raw, Gs1Field.ELEMENT_STRING).hasMessageStartingWith("expected an AI such as (01)");
        }

        @Test
        void rejectsTextBetweenParenthesesThatIsNotAnAiAtTheStart() {
            assertRejected("(55)123(01)09506000134352", Gs1Field.ELEMENT_STRING)
                    .hasMessage("expected an AI such as (01) at position 1 but found '(55)123(01)09506000134352'");
        }

        @Test
        void rejectsAnAiRepeatedWithADifferentValue() {
            assertRejected("(10)A(10)B", Gs1Field.LOT)
                    .hasMessage("lot (AI 10) appears twice with different values: 'A' and 'B'");
        }
    }

    @Nested
    class AsADigitalLink {
        @Test
        void readsAGtinLotSerialAndExpiry() {
            final Gs1Read read = Gs1ElementString.parse(
                    "https://id.example.org/01/09506000134352/10/ABC123/21/XYZ789?17=270600");

            assertThat(read.symbology()).isEqualTo(Symbology.DIGITAL_LINK);
            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("10", "ABC123"), entry("21", "XYZ789"),
                    entry("17", "270600"));
            assertThat(read.warnings()).isEmpty();
        }

        @Test
        void acceptsPlainHttp() {
            assertThat(Gs1ElementString.parse("http://id.example.org/01/09506000134352").elements())
                    .containsExactly(entry("01", "09506000134352"));
        }

        @Test
        void acceptsAPathPrefixBeforeTheGtin() {
            final Gs1Read read = Gs1ElementString.parse("https://example.org/gs1/dl/01/09506000134352/10/ABC");

            assertThat(read.elements()).containsExactly(entry("01", "09506000134352"), entry("10", "ABC"));
        }

        @Test
        void takesALotThatLooksLikeAnAiAsALot() {
            final Gs1Read read = Gs1ElementString.parse("https://example.org/01/09506000134352/10/01/21/10");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("10", "01"), entry("21", "10"));
        }

        @ParameterizedTest
        @CsvSource({"9506000134352, 09506000134352", "96385074, 00000096385074", "036000291452, 00036000291452"})
        void padsAShorterGtinTo14Digits(final String gtin, final String expected) {
            assertThat(Gs1ElementString.parse("https://example.org/01/" + gtin).get("01")).hasValue(expected);
        }

        @Test
        void readsTheCpvKeyQualifierFirst() {
            assertThat(Gs1ElementString.parse("https://example.org/01/09506000134352/22/V1/10/L/21/S").elements())
                    .containsExactly(entry("01", "09506000134352"), entry("22", "V1"), entry("10", "L"),
                            entry("21", "S"));
        }

        @Test
        void readsASerialWithoutALot() {
            assertThat(Gs1ElementString.parse("https://example.org/01/09506000134352/21/S1?10=L1&17=270600")
                    .elements()).containsExactly(entry("01", "09506000134352"), entry("21", "S1"),
                    entry("10", "L1"), entry("17", "270600"));
        }

        @ParameterizedTest
        @CsvSource({
                "/21/S/10/L, AI 10 follows AI 21",
                "/10/L/22/V, AI 22 follows AI 10",
                "/21/S/22/V, AI 22 follows AI 21",
                "/10/L/10/M, AI 10 follows AI 10",
        })
        void rejectsKeyQualifiersOutOfOrder(final String path, final String problem) {
            assertRejected("https://example.org/01/09506000134352" + path, Gs1Field.ELEMENT_STRING)
                    .hasMessage("Digital Link key qualifiers must come in the order 22, 10, 21, but " + problem);
        }

        @Test
        void rejectsADataAttributeInThePath() {
            assertRejected("https://example.org/01/09506000134352/17/270600", Gs1Field.ELEMENT_STRING)
                    .hasMessage("expiry date (AI 17) is not a key qualifier of a GTIN, so it cannot be in a Digital"
                            + " Link path; it belongs in the query string, as ?17=...");
        }

        @Test
        void rejectsAPathSegmentThatIsNotAnAi() {
            assertRejected("https://example.org/01/09506000134352/lot/ABC", Gs1Field.ELEMENT_STRING)
                    .hasMessage("Digital Link path segment 'lot' after the GTIN is not a key qualifier;"
                            + " expected 22, 10 or 21");
        }

        @Test
        void percentDecodesPathSegments() {
            final Gs1Read read = Gs1ElementString.parse(
                    "https://example.org/01/09506000134352/10/AB%2FC%25%22/21/X%2bY+Z");

            assertThat(read.get("10")).hasValue("AB/C%\"");
            assertThat(read.get("21")).hasValue("X+Y+Z");
        }

        @Test
        void percentDecodesUtf8IntoCharactersThatTheLotCheckLaterRejects() {
            assertThat(Gs1ElementString.parse("https://example.org/01/09506000134352/10/L%C3%A9").get("10"))
                    .hasValue("Lé");
        }

        @ParameterizedTest
        @ValueSource(strings = {"AB%2", "AB%", "AB%G1", "AB%1G", "%ZZ", "AB%%41", "A%٠١"})
        void rejectsMalformedPercentEncoding(final String lot) {
            assertRejected("https://example.org/01/09506000134352/10/" + lot, Gs1Field.ELEMENT_STRING)
                    .hasMessageContaining("malformed percent-encoding");
        }

        @ParameterizedTest
        @ValueSource(strings = {"%C3", "%FF", "%C3%28", "%ED%A0%80"})
        void rejectsPercentEncodedBytesThatAreNotUtf8(final String lot) {
            assertRejected("https://example.org/01/09506000134352/10/" + lot, Gs1Field.ELEMENT_STRING)
                    .hasMessageContaining("not UTF-8");
        }

        @Test
        void ignoresNonNumericQueryParametersAndTheFragment() {
            final Gs1Read read = Gs1ElementString.parse(
                    "https://example.org/01/09506000134352/10/ABC?linkType=gs1:pip&17=270600&utm_source=x&&flag#17=9");

            assertThat(read.elements()).containsExactly(
                    entry("01", "09506000134352"), entry("10", "ABC"), entry("17", "270600"));
        }

        @Test
        void readsOtherNumericAisFromTheQuery() {
            final Gs1Read read = Gs1ElementString.parse(
                    "https://example.org/01/09506000134352?17=270600&11=250101&7003=2706301200&3103=000750");

            assertThat(read.elements()).containsOnlyKeys("01", "17", "11", "7003", "3103");
        }

        @Test
        void rejectsAnUnknownNumericQueryParameter() {
            assertRejected("https://example.org/01/09506000134352?17=270600&55=1", Gs1Field.ELEMENT_STRING)
                    .hasMessage("unknown or unsupported AI 55 in the Digital Link query string");
        }

        @Test
        void rejectsAnExpiryOfTheWrongLengthInTheQuery() {
            assertRejected("https://example.org/01/09506000134352?17=2027-06-30", Gs1Field.EXPIRY)
                    .hasMessage("expiry date (AI 17) must have 6 characters, but '2027-06-30' has 10");
        }

        @ParameterizedTest
        @ValueSource(strings = {"?17", "?17="})
        void rejectsAQueryAiWithoutAValue(final String query) {
            assertRejected("https://example.org/01/09506000134352" + query, Gs1Field.EXPIRY)
                    .hasMessageContaining("but '' has 0");
        }

        @Test
        void rejectsAnAiGivenInBothPathAndQueryWithDifferentValues() {
            assertRejected("https://example.org/01/09506000134352/10/ABC?10=ABD", Gs1Field.LOT)
                    .hasMessage("lot (AI 10) appears twice with different values: 'ABC' and 'ABD'");
        }

        @Test
        void rejectsALotLongerThan20Characters() {
            assertRejected("https://example.org/01/09506000134352/10/" + "L".repeat(21), Gs1Field.LOT)
                    .hasMessageStartingWith("lot longer than 20 characters (AI 10");
        }

        @Test
        void toleratesOneTrailingSlash() {
            assertThat(Gs1ElementString.parse("https://example.org/01/09506000134352/10/ABC/").get("10"))
                    .hasValue("ABC");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "https://example.org/01//10/ABC",
                "https://example.org//01/09506000134352",
                "https://example.org/01/09506000134352//",
        })
        void rejectsEmptyPathSegments(final String uri) {
            assertRejected(uri, Gs1Field.ELEMENT_STRING).hasMessageContaining("empty path segment");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "https://example.org/",
                "https://example.org/gtin/09506000134352",
                "https://example.org/01",
                "https://example.org/00/106141411234567897",
                "https://example.org/01/09506000134352/10",
        })
        void rejectsALinkWithoutAGtinPair(final String uri) {
            assertRejected(uri, Gs1Field.ELEMENT_STRING).hasMessageContaining("has no /01/{GTIN} in its path");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://", "https:///01/09506000134352", "https://?17=270600"})
        void rejectsALinkWithoutAHost(final String uri) {
            assertRejected(uri, Gs1Field.ELEMENT_STRING).hasMessageEndingWith("has no host");
        }

        @Test
        void rejectsALinkWithoutAPath() {
            assertRejected("https://example.org?17=270600", Gs1Field.ELEMENT_STRING)
                    .hasMessageEndingWith("has no path; expected /01/{GTIN}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0950600013", "095060001343520", "ABC"})
        void rejectsAGtinOfTheWrongLength(final String gtin) {
            assertRejected("https://example.org/01/" + gtin, Gs1Field.GTIN)
                    .hasMessageStartingWith("GTIN (AI 01) in a Digital Link must have 8, 12, 13 or 14 digits");
        }

        @Test
        void readsALinkFromA2dSymbolInAnyMode() {
            final String link = "https://example.org/01/09506000134352/10/ABC?17=270600";

            assertThat(Gs1ElementString.parse("]Q1" + link).symbology()).isEqualTo(Symbology.DIGITAL_LINK);
            assertThat(Gs1ElementString.parse("]d1" + link).symbology()).isEqualTo(Symbology.DIGITAL_LINK);
            assertThat(Gs1ElementString.parse("]Q1" + link).warnings()).isEmpty();
        }

        @Test
        void warnsAboutAnUpperCaseSchemeAndNamesTheSuspectFields() {
            final Gs1Read read = Gs1ElementString.parse("HTTPS://ID.EXAMPLE.ORG/01/09506000134352/10/ABC/21/XYZ");

            assertThat(read.get("10")).hasValue("ABC");
            assertThat(messages(read)).containsExactly("Digital Link scheme 'HTTPS' is not in lower case: Caps"
                    + " Lock may be on, so letters may have the wrong case; check lot 'ABC' and serial 'XYZ' against"
                    + " the pack; nothing was changed");
        }

        @Test
        void warnsAboutACaseFlippedIdentifierBeforeALink() {
            assertThat(messages(Gs1ElementString.parse("]q1HTTPS://EXAMPLE.ORG/01/09506000134352")))
                    .singleElement().asString().startsWith("symbology identifier ']q1' has the wrong case");
        }

        @Test
        void warnsAboutAGtinContainingLetters() {
            assertThat(messages(Gs1ElementString.parse("https://example.org/01/0950600013435X")))
                    .singleElement().asString().startsWith("GTIN (AI 01) '0950600013435X' contains characters");
        }
    }
}
