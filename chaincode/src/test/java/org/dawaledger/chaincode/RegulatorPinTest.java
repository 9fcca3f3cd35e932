package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import org.dawaledger.chaincode.testing.InMemoryLedger;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

/** InitLedger on a deployment that pins the regulator's MSP, and on one that does not. */
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

    @Test
    void anUnpinnedDeploymentLetsTheFirstCallerOfAnyMspBecomeTheRegulatorWhichIsWhyDeploymentsPinIt() {
        final InMemoryLedger ledger = new InMemoryLedger();
        final DawaLedgerContract unpinned = new DawaLedgerContract(null);
        final TestIdentity manufacturer = TestIdentity.of(LedgerFixture.MANUFACTURER_MSP, "User1");

        final String answer = ledger.submit(manufacturer, ctx -> unpinned.initLedger(ctx,
                LedgerFixture.MANUFACTURER_MSP, LedgerFixture.MANUFACTURER_GLN, "Usurper", "X-1"));

        assertThat(LedgerFixture.parse(answer).get("role").asText()).isEqualTo("REGULATOR");
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
