package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import org.dawaledger.chaincode.ledger.ErrorCode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** InitLedger on a deployment that pins the regulator's MSP, and on one that does not: that one fails closed. */
class RegulatorPinTest {

    @Test
    void aPinnedDeploymentRefusesAnotherOrganisationThatTriesToBecomeTheRegulatorFirst() {
        final LedgerFixture f = new LedgerFixture();

        f.refused(f.manufacturer, ctx -> f.contract.initLedger(ctx, LedgerFixture.MANUFACTURER_MSP,
                LedgerFixture.MANUFACTURER_GLN, "Usurper", "X-1"), ErrorCode.ROLE_NOT_PERMITTED);

        f.call(f.regulator, ctx -> f.contract.initLedger(ctx, LedgerFixture.REGULATOR_MSP,
                LedgerFixture.REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001"));
        assertThat(f.query(f.regulator, ctx -> f.contract.whoAmI(ctx)).at("/participant/role").asText())
                .isEqualTo("REGULATOR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void aDeploymentThatPinsNoRegulatorMspRefusesInitLedgerFromAnyone(final String pin) {
        final LedgerFixture f = new LedgerFixture();
        final DawaLedgerContract unpinned = new DawaLedgerContract(pin);

        assertUnpinnedRefusal(f, unpinned);
    }

    @Test
    void anUnpinnedDeploymentRefusesInitLedgerFromAnyoneAndStaysUninitialised() {
        final LedgerFixture f = new LedgerFixture();
        final DawaLedgerContract unpinned = new DawaLedgerContract(null);

        assertUnpinnedRefusal(f, unpinned);
        // Still uninitialised: nothing else can run either.
        f.refused(f.regulator, ctx -> unpinned.registerParticipant(ctx, LedgerFixture.MANUFACTURER_GLN,
                "MANUFACTURER", "Maker", "LIC-1", "[\"9506000\"]", LedgerFixture.MANUFACTURER_MSP,
                f.manufacturer.certificatePem()),
                ErrorCode.LEDGER_NOT_INITIALISED);
    }

    /** Neither the real regulator nor another organisation can initialise an unpinned deployment. */
    private static void assertUnpinnedRefusal(final LedgerFixture f, final DawaLedgerContract unpinned) {
        final ChaincodeException regulatorRefused = f.refused(f.regulator, ctx -> unpinned.initLedger(ctx,
                LedgerFixture.REGULATOR_MSP, LedgerFixture.REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001"),
                ErrorCode.ROLE_NOT_PERMITTED);
        assertThat(regulatorRefused.getMessage()).contains(DawaLedgerContract.REGULATOR_MSP_VARIABLE);
        f.refused(f.manufacturer, ctx -> unpinned.initLedger(ctx, LedgerFixture.MANUFACTURER_MSP,
                LedgerFixture.MANUFACTURER_GLN, "Usurper", "X-1"), ErrorCode.ROLE_NOT_PERMITTED);
        f.refused(f.outsider, ctx -> unpinned.initLedger(ctx, LedgerFixture.PHARMACY_MSP,
                LedgerFixture.PHARMACY_GLN, "Usurper", "X-2"), ErrorCode.ROLE_NOT_PERMITTED);

        assertThat(f.query(f.regulator, ctx -> unpinned.whoAmI(ctx)).has("participant")).isFalse();
    }

    @Test
    void aPinnedDeploymentStillRequiresTheCallerToBeOfThePinnedMsp() {
        final LedgerFixture f = new LedgerFixture();

        final ChaincodeException refusal = f.refused(f.manufacturer, ctx -> f.contract.initLedger(ctx,
                LedgerFixture.REGULATOR_MSP, LedgerFixture.MANUFACTURER_GLN, "Usurper", "X-1"),
                ErrorCode.ROLE_NOT_PERMITTED);

        assertThat(refusal.getMessage()).contains(LedgerFixture.MANUFACTURER_MSP);
    }
}
