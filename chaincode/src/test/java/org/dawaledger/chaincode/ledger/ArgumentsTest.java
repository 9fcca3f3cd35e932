package org.dawaledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dawaledger.chaincode.participant.Role;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"+5", " 5", "5 ", "٥", "0x5", "5e0", "99999999999999999999"})
    void aNumberIsPlainDecimalDigitsAndNothingElse(final String text) {
        assertThatThrownBy(() -> Arguments.positive("quantity", text, 1_000))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0005", "1000"})
    void aNumberInRangeIsAccepted(final String text) {
        assertThat(Arguments.positive("quantity", text, 1_000)).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uDBFF\uDFFF", "Paracetamol\uDBFF\uDFFF", "\uDBFF\uDFFFx", "a\uDBFF\uDFFFb"})
    void aTextHoldingTheLastCodePointUPlus10FFFFIsRefused(final String text) {
        assertThatThrownBy(() -> Arguments.text("legalName", text, 500))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("[INVALID_ARGUMENT] legalName holds the character U+10FFFF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uDBFF\uDFFD", "Paracetamol \uD83D\uDC8A", "\u067E\u06CC\u0631\u0627\u0633\u06CC\u0679",
        "\uFFFF"})
    void otherCharactersBeyondAsciiAreAccepted(final String text) {
        assertThat(Arguments.text("legalName", text, 500)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pharmacy", "Pharmacy", " PHARMACY", "PHARMACY ", "CHEMIST"})
    void anEnumeratedValueMatchesOnlyExactly(final String text) {
        assertThatThrownBy(() -> Arguments.oneOf("role", text, Role.class))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] role must be one of");
    }
}
