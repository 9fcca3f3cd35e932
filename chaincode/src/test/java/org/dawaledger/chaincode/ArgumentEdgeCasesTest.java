package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;

import org.dawaledger.chaincode.ledger.ErrorCode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

/** Arguments at the edges of their forms, where a lenient reading would store something else than was meant. */
class ArgumentEdgeCasesTest {

    @Test
    void anIsoExpiryThatTheLabelsTwoDigitYearCannotNameIsRefused() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);

        // 2127-06-30 would print as 270630, which every scanner reads as 2027-06-30.
        final ChaincodeException refusal = f.refused(f.manufacturer, ctx -> f.contract.registerBatch(ctx, GTIN, "FAR",
                "2127-06-30", "10"), ErrorCode.INVALID_ARGUMENT);

        assertThat(refusal.getMessage()).contains("expiry").contains("2127-06-30");
        assertThat(f.call(f.manufacturer, ctx -> f.contract.registerBatch(ctx, GTIN, "NEAR", "2060-06-30", "10"))
                .get("expiry").asText()).isEqualTo("600630");
    }

    @Test
    void anEmptyItemInAShipmentIsNamedByItsPosition() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final ChaincodeException packs = f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                "{\"packs\":[null]}"), ErrorCode.INVALID_ARGUMENT);
        final ChaincodeException quantities = f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx,
                DISTRIBUTOR_GLN, "{\"quantities\":[null]}"), ErrorCode.INVALID_ARGUMENT);

        assertThat(packs.getMessage()).contains("packs[0] is empty");
        assertThat(quantities.getMessage()).contains("quantities[0] is empty");
    }

    @Test
    void aPackHistoryBookmarkIsPlainDigits() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        for (final String bookmark : new String[] {"+1", "-1", " 1", "1e0", "9999999999", "0"}) {
            assertThatThrownBy(() -> f.ledger.evaluate(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN,
                    "S0001", "", bookmark))).as(bookmark).isInstanceOf(ChaincodeException.class)
                    .hasMessageStartingWith("[INVALID_ARGUMENT] bookmark");
        }
    }
}
