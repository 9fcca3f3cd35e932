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
    @ValueSource(strings = {"pharmacy", "Pharmacy", " PHARMACY", "PHARMACY ", "CHEMIST"})
    void anEnumeratedValueMatchesOnlyExactly(final String text) {
        assertThatThrownBy(() -> Arguments.oneOf("role", text, Role.class))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] role must be one of");
    }
}
