package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * U+10FFFF, the last code point, ends Fabric's composite-key ranges, so no text argument may hold it: every text
 * argument is refused with INVALID_ARGUMENT when it does, whether it names a record or is stored. The starting point:
 * a shipment of S0001 to the distributor in transit, and an open alert raised by the pharmacy.
 */
class ReservedCharacterTest {
    private static final String U_10FFFF = "\uDBFF\uDFFF";
    private static final String OTHER_GTIN = LedgerFixture.gtin("0950600013442");

    private LedgerFixture f;
    private String shipmentId;
    private String alertId;

    @BeforeEach
    void shipAPackAndRaiseAnAlert() {
        f = LedgerFixture.withCommissionedPacks();
        shipmentId = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        alertId = f.call(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0002", "", "",
                "Blurred print")).get("alertId").asText();
    }

    @Test
    void aShipmentIdHoldingItIsRefusedRatherThanLookedUp() {
        for (final String id : List.of(U_10FFFF, shipmentId + U_10FFFF)) {
            assertRefused(f.regulator, "shipmentId", ctx -> f.contract.getShipment(ctx, id));
            assertRefused(f.distributor, "shipmentId", ctx -> f.contract.receiveShipment(ctx, id));
            assertRefused(f.distributor, "shipmentId", ctx -> f.contract.rejectShipment(ctx, id, "damaged"));
            assertRefused(f.regulator, "shipmentId", ctx -> f.contract.cancelShipment(ctx, id, "wrong consignee"));
        }
        assertThat(f.query(f.regulator, ctx -> f.contract.getShipment(ctx, shipmentId)).get("status").asText())
                .isEqualTo("IN_TRANSIT");
    }

    @Test
    void anAlertIdHoldingItIsRefusedRatherThanLookedUp() {
        for (final String id : List.of(U_10FFFF, alertId + U_10FFFF)) {
            assertRefused(f.regulator, "alertId", ctx -> f.contract.getAlert(ctx, id));
            assertRefused(f.regulator, "alertId", ctx -> f.contract.resolveAlert(ctx, id, "FALSIFIED", "seized"));
        }
        assertThat(f.query(f.regulator, ctx -> f.contract.getAlert(ctx, alertId)).get("status").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void aProductNameHoldingItIsRefusedAndNothingIsRegistered() {
        assertRefused(f.manufacturer, "name", ctx -> f.contract.registerProduct(ctx, OTHER_GTIN,
                "Paracetamol" + U_10FFFF, "500 mg", "tablet", "REG-2", ""));
        assertRefused(f.manufacturer, "name", ctx -> f.contract.registerProduct(ctx, OTHER_GTIN, U_10FFFF,
                "500 mg", "tablet", "REG-2", ""));

        final JsonNode product = f.call(f.manufacturer, ctx -> f.contract.registerProduct(ctx, OTHER_GTIN,
                "Paracetamol \uD83D\uDC8A", "500 mg", "tablet", "REG-2", ""));
        assertThat(product.get("name").asText()).as("other supplementary characters are fine")
                .isEqualTo("Paracetamol \uD83D\uDC8A");
    }

    @Test
    void storedTextsHoldingItAreRefused() {
        assertRefused(f.regulator, "legalName", ctx -> f.contract.registerParticipant(ctx,
                LedgerFixture.gln("950000000012"), "PHARMACY", "Chemist" + U_10FFFF, "LIC-12", "",
                LedgerFixture.PHARMACY_MSP, TestIdentity.of(LedgerFixture.PHARMACY_MSP, "User12").certificatePem()));
        assertRefused(f.regulator, "reason", ctx -> f.contract.setParticipantStatus(ctx, PHARMACY_GLN,
                "SUSPENDED", "audit" + U_10FFFF));
        assertRefused(f.regulator, "reason", ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", U_10FFFF));
        assertRefused(f.distributor, "reason", ctx -> f.contract.rejectShipment(ctx, shipmentId,
                "damaged" + U_10FFFF));
        assertRefused(f.pharmacy, "description", ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0003", "", "",
                "Blurred" + U_10FFFF));
        assertRefused(f.regulator, "note", ctx -> f.contract.resolveAlert(ctx, alertId, "FALSIFIED",
                U_10FFFF));
    }

    @Test
    void aSerialOrLotHoldingItIsMalformed() {
        assertRefused(f.outsider, null, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001" + U_10FFFF, "", ""));
        assertRefused(f.outsider, null, ctx -> f.contract.verifyPack(ctx, GTIN, "", "LOT1" + U_10FFFF, ""));
        assertRefused(f.pharmacy, null, ctx -> f.contract.dispensePacks(ctx,
                packsJson(List.of("S0003" + U_10FFFF))));
    }

    /** Refused with INVALID_ARGUMENT naming the argument (when given), changing nothing. */
    private void assertRefused(final TestIdentity who, final String argument,
            final java.util.function.Function<org.hyperledger.fabric.contract.Context, String> call) {
        final ChaincodeException refusal = f.refused(who, call, ErrorCode.INVALID_ARGUMENT);
        if (argument != null) {
            assertThat(refusal.getMessage()).contains(argument).contains("U+10FFFF");
        }
    }
}
