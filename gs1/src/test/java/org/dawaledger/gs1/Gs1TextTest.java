/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gs1TextTest {
    private static final String CSET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("lot", Gs1Field.LOT, (UnaryOperator<String>) Gs1Text::lot),
                Arguments.of("serial", Gs1Field.SERIAL, (UnaryOperator<String>) Gs1Text::serial));
    }

    static Stream<Character> asciiOutsideCset82() {
        final List<Character> outside = new ArrayList<>();
        for (char c = 0; c < 128; c++) {
            if (CSET_82.indexOf(c) < 0) {
                outside.add(c);
            }
        }
        return outside.stream();
    }

    @Test
    void hasCharacterSet82Exactly82Characters() {
        assertThat(CSET_82.chars().distinct().count()).isEqualTo(82);
        assertThat(asciiOutsideCset82().count()).isEqualTo(128 - 82);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void acceptsEveryCharacterOfSet82(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        for (int i = 0; i < CSET_82.length(); i += Gs1Text.MAX_LENGTH) {
            final String chunk = CSET_82.substring(i, Math.min(CSET_82.length(), i + Gs1Text.MAX_LENGTH));
            assertThat(check.apply(chunk)).isEqualTo(chunk);
        }
    }

    @ParameterizedTest
    @MethodSource("asciiOutsideCset82")
    void rejectsEveryAsciiCharacterOutsideSet82(final char c) {
        final String text = "AB" + c + "C";

        assertThatThrownBy(() -> Gs1Text.lot(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageStartingWith("lot contains ")
                .hasMessageEndingWith(" at position 3, which is not in GS1 character set 82");
        assertThat(Gs1Text.isCset82(text)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("checks")
    void returnsTheTextUnchanged(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        assertThat(check.apply("AbC-12/x")).isEqualTo("AbC-12/x");
    }

    @Test
    void keepsLetterCaseBecauseLotsAreCaseSensitive() {
        assertThat(Gs1Text.lot("abc123")).isEqualTo("abc123").isNotEqualTo(Gs1Text.lot("ABC123"));
    }

    @ParameterizedTest
    @MethodSource("checks")
    void acceptsOneCharacter(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        assertThat(check.apply("7")).isEqualTo("7");
    }

    @ParameterizedTest
    @MethodSource("checks")
    void acceptsTwentyCharacters(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        assertThat(check.apply("A".repeat(20))).hasSize(Gs1Text.MAX_LENGTH);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void rejectsTwentyOneCharacters(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        assertThatThrownBy(() -> check.apply("A".repeat(21)))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage(name + " is 21 characters long; at most 20 are allowed")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void rejectsNothing(final String name, final Gs1Field field, final UnaryOperator<String> check) {
        assertThatThrownBy(() -> check.apply(null))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage(name + " is missing")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(field);
        assertThatThrownBy(() -> check.apply(""))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage(name + " is empty")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void namesTheFirstBadCharacterAndItsPosition(final String name, final Gs1Field field,
            final UnaryOperator<String> check) {
        assertThatThrownBy(() -> check.apply("AB C#D"))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage(name + " contains space (U+0020) at position 3, which is not in GS1 character set 82")
                .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(field);
    }

    @Test
    void namesAGsSeparatorLeftInALot() {
        assertThatThrownBy(() -> Gs1Text.lot("ABC\u001D21X"))
                .hasMessage("lot contains GS (U+001D) at position 4, which is not in GS1 character set 82");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "~"})
    void rejectsPunctuationThatLooksHarmlessButIsNotInSet82(final String c) {
        assertThatThrownBy(() -> Gs1Text.serial("X" + c))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessage("serial contains '" + c + "' at position 2, which is not in GS1 character set 82");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ÄBC", "LOT\u00A0", "ＡBC", "LOTé"})
    void rejectsCharactersOutsideAscii(final String text) {
        assertThatThrownBy(() -> Gs1Text.lot(text))
                .isInstanceOf(Gs1FormatException.class)
                .hasMessageContaining("(U+");
    }

    @Test
    void namesACharacterOutsideTheBasicPlaneByItsCodePoint() {
        assertThatThrownBy(() -> Gs1Text.lot("A\uD83D\uDC8A"))
                .hasMessage("lot contains '\uD83D\uDC8A' (U+1F48A) at position 2, which is not in GS1 character set 82");
    }

    @Test
    void reportsABadCharacterBeforeTheLengthBecauseItExplainsMore() {
        assertThatThrownBy(() -> Gs1Text.lot("ABCDEFGHIJ\u001DKLMNOPQRSTUVWXYZ"))
                .hasMessageContaining("GS (U+001D) at position 11");
    }

    @Test
    void saysWhetherTextIsInSet82WithoutCheckingLength() {
        assertThat(Gs1Text.isCset82(CSET_82)).isTrue();
        assertThat(Gs1Text.isCset82("A".repeat(100))).isTrue();
        assertThat(Gs1Text.isCset82("A B")).isFalse();
        assertThat(Gs1Text.isCset82("A\u001D")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void saysThatNothingIsNotInSet82(final String text) {
        assertThat(Gs1Text.isCset82(text)).isFalse();
        assertThat(Gs1Text.isValid(text)).isFalse();
    }

    @Test
    void saysWhetherTextIsAValidLotOrSerial() {
        assertThat(Gs1Text.isValid("ABC123")).isTrue();
        assertThat(Gs1Text.isValid("A".repeat(20))).isTrue();
        assertThat(Gs1Text.isValid("A".repeat(21))).isFalse();
        assertThat(Gs1Text.isValid("ABC 123")).isFalse();
    }
}
