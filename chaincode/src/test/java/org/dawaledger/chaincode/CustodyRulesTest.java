package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ShipPacks, ReceiveShipment, RejectShipment and GetShipment. The starting point is the fixture's released batch
 * LOT1 of 100 units with S0001…S0010 serialised, which makes LOT1 a serialised batch whose packs move by serial only,
 * and {@link #BULK}, a released batch of 100 units the manufacturer holds and never serialises, whose units move by
 * quantity.
 */
class CustodyRulesTest {
    private static final String UNREGISTERED_GLN = LedgerFixture.gln("950000000099");
    /** A batch of {@link LedgerFixture#GTIN} without serials: its units move at batch level. */
    private static final String BULK = "BULK1";

    // ------------------------------------------------------------------ shipping and receiving packs

    @Test
    void shippedPacksStayWithTheShipperInTransitUntilTheReceiverReceivesThem() {
        final LedgerFixture f = withBulkBatch();
        final Instant shippedAt = f.ledger.now();

        final JsonNode shipment = f.call(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001", "S0002"), List.of())));

        final String id = shipment.get("shipmentId").asText();
        assertThat(id).isEqualTo(f.ledger.lastTxId());
        assertThat(shipment.get("shipperGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(shipment.get("receiverGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(shipment.get("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(shipment.get("shippedAt").asText()).isEqualTo(shippedAt.toString());
        assertThat(shipment.has("closedAt")).isFalse();
        assertThat(serialsOf(shipment)).containsExactly("S0001", "S0002");
        assertThat(shipment.get("quantities")).isEmpty();
        final JsonNode dispatched = f.lastEvent();
        assertThat(dispatched.get("type").asText()).isEqualTo("ShipmentDispatched");
        assertThat(dispatched.get("actor").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(dispatched.at("/data/shipment")).isEqualTo(shipment);

        final JsonNode inTransit = verify(f, "S0001");
        assertThat(inTransit.get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(inTransit.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(inTransit.get("inTransit").asBoolean()).isTrue();
        assertThat(inTransit.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        assertThat(verify(f, "S0003").get("inTransit").asBoolean()).isFalse();
        assertThat(f.query(f.distributor, ctx -> f.contract.getShipment(ctx, id))).isEqualTo(shipment);

        f.ledger.advance(java.time.Duration.ofHours(5));
        final Instant receivedAt = f.ledger.now();
        final JsonNode received = f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        final String receiveTx = f.ledger.lastTxId();
        assertThat(received.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.get("closedAt").asText()).isEqualTo(receivedAt.toString());
        assertThat(received.get("shippedAt").asText()).isEqualTo(shippedAt.toString());
        assertThat(received.get("lastTxId").asText()).isEqualTo(receiveTx);
        assertThat(f.lastEvent().get("type").asText()).isEqualTo("ShipmentReceived");
        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(f.lastEvent().at("/data/shipment")).isEqualTo(received);
        assertThat(f.query(f.manufacturer, ctx -> f.contract.getShipment(ctx, id))).isEqualTo(received);
        for (final String serial : List.of("S0001", "S0002")) {
            final JsonNode verdict = verify(f, serial);
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(verdict.get("inTransit").asBoolean()).isFalse();
            assertThat(verdict.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
            assertThat(packRecord(f, serial).get("lastAction").asText()).isEqualTo("RECEIVED");
        }
        assertThat(verify(f, "S0003").get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
    }

    @Test
    void aReceiverPassesReceivedPacksOnAndThePreviousHolderCanNoLongerMoveThem() {
        final LedgerFixture f = withBulkBatch();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));

        assertThat(verify(f, "S0001").get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        for (final TestIdentity former : List.of(f.manufacturer, f.distributor)) {
            f.refused(former, ctx -> f.contract.shipPacks(ctx, PHARMACY2_GLN, contents(List.of("S0001"), List.of())),
                    ErrorCode.NOT_CUSTODIAN);
        }
        final String back = f.ship(f.pharmacy, DISTRIBUTOR_GLN, List.of("S0001"));
        assertThat(shipment(f, f.regulator, back).get("shipperGln").asText()).isEqualTo(PHARMACY_GLN);
    }

    // ------------------------------------------------------------------ batch-level units

    @Test
    void unitsShippedByBatchQuantityLeaveTheShipperAtOnceAndReachTheReceiverOnReceipt() {
        final LedgerFixture f = withBulkBatch();

        final JsonNode shipment = f.call(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 30)))));

        assertThat(shipment.get("packs")).isEmpty();
        assertThat(shipment.at("/quantities/0/gtin").asText()).isEqualTo(GTIN);
        assertThat(shipment.at("/quantities/0/lot").asText()).isEqualTo(BULK);
        assertThat(shipment.at("/quantities/0/quantity").asLong()).isEqualTo(30);
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(70);
        assertThat(stock(f, BULK, DISTRIBUTOR_GLN)).isZero();

        final String id = shipment.get("shipmentId").asText();
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(70);
        assertThat(stock(f, BULK, DISTRIBUTOR_GLN)).isEqualTo(30);
        f.refused(f.distributor,
                ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of(), List.of(units(BULK, 31)))),
                ErrorCode.INSUFFICIENT_STOCK);
        f.call(f.distributor,
                ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of(), List.of(units(BULK, 30)))));
        assertThat(stock(f, BULK, DISTRIBUTOR_GLN)).isZero();
        assertThat(f.query(f.regulator, ctx -> f.contract.getBatch(ctx, GTIN, BULK)).get("quantity").asLong())
                .as("moving units does not change the batch's size").isEqualTo(100);
    }

    @Test
    void aShipmentMayCarryPacksAndUnitsTogether() {
        final LedgerFixture f = withBulkBatch();

        final JsonNode shipment = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001"), List.of(units(BULK, 100)))));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipment.get("shipmentId").asText()));

        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isZero();
        assertThat(stock(f, BULK, DISTRIBUTOR_GLN)).isEqualTo(100);
        assertThat(verify(f, "S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
    }

    // ------------------------------------------------------------------ rejecting

    @Test
    void aRejectedShipmentReturnsItsPacksAndUnitsToTheShipper() {
        final LedgerFixture f = withBulkBatch();
        final JsonNode shipment = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001", "S0002"), List.of(units(BULK, 40)))));
        final String id = shipment.get("shipmentId").asText();
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(60);

        final JsonNode rejected = f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "damaged cartons"));

        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("damaged cartons");
        assertThat(rejected.get("closedAt").asText()).isEqualTo(f.ledger.now().toString());
        assertThat(f.lastEvent().get("type").asText()).isEqualTo("ShipmentRejected");
        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(f.lastEvent().at("/data/shipment")).isEqualTo(rejected);
        assertThat(shipment(f, f.manufacturer, id)).isEqualTo(rejected);
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(100);
        assertThat(stock(f, BULK, DISTRIBUTOR_GLN)).isZero();
        for (final String serial : List.of("S0001", "S0002")) {
            final JsonNode verdict = verify(f, serial);
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(verdict.get("inTransit").asBoolean()).isFalse();
            assertThat(packRecord(f, serial).get("lastAction").asText()).isEqualTo("RETURNED");
        }
        // The returned packs move again, and the receiver never held them.
        f.refused(f.distributor, ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.NOT_CUSTODIAN);
        f.ship(f.manufacturer, PHARMACY_GLN, List.of("S0001", "S0002"));
    }

    @ParameterizedTest(name = "reason \"{0}\"")
    @ValueSource(strings = {"", "   ", " padded"})
    void aRejectionNeedsAReason(final String reason) {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, reason), ErrorCode.INVALID_ARGUMENT);
    }

    // ------------------------------------------------------------------ GetShipment

    @Test
    void theShipperTheReceiverAndTheRegulatorMayReadAShipmentAndNoOneElse() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        for (final TestIdentity reader : List.of(f.manufacturer, f.distributor, f.regulator)) {
            assertThat(shipment(f, reader, id).get("shipmentId").asText()).isEqualTo(id);
        }
        for (final TestIdentity stranger : List.of(f.pharmacy, f.manufacturer2, f.importer)) {
            f.refused(stranger, ctx -> f.contract.getShipment(ctx, id), ErrorCode.ACCESS_DENIED);
        }
        f.refused(f.outsider, ctx -> f.contract.getShipment(ctx, id), ErrorCode.CALLER_NOT_REGISTERED);
    }

    @Test
    void aSuspendedShipperMayNoLongerReadItsShipment() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        suspend(f, MANUFACTURER_GLN);

        f.refused(f.manufacturer, ctx -> f.contract.getShipment(ctx, id), ErrorCode.CALLER_NOT_ACTIVE);
    }

    @Test
    void anUnknownShipmentIsNotFound() {
        final LedgerFixture f = withBulkBatch();
        final String unknown = "0".repeat(64);

        f.refused(f.regulator, ctx -> f.contract.getShipment(ctx, unknown), ErrorCode.SHIPMENT_NOT_FOUND);
        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, unknown), ErrorCode.SHIPMENT_NOT_FOUND);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, unknown, "unknown"),
                ErrorCode.SHIPMENT_NOT_FOUND);
        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, ""), ErrorCode.INVALID_ARGUMENT);
    }

    // ------------------------------------------------------------------ receivers

    @Test
    void aReceiverThatIsNotRegisteredIsNotFound() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, UNREGISTERED_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.PARTICIPANT_NOT_FOUND);
    }

    @ParameterizedTest(name = "receiver \"{0}\"")
    @ValueSource(strings = {"", "950000000004", "95000000000400", "950000000004X", " 9500000000040"})
    void aMalformedReceiverGlnIsRefused(final String gln) {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, gln, contents(List.of("S0001"), List.of())),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aReceiverGlnWithAWrongCheckDigitIsRefused() {
        final LedgerFixture f = withBulkBatch();
        final String wrongCheckDigit = DISTRIBUTOR_GLN.substring(0, 12)
                + ((DISTRIBUTOR_GLN.charAt(12) - '0' + 1) % 10);

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, wrongCheckDigit, contents(List.of("S0001"), List.of())),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theRegulatorCannotReceiveStock() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, REGULATOR_GLN, contents(List.of("S0001"), List.of(units(BULK, 1)))),
                ErrorCode.RECEIVER_NOT_ELIGIBLE);
    }

    @Test
    void aPartyCannotShipToItself() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, MANUFACTURER_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.RECEIVER_NOT_ELIGIBLE);
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, MANUFACTURER_GLN, contents(List.of(), List.of(units(BULK, 5)))),
                ErrorCode.RECEIVER_NOT_ELIGIBLE);
    }

    @ParameterizedTest(name = "receiver {0}")
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void aReceiverWithoutAnActiveLicenceIsNotEligible(final String status) {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, DISTRIBUTOR_GLN, status, "inspection"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.RECEIVER_NOT_ELIGIBLE);
    }

    @Test
    void anotherManufacturerMayReceiveStock() {
        final LedgerFixture f = withBulkBatch();

        final String id = f.ship(f.manufacturer, MANUFACTURER2_GLN, List.of("S0001"));
        f.call(f.manufacturer2, ctx -> f.contract.receiveShipment(ctx, id));

        assertThat(verify(f, "S0001").get("custodianGln").asText()).isEqualTo(MANUFACTURER2_GLN);
    }

    // ------------------------------------------------------------------ shippers

    @Test
    void onlyActiveLicensedSupplyChainPartiesMayShip() {
        final LedgerFixture f = withBulkBatch();
        final String packs = contents(List.of("S0001"), List.of());

        f.refused(f.regulator, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, packs), ErrorCode.ROLE_NOT_PERMITTED);
        f.refused(f.outsider, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, packs),
                ErrorCode.CALLER_NOT_REGISTERED);
        suspend(f, MANUFACTURER_GLN);
        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, packs),
                ErrorCode.CALLER_NOT_ACTIVE);
    }

    // ------------------------------------------------------------------ packs that may not move

    @Test
    void aPackHeldByAnotherPartyMayNotBeShipped() {
        final LedgerFixture f = withBulkBatch();

        final var refusal = f.refused(f.manufacturer2,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.NOT_CUSTODIAN);

        assertThat(refusal.getMessage()).contains(MANUFACTURER_GLN);
    }

    @Test
    void theReceiverMayNotShipPacksBeforeReceivingThem() {
        final LedgerFixture f = withBulkBatch();
        f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        f.refused(f.distributor, ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.NOT_CUSTODIAN);
    }

    @Test
    void aPackInTransitMayNotBeShippedAgain() {
        final LedgerFixture f = withBulkBatch();
        final String first = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        final var refusal = f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.PACK_IN_TRANSIT);

        assertThat(refusal.getMessage()).contains(first);
    }

    @Test
    void anInactivePackMayNotBeShipped() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.manufacturer,
                ctx -> f.contract.decommissionPacks(ctx, LedgerFixture.packsJson(List.of("S0003")), "DESTROYED"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0003"), List.of())),
                ErrorCode.PACK_NOT_ACTIVE);
    }

    @Test
    void aDispensedPackMayNotBeShippedByThePharmacy() {
        final LedgerFixture f = withBulkBatch();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001"))));

        f.refused(f.pharmacy, ctx -> f.contract.shipPacks(ctx, PHARMACY2_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.PACK_NOT_ACTIVE);
    }

    @Test
    void anUnknownPackMayNotBeShipped() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001", "S9999"), List.of())),
                ErrorCode.PACK_NOT_FOUND);
    }

    // ------------------------------------------------------------------ batches that may not move

    @Test
    void packsAndUnitsOfAPendingImportMayNotMove() {
        final LedgerFixture f = LedgerFixture.withPendingImports();

        f.refused(f.importer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("packs", List.of(Map.of("gtin", IMPORTED_GTIN, "serial", "I1"))))),
                ErrorCode.BATCH_NOT_RELEASED);
        f.refused(f.importer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, json(Map.of("quantities",
                List.of(Map.of("gtin", IMPORTED_GTIN, "lot", "IMP2", "quantity", 1))))),
                ErrorCode.BATCH_NOT_RELEASED);

        for (final String lot : List.of("IMP1", "IMP2")) {
            f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, lot, "RELEASE", "lab tests passed"));
        }
        final JsonNode shipment = f.call(f.importer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("packs", List.of(Map.of("gtin", IMPORTED_GTIN, "serial", "I1")),
                        "quantities", List.of(Map.of("gtin", IMPORTED_GTIN, "lot", "IMP2", "quantity", 50))))));
        assertThat(shipment.get("shipperGln").asText()).isEqualTo(IMPORTER_GLN);
    }

    @Test
    void packsAndUnitsOfARejectedImportMayNotMove() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.importer, IMPORTED_GTIN);
        f.declareImport(IMPORTED_GTIN, "IMP1", 50);
        f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, "IMP1", "REJECT", "forged permit"));

        f.refused(f.importer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, json(Map.of("quantities",
                List.of(Map.of("gtin", IMPORTED_GTIN, "lot", "IMP1", "quantity", 1))))),
                ErrorCode.BATCH_NOT_RELEASED);
    }

    @Test
    void packsAndUnitsOfAQuarantinedBatchMayNotMoveUntilReleased() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", "investigation"));
        f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, BULK, "investigation"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.BATCH_NOT_RELEASED);
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 1)))),
                ErrorCode.BATCH_NOT_RELEASED);

        f.call(f.regulator, ctx -> f.contract.releaseBatch(ctx, GTIN, "LOT1", "cleared"));
        f.call(f.regulator, ctx -> f.contract.releaseBatch(ctx, GTIN, BULK, "cleared"));
        f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001"), List.of(units(BULK, 1)))));
    }

    @Test
    void packsAndUnitsOfARecalledBatchMayNotMove() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, BULK, "contaminated"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.BATCH_RECALLED);
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 1)))),
                ErrorCode.BATCH_RECALLED);
    }

    @Test
    void packsAndUnitsOfAnExpiredBatchMayNotMoveAfterTheirLastDay() {
        final LedgerFixture f = withBulkBatch();
        f.registerBatch(GTIN, "SHORT", "260131", 10);
        f.commission(GTIN, "SHORT", List.of("E1", "E2"));
        f.registerBatch(GTIN, "SHORTBULK", "260131", 10);

        f.ledger.setTime(Instant.parse("2026-01-31T23:00:00Z"));
        f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("E1"));
        f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of(), List.of(units("SHORTBULK", 1)))));

        f.ledger.advance(java.time.Duration.ofHours(1));
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("E2"), List.of())),
                ErrorCode.BATCH_EXPIRED);
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units("SHORTBULK", 1)))),
                ErrorCode.BATCH_EXPIRED);
        f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
    }

    @Test
    void packsAndUnitsOfAWithdrawnProductMayNotMove() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of())),
                ErrorCode.PRODUCT_WITHDRAWN);
        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 1)))),
                ErrorCode.PRODUCT_WITHDRAWN);
    }

    // ------------------------------------------------------------------ quantities

    @Test
    void moreUnitsThanTheShipperHoldsAreRefused() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 101)))),
                ErrorCode.INSUFFICIENT_STOCK);
        f.refused(f.distributor,
                ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN, contents(List.of(), List.of(units(BULK, 1)))),
                ErrorCode.INSUFFICIENT_STOCK);
        f.call(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 100)))));
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isZero();
    }

    @Test
    void unitsOfASerialisedBatchMayNotMoveByQuantityEvenThoughTheShipperHoldsThem() {
        final LedgerFixture f = withBulkBatch();
        assertThat(stock(f, "LOT1", MANUFACTURER_GLN)).as("LOT1's units not yet serialised").isEqualTo(90);

        final var refusal = f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units("LOT1", 1)))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);

        assertThat(refusal.getMessage()).contains(GTIN, "LOT1");
        assertThat(stock(f, "LOT1", MANUFACTURER_GLN)).isEqualTo(90);
    }

    @Test
    void unitsOfASerialisedBatchAmongGoodPacksAndUnitsMoveNothing() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001"), List.of(units(BULK, 10), units("LOT1", 1)))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);

        assertThat(verify(f, "S0001").get("inTransit").asBoolean()).isFalse();
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(100);
    }

    @Test
    void aBatchSerialisedOnceItsUnitsCameBackMayNoLongerMoveByQuantity() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of(), List.of(units(BULK, 30))))).get("shipmentId").asText();
        f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "not ordered"));
        f.commission(GTIN, BULK, List.of("B0001"));

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 1)))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);
        f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("B0001"));
    }

    @ParameterizedTest(name = "quantity {0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aQuantityBelowOneIsRefused(final long quantity) {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of(), List.of(units(BULK, quantity)))), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void unitsOfAnUnknownBatchAreRefused() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(List.of(), List.of(units("NOLOT", 1)))),
                ErrorCode.BATCH_NOT_FOUND);
    }

    // ------------------------------------------------------------------ contents

    @Test
    void aPackListedTwiceIsRefused() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001", "S0002", "S0001"), List.of())), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aPackListedTwiceInDifferentGtinFormsIsRefused() {
        final LedgerFixture f = withBulkBatch();
        final String gtin13 = GTIN.substring(1);
        final String packs = json(Map.of("packs", List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                Map.of("gtin", gtin13, "serial", "S0001"))));

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, packs),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aBatchListedTwiceInQuantitiesIsRefused() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of(), List.of(units(BULK, 1), units(BULK, 2)))), ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest(name = "contents {0}")
    @ValueSource(strings = {"", " ", "null", "{}", "{\"packs\":[],\"quantities\":[]}", "{\"packs\":null}", "[]",
        "not json", "{\"packs\":[{\"gtin\":\"x\"", "{\"packs\":[null]}", "{\"quantities\":[null]}",
        "{\"boxes\":[]}", "{\"packs\":[{\"gtin\":\"09506000134359\",\"serial\":\"S0001\",\"lot\":\"LOT1\"}]}"})
    void emptyOrMalformedContentsAreRefused(final String contents) {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents),
                ErrorCode.INVALID_ARGUMENT);
    }

    /** Exposes a bug: a fractional quantity is rounded down to a whole number of units and shipped. */
    @ParameterizedTest(name = "quantity {0}")
    @ValueSource(strings = {"1.5", "2.9999", "0.5"})
    void aQuantityThatIsNotAWholeNumberIsRefusedRatherThanRounded(final String quantity) {
        final LedgerFixture f = withBulkBatch();
        final String contents = "{\"quantities\":[{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + BULK + "\",\"quantity\":"
                + quantity + "}]}";

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents),
                ErrorCode.INVALID_ARGUMENT);
    }

    /** Exposes a bug: with "packs" given twice, the last list wins and the first is silently not shipped. */
    @Test
    void contentsThatNameTheirPacksTwiceAreRefused() {
        final LedgerFixture f = withBulkBatch();
        final String contents = "{\"packs\":[{\"gtin\":\"" + GTIN + "\",\"serial\":\"S0001\"}],"
                + "\"packs\":[{\"gtin\":\"" + GTIN + "\",\"serial\":\"S0002\"}]}";

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents),
                ErrorCode.INVALID_ARGUMENT);
    }

    /** Exposes a bug: text after the contents object is ignored, so a second object is silently not shipped. */
    @Test
    void contentsFollowedByMoreTextAreRefused() {
        final LedgerFixture f = withBulkBatch();
        final String contents = contents(List.of("S0001"), List.of()) + contents(List.of("S0002"), List.of());

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aPackWithAMalformedSerialOrGtinIsRefused() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("packs", List.of(Map.of("gtin", GTIN, "serial", "S 1"))))), ErrorCode.INVALID_ARGUMENT);
        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("packs", List.of(Map.of("gtin", "123", "serial", "S0001"))))),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void moreThanTheMaximumNumberOfItemsIsRefused() {
        final LedgerFixture f = withBulkBatch();
        final List<String> many = serials("X", 1, Packs.MAX_PACKS_PER_CALL);

        f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, contents(many, List.of(units(BULK, 1)))),
                ErrorCode.TOO_MANY_ITEMS);
    }

    // ------------------------------------------------------------------ all or nothing

    @Test
    void oneBadPackAmongGoodOnesMovesNothing() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.manufacturer,
                ctx -> f.contract.decommissionPacks(ctx, LedgerFixture.packsJson(List.of("S0005")), "DESTROYED"));

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001", "S0002", "S0005", "S0003"), List.of(units(BULK, 10)))),
                ErrorCode.PACK_NOT_ACTIVE);

        assertThat(verify(f, "S0001").get("inTransit").asBoolean()).isFalse();
        assertThat(stock(f, BULK, MANUFACTURER_GLN)).isEqualTo(100);
    }

    @Test
    void tooManyUnitsAfterGoodPacksMovesNothing() {
        final LedgerFixture f = withBulkBatch();

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001", "S0002"), List.of(units(BULK, 101)))), ErrorCode.INSUFFICIENT_STOCK);

        assertThat(verify(f, "S0001").get("inTransit").asBoolean()).isFalse();
    }

    @Test
    void onePackHeldByAnotherPartyAmongGoodOnesMovesNothing() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0010"));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN,
                contents(List.of("S0001", "S0010", "S0002"), List.of())), ErrorCode.NOT_CUSTODIAN);
    }

    // ------------------------------------------------------------------ receiving and rejecting

    @Test
    void onlyTheReceiverMayReceiveOrRejectAShipment() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        for (final TestIdentity other : List.of(f.manufacturer, f.pharmacy, f.regulator, f.manufacturer2)) {
            f.refused(other, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.NOT_RECEIVER);
            f.refused(other, ctx -> f.contract.rejectShipment(ctx, id, "not mine"), ErrorCode.NOT_RECEIVER);
        }
        f.refused(f.outsider, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.CALLER_NOT_REGISTERED);
        assertThat(shipment(f, f.regulator, id).get("status").asText()).isEqualTo("IN_TRANSIT");
    }

    @Test
    void aShipmentCannotBeReceivedTwice() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "changed my mind"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
    }

    @Test
    void aRejectedShipmentCannotBeReceivedOrRejectedAgain() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "not ordered"));

        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "again"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
    }

    @Test
    void aSuspendedReceiverCannotReceiveUntilReinstated() {
        final LedgerFixture f = withBulkBatch();
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        suspend(f, DISTRIBUTOR_GLN);

        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.CALLER_NOT_ACTIVE);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "closing"), ErrorCode.CALLER_NOT_ACTIVE);

        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, DISTRIBUTOR_GLN, "ACTIVE", "inspection done"));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
        assertThat(verify(f, "S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
    }

    // ------------------------------------------------------------------ helpers

    /** The fixture's serialised batch LOT1, and {@link #BULK}: 100 units the manufacturer holds without serials. */
    private static LedgerFixture withBulkBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, BULK, EXPIRY, 100);
        return f;
    }

    private static String contents(final List<String> serials, final List<Map<String, Object>> quantities) {
        final Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("packs", serials.stream().map(s -> Map.of("gtin", GTIN, "serial", s)).toList());
        contents.put("quantities", quantities);
        return json(contents);
    }

    private static Map<String, Object> units(final String lot, final long quantity) {
        return Map.of("gtin", GTIN, "lot", lot, "quantity", quantity);
    }

    private static JsonNode verify(final LedgerFixture f, final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }

    private static JsonNode shipment(final LedgerFixture f, final TestIdentity who, final String id) {
        return f.query(who, ctx -> f.contract.getShipment(ctx, id));
    }

    private static void suspend(final LedgerFixture f, final String gln) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, "SUSPENDED", "inspection"));
    }

    private static List<String> serialsOf(final JsonNode shipment) {
        final List<String> serials = new ArrayList<>();
        shipment.get("packs").forEach(p -> serials.add(p.get("serial").asText()));
        return serials;
    }

    /** Units of a batch of {@link LedgerFixture#GTIN} a party holds without serials, read from the world state. */
    private static long stock(final LedgerFixture f, final String lot, final String holderGln) {
        return f.query(f.regulator, ctx -> f.contract.getStockHolding(ctx, GTIN, lot, holderGln)).get("quantity")
                .asLong();
    }

    /** The stored pack record of {@link LedgerFixture#GTIN}. */
    private static JsonNode packRecord(final LedgerFixture f, final String serial) {
        return LedgerFixture.parse(f.ledger.stateAsString(new CompositeKey(Keys.PACK, GTIN, serial).toString())
                .orElseThrow());
    }
}
