package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetStockHolding: who may read a batch-level holding, and what it says. */
class StockHoldingTest {
    private LedgerFixture f;

    @BeforeEach
    void aBatchOfWhichTheDistributorHoldsThirtyUnits() {
        f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
        final String shipment = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("quantities", List.of(Map.of("gtin", GTIN, "lot", "LOT1", "quantity", 30))))))
                .get("shipmentId").asText();
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipment));
    }

    @Test
    void theHolderSeesItsOwnHolding() {
        final JsonNode holding = holding(f.distributor, DISTRIBUTOR_GLN);

        assertThat(holding.get("gtin").asText()).isEqualTo(GTIN);
        assertThat(holding.get("lot").asText()).isEqualTo("LOT1");
        assertThat(holding.get("holderGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(holding.get("quantity").asLong()).isEqualTo(30);
    }

    @Test
    void theBatchOwnerAndTheRegulatorSeeEveryHoldingOfTheBatch() {
        assertThat(holding(f.manufacturer, DISTRIBUTOR_GLN).get("quantity").asLong()).isEqualTo(30);
        assertThat(holding(f.regulator, MANUFACTURER_GLN).get("quantity").asLong()).isEqualTo(70);
    }

    @Test
    void aPartyThatHoldsNoneSeesQuantityZero() {
        assertThat(holding(f.pharmacy, LedgerFixture.PHARMACY_GLN).get("quantity").asLong()).isZero();
    }

    @Test
    void anotherPartyMayNotReadSomeoneElsesHolding() {
        assertRefused(f.pharmacy, DISTRIBUTOR_GLN, "ACCESS_DENIED");
        assertRefused(f.manufacturer2, DISTRIBUTOR_GLN, "ACCESS_DENIED");
        assertRefused(f.outsider, DISTRIBUTOR_GLN, "CALLER_NOT_REGISTERED");
    }

    @Test
    void anUnknownBatchOrAMalformedGlnIsRefusedWithACode() {
        assertThatThrownBy(() -> f.ledger.evaluate(f.regulator, ctx -> f.contract.getStockHolding(ctx, GTIN, "NOPE",
                DISTRIBUTOR_GLN))).isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[BATCH_NOT_FOUND]");
        assertRefused(f.regulator, "123", "INVALID_ARGUMENT");
    }

    private JsonNode holding(final TestIdentity who, final String holderGln) {
        return f.query(who, ctx -> f.contract.getStockHolding(ctx, GTIN, "LOT1", holderGln));
    }

    private void assertRefused(final TestIdentity who, final String holderGln, final String code) {
        assertThatThrownBy(() -> f.ledger.evaluate(who, ctx -> f.contract.getStockHolding(ctx, GTIN, "LOT1",
                holderGln))).isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[" + code + "]");
    }
}
