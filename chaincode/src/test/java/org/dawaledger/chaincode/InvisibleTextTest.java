package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_MSP;
import static org.dawaledger.chaincode.LedgerFixture.gln;

import com.fasterxml.jackson.databind.JsonNode;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Required text must show something. Text made of spaces and invisible characters is blank, and no text may start or
 * end with one, or hide one inside (but the joiners Urdu needs between letters).
 */
class InvisibleTextTest {
    private final LedgerFixture f = LedgerFixture.withCommissionedPacks();

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff", "\u2060", "\u3000", "\u200c",
        "\u200d", "\u3164", "\u2800", "\u00a0\u200b\u2060", "\u2028"})
    void aRecallReasonOfOnlyInvisibleCharactersIsRefusedAsMissing(final String reason) {
        // Before the fix each of these recalled the batch with a reason nobody could read.
        assertThat(f.refused(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", reason),
                ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("reason is required");
        assertThat(f.query(f.outsider, ctx -> f.contract.getBatch(ctx, GTIN, "LOT1")).get("status").asText())
                .isEqualTo("RELEASED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Al-Shifa Pharmacy\u00a0", "\u00a0Al-Shifa Pharmacy", "Al-Shifa Pharmacy\u200b",
        "\ufeffAl-Shifa Pharmacy", "Al-Shifa Pharmacy\u200c", "Al-Shifa\u200bPharmacy", "Al-Shifa\u2060Pharmacy",
        "Al-Shifa\u202ePharmacy", "Al-Shifa\u2028Pharmacy", "Al-Shifa\u00adPharmacy"})
    void aLegalNameThatStartsEndsOrHidesAnInvisibleCharacterIsRefused(final String name) {
        f.refused(f.regulator, ctx -> f.contract.registerParticipant(ctx, gln("950000000040"), "PHARMACY", name,
                "LIC-40", "", PHARMACY_MSP, TestIdentity.of(PHARMACY_MSP, "User40").certificatePem()),
                ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"شفا\u200cخانہ", "دوا خانہ", "Dr.\u00a0Ahmed Pharmacy", "Chemist\u2007& Co",
        "کراچی\u200dمیڈیکل"})
    void namesWithJoinersBetweenLettersOrSpacesInsideAreAccepted(final String name) {
        final JsonNode participant = f.call(f.regulator, ctx -> f.contract.registerParticipant(ctx,
                gln("950000000041"), "PHARMACY", name, "LIC-41", "", PHARMACY_MSP,
                TestIdentity.of(PHARMACY_MSP, "User41").certificatePem()));

        assertThat(participant.get("legalName").asText()).isEqualTo(name);
    }
}
