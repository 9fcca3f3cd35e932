/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gs1ReadTest {
    private static final String GS = "\u001D";

    private static Gs1Read read(final String... aiValuePairs) {
        final Map<String, String> elements = new LinkedHashMap<>();
        for (int i = 0; i < aiValuePairs.length; i += 2) {
            elements.put(aiValuePairs[i], aiValuePairs[i + 1]);
        }
        return new Gs1Read(Symbology.UNKNOWN, elements, List.of());
    }

    @Test
    void makesAPackIdentifierFromADataMatrixRead() {
        final Gs1Read read = Gs1ElementString.parse(
                "]d2" + "0109506000134352" + "17270600" + "10ABC123" + GS + "21XYZ789\r\n");

        final PackIdentifier pack = read.toPackIdentifier(2026);

        assertThat(pack.gtin()).isEqualTo(Gtin.parse("09506000134352"));
        assertThat(pack.expiry().lastDay()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(pack.expiry().yymmdd()).isEqualTo("270600");
        assertThat(pack.lot()).isEqualTo("ABC123");
        assertThat(pack.serial()).hasValue("XYZ789");
    }

    @Test
    void makesTheSamePackIdentifierFromEveryFormOfTheSameLabel() {
        final PackIdentifier fromDataMatrix = Gs1ElementString.parse(
                "]d2" + "0109506000134352" + "17270600" + "10ABC123" + GS + "21XYZ789").toPackIdentifier(2026);
        final PackIdentifier fromHumanReadable = Gs1ElementString.parse(
                "(01)09506000134352(17)270600(10)ABC123(21)XYZ789").toPackIdentifier(2026);
        final PackIdentifier fromDigitalLink = Gs1ElementString.parse(
                "https://id.example.org/01/09506000134352/10/ABC123/21/XYZ789?17=270600").toPackIdentifier(2026);

        assertThat(fromDataMatrix).isEqualTo(fromHumanReadable).isEqualTo(fromDigitalLink);
    }

    @Test
    void makesAPackIdentifierWithoutASerialForAPackThatIsNotSerialised() {
        final PackIdentifier pack = read("01", "09506000134352", "17", "270600", "10", "ABC123").toPackIdentifier(2026);

        assertThat(pack.serial()).isEmpty();
    }

    @Test
    void ignoresAisAPackIdentifierDoesNotNeed() {
        final PackIdentifier pack = Gs1ElementString.parse(
                "0109506000134352" + "11250101" + "17270600" + "10ABC" + GS + "240EXTRA" + GS + "91X")
                .toPackIdentifier(2026);

        assertThat(pack.lot()).isEqualTo("ABC");
    }

    @Test
    void resolvesTheExpiryCenturyWithTheReferenceYear() {
        final Gs1Read read = read("01", "09506000134352", "17", "770100", "10", "ABC");

        assertThat(read.toPackIdentifier(2026).expiry().lastDay()).isEqualTo(LocalDate.of(1977, 1, 31));
        assertThat(read.toPackIdentifier(2027).expiry().lastDay()).isEqualTo(LocalDate.of(2077, 1, 31));
    }

    @Test
    void resolvesTheExpiryYearWithGs1sSlidingWindowAroundTheReferenceYear() {
        // GS1 General Specifications 7.12: within -49..+50 years of the reference year
        final String[][] cases = {{"2026", "760100", "2076"}, {"2026", "770100", "1977"}, {"2049", "990100", "2099"},
            {"2050", "000100", "2100"}, {"2050", "990100", "2099"}, {"2099", "490100", "2149"}};
        for (final String[] c : cases) {
            assertThat(read("01", "09506000134352", "17", c[1], "10", "ABC").toPackIdentifier(Integer.parseInt(c[0]))
                    .expiry().lastDay().getYear()).as("%s in %s", c[1], c[0]).isEqualTo(Integer.parseInt(c[2]));
        }
    }

    @Test
    void acceptsAGtin13InTheElementsAndPadsIt() {
        assertThat(read("01", "9506000134352", "17", "270600", "10", "A").toPackIdentifier(2026).gtin().value())
                .isEqualTo("09506000134352");
    }

    @Test
    void rejectsAReadWithoutAGtin() {
        assertThatThrownBy(() -> read("17", "270600", "10", "ABC").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN (AI 01) is missing from the read")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.GTIN);
    }

    @Test
    void rejectsAReadWithoutAnExpiry() {
        assertThatThrownBy(() -> read("01", "09506000134352", "10", "ABC").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry date (AI 17) is missing from the read")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.EXPIRY);
    }

    @Test
    void rejectsAReadWithoutALot() {
        assertThatThrownBy(() -> read("01", "09506000134352", "17", "270600", "21", "S").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("lot (AI 10) is missing from the read")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.LOT);
    }

    @Test
    void rejectsAGtinWhoseCheckDigitIsWrong() {
        assertThatThrownBy(() -> Gs1ElementString.parse("0109506000134353" + "17270600" + "10ABC").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("GTIN check digit is 3, expected 2");
    }

    @Test
    void rejectsAGtinThatTheScannerTypedWithLetters() {
        final Gs1Read read = Gs1ElementString.parse("010950600013435B" + "17270600" + "10ABC");

        assertThat(read.warnings()).isNotEmpty();
        assertThatThrownBy(() -> read.toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.GTIN);
    }

    @Test
    void rejectsAnExpiryThatDoesNotExist() {
        assertThatThrownBy(() -> Gs1ElementString.parse("0109506000134352" + "17250229" + "10ABC").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.EXPIRY);
    }

    @Test
    void rejectsAnExpiryInIsoFormBecauseAi17IsAlwaysYymmdd() {
        assertThatThrownBy(() -> read("01", "09506000134352", "17", "2027-06-30", "10", "A").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("expiry date (AI 17) must be 6 digits YYMMDD, but '2027-06-30' has 10 characters")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.EXPIRY);
    }

    @Test
    void rejectsALotOutsideSet82() {
        assertThatThrownBy(() -> Gs1ElementString.parse("0109506000134352" + "17270600" + "10AB C").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("lot contains space (U+0020) at position 3, which is not in GS1 character set 82")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.LOT);
    }

    @Test
    void rejectsASerialOutsideSet82() {
        assertThatThrownBy(() -> Gs1ElementString.parse("(01)09506000134352(17)270600(10)A(21)X#1").toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.SERIAL);
    }

    @Test
    void rejectsANonUtf8OrNonAsciiLotFromADigitalLink() {
        assertThatThrownBy(() -> Gs1ElementString.parse("https://example.org/01/09506000134352/10/L%C3%A9?17=270600")
                .toPackIdentifier(2026))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("'é' (U+00E9) at position 2");
    }

    @Test
    void checksTheFieldsInTheOrderGtinExpiryLotSerial() {
        assertThatThrownBy(() -> read("01", "0", "17", "x", "10", " ", "21", " ").toPackIdentifier(2026))
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.GTIN);
        assertThatThrownBy(() -> read("01", "09506000134352", "17", "x", "10", " ", "21", " ").toPackIdentifier(2026))
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.EXPIRY);
        assertThatThrownBy(() -> read("01", "09506000134352", "17", "270600", "10", " ", "21", " ")
                .toPackIdentifier(2026))
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.LOT);
        assertThatThrownBy(() -> read("01", "09506000134352", "17", "270600", "10", "A", "21", " ")
                .toPackIdentifier(2026))
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.SERIAL);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 26, 99999})
    void rejectsAnUnusableReferenceYearWithATypedErrorNamingIt(final int referenceYear) {
        final Gs1Read read = read("01", "09506000134352", "17", "270600", "10", "A");

        assertThatThrownBy(() -> read.toPackIdentifier(referenceYear)).isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.REFERENCE_YEAR);
        assertThatThrownBy(() -> read.toScannedItem(referenceYear)).isInstanceOf(Gs1FormatException.class)
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.REFERENCE_YEAR);
    }

    @Test
    void givesTheValueOfAnAi() {
        final Gs1Read read = read("01", "09506000134352", "10", "ABC");

        assertThat(read.get("10")).hasValue("ABC");
        assertThat(read.get("21")).isEmpty();
        assertThat(read.get(null)).isEmpty();
    }

    @Test
    void keepsTheElementsInTheOrderRead() {
        final Gs1Read read = read("21", "S", "10", "L", "17", "270600", "01", "09506000134352");

        assertThat(read.elements().keySet()).containsExactly("21", "10", "17", "01");
    }

    @Test
    void cannotBeChangedAfterwards() {
        final Map<String, String> elements = new LinkedHashMap<>(Map.of("10", "ABC"));
        final Gs1Warning careful = new Gs1Warning(Gs1Warning.Kind.REPEATED_ELEMENT, Gs1Field.LOT, "careful");
        final List<Gs1Warning> warnings = new ArrayList<>(List.of(careful));
        final Gs1Read read = new Gs1Read(Symbology.GS1_128, elements, warnings);

        elements.put("10", "CHANGED");
        warnings.clear();

        assertThat(read.elements()).containsEntry("10", "ABC");
        assertThat(read.warnings()).containsExactly(careful);
        assertThatThrownBy(() -> read.elements().put("21", "X")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.warnings().add(careful)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNulls() {
        final Map<String, String> nullValue = new HashMap<>();
        nullValue.put("10", null);
        final Map<String, String> nullAi = new HashMap<>();
        nullAi.put(null, "X");

        assertThatThrownBy(() -> new Gs1Read(null, Map.of(), List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gs1Read(Symbology.UNKNOWN, null, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gs1Read(Symbology.UNKNOWN, Map.of(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gs1Read(Symbology.UNKNOWN, nullValue, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gs1Read(Symbology.UNKNOWN, nullAi, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gs1Read(Symbology.UNKNOWN, Map.of(), java.util.Arrays.asList(
                new Gs1Warning(Gs1Warning.Kind.BOM_REMOVED, Gs1Field.ELEMENT_STRING, "x"), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void isEqualToAReadWithTheSameContent() {
        assertThat(read("10", "A")).isEqualTo(read("10", "A")).hasSameHashCodeAs(read("10", "A"))
                .isNotEqualTo(read("10", "B"));
        assertThat(new Gs1Read(Symbology.GS1_QR, Map.of(), List.of()).get("10")).isEqualTo(Optional.empty());
    }
}
