package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CancelShipment: the regulator may call back any shipment in transit; its shipper only once the receiver is no longer
 * ACTIVE (suspended or revoked), since until then the receiver decides; nobody else. A cancelled shipment's packs and
 * units go back to the shipper. The starting point: the manufacturer has shipped S0001, S0002 of the serialised batch
 * LOT1 and 30 of the 100 units of {@link #BULK} to the distributor, and the shipment is in transit.
 */
class CancelShipmentTest {
    /** A batch of {@link LedgerFixture#GTIN} without serials: its units move at batch level. */
    private static final String BULK = "BULK1";
    private static final TestIdentity REGULATOR2 = TestIdentity.of(LedgerFixture.REGULATOR_MSP, "Admin2");
    private static final String REGULATOR2_GLN = LedgerFixture.gln("950000000011");

    private LedgerFixture f;
    private String shipmentId;

    @BeforeEach
    void shipPacksAndUnitsToTheDistributor() {
        f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, BULK, EXPIRY, 100);
        shipmentId = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                contents(List.of("S0001", "S0002"), 30))).get("shipmentId").asText();
        f.ledger.advance(Duration.ofHours(4));
    }

    // ------------------------------------------------------------------ the regulator

    @Test
    void theRegulatorCancelsAShipmentInTransitAndItsPacksAndUnitsGoBackToTheShipper() {
        final JsonNode dispatched = shipment(f.regulator);
        final Instant cancelledAt = f.ledger.now();

        final JsonNode cancelled = cancel(f.regulator, "receiver's warehouse sealed by inspectors");

        final String cancelTx = f.ledger.lastTxId();
        assertThat(cancelled.get("shipmentId").asText()).isEqualTo(shipmentId);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("reason").asText()).isEqualTo("receiver's warehouse sealed by inspectors");
        assertThat(cancelled.get("closedAt").asText()).isEqualTo(cancelledAt.toString());
        assertThat(cancelled.get("lastTxId").asText()).isEqualTo(cancelTx);
        assertThat(cancelled.get("shippedAt")).isEqualTo(dispatched.get("shippedAt"));
        assertThat(cancelled.get("shipperGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(cancelled.get("receiverGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(cancelled.get("packs")).isEqualTo(dispatched.get("packs"));
        assertThat(cancelled.get("quantities")).isEqualTo(dispatched.get("quantities"));
        assertThat(shipment(f.manufacturer)).isEqualTo(cancelled);

        assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("ShipmentCancelled");
        final JsonNode event = f.lastEvent();
        assertThat(event.get("type").asText()).isEqualTo("ShipmentCancelled");
        assertThat(event.get("actor").asText()).isEqualTo(REGULATOR_GLN);
        assertThat(event.get("txId").asText()).isEqualTo(cancelTx);
        assertThat(event.at("/data/shipment")).isEqualTo(cancelled);

        assertReturnedToTheManufacturer(REGULATOR_GLN, cancelTx);
    }

    @Test
    void theRegulatorMayCancelEvenThoughTheReceiverIsActive() {
        assertThat(participantStatus(DISTRIBUTOR_GLN)).isEqualTo("ACTIVE");

        assertThat(cancel(f.regulator, "wrong consignee").get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void theRegulatorMayCancelAShipmentWhoseShipperIsSuspended() {
        setStatus(MANUFACTURER_GLN, "SUSPENDED");

        cancel(f.regulator, "shipper's licence suspended");

        assertThat(stock(BULK, MANUFACTURER_GLN)).isEqualTo(100);
        assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
    }

    @ParameterizedTest(name = "regulator {0}")
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void aRegulatorThatIsNotActiveMayNotCancel(final String status) {
        f.register(REGULATOR2, REGULATOR2_GLN, "REGULATOR");
        setStatus(REGULATOR2_GLN, status);

        f.refused(REGULATOR2, ctx -> f.contract.cancelShipment(ctx, shipmentId, "closing"),
                ErrorCode.CALLER_NOT_ACTIVE);
        assertStillInTransit();
    }

    @Test
    void anyActiveRegulatorMayCancel() {
        f.register(REGULATOR2, REGULATOR2_GLN, "REGULATOR");

        cancel(REGULATOR2, "wrong consignee");

        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(REGULATOR2_GLN);
        assertReturnedToTheManufacturer(REGULATOR2_GLN, f.ledger.lastTxId());
    }

    // ------------------------------------------------------------------ the shipper

    @ParameterizedTest(name = "receiver {0}")
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void theShipperMayCancelOnceTheReceiverIsNoLongerActive(final String status) {
        setStatus(DISTRIBUTOR_GLN, status);

        final JsonNode cancelled = cancel(f.manufacturer, "receiver lost its licence");

        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(f.lastEvent().get("type").asText()).isEqualTo("ShipmentCancelled");
        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(MANUFACTURER_GLN);
        assertReturnedToTheManufacturer(MANUFACTURER_GLN, f.ledger.lastTxId());
    }

    @Test
    void theShipperMayNotCancelWhileTheReceiverIsActive() {
        final ChaincodeException refusal = f.refused(f.manufacturer,
                ctx -> f.contract.cancelShipment(ctx, shipmentId, "changed my mind"), ErrorCode.CANCEL_NOT_ALLOWED);

        assertThat(refusal.getMessage()).contains(DISTRIBUTOR_GLN);
        assertStillInTransit();
    }

    @Test
    void theShipperMayNotCancelOnceTheReceiverIsReinstated() {
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");
        setStatus(DISTRIBUTOR_GLN, "ACTIVE");

        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, shipmentId, "receiver was suspended"),
                ErrorCode.CANCEL_NOT_ALLOWED);
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipmentId));
    }

    @Test
    void aSuspendedShipperMayNotCancelEvenWhenTheReceiverIsSuspendedToo() {
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");
        setStatus(MANUFACTURER_GLN, "SUSPENDED");

        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, shipmentId, "both suspended"),
                ErrorCode.CALLER_NOT_ACTIVE);
        assertStillInTransit();
    }

    // ------------------------------------------------------------------ everyone else

    @Test
    void theReceiverMayNotCancelButRejects() {
        f.refused(f.distributor, ctx -> f.contract.cancelShipment(ctx, shipmentId, "not ordered"),
                ErrorCode.CANCEL_NOT_ALLOWED);

        assertThat(f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, shipmentId, "not ordered"))
                .get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void partiesOtherThanTheShipperAndTheRegulatorMayNotCancelWhateverTheReceiversStatus() {
        final List<TestIdentity> others = List.of(f.distributor, f.pharmacy, f.pharmacy2, f.manufacturer2,
                f.importer);
        for (final TestIdentity other : others) {
            f.refused(other, ctx -> f.contract.cancelShipment(ctx, shipmentId, "not mine"),
                    ErrorCode.CANCEL_NOT_ALLOWED);
        }
        setStatus(DISTRIBUTOR_GLN, "REVOKED");
        for (final TestIdentity other : others.subList(1, others.size())) {
            f.refused(other, ctx -> f.contract.cancelShipment(ctx, shipmentId, "receiver revoked"),
                    ErrorCode.CANCEL_NOT_ALLOWED);
        }
        assertStillInTransit();
    }

    @Test
    void theBatchOwnerMayNotCancelAShipmentItDidNotSend() {
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipmentId));
        final String onward = f.ship(f.distributor, PHARMACY_GLN, List.of("S0001"));
        setStatus(PHARMACY_GLN, "SUSPENDED");

        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, onward, "my product"),
                ErrorCode.CANCEL_NOT_ALLOWED);
        assertThat(cancel(f.distributor, onward, "pharmacy suspended").get("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
    }

    @Test
    void anUnregisteredIdentityMayNotCancel() {
        f.refused(f.outsider, ctx -> f.contract.cancelShipment(ctx, shipmentId, "stranger"),
                ErrorCode.CALLER_NOT_REGISTERED);
        assertStillInTransit();
    }

    // ------------------------------------------------------------------ shipments that cannot be cancelled

    @Test
    void aReceivedShipmentCannotBeCancelled() {
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipmentId));
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");

        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, shipmentId, "too late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, shipmentId, "too late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
    }

    @Test
    void aRejectedShipmentCannotBeCancelled() {
        f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, shipmentId, "damaged"));

        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, shipmentId, "too late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, shipmentId, "too late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
    }

    @Test
    void aCancelledShipmentCannotBeCancelledReceivedOrRejected() {
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");
        cancel(f.manufacturer, "receiver suspended");
        setStatus(DISTRIBUTOR_GLN, "ACTIVE");

        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, shipmentId, "again"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipmentId),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, shipmentId, "late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        assertThat(shipment(f.distributor).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anUnknownShipmentIsNotFound() {
        final String unknown = "0".repeat(64);

        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, unknown, "unknown"),
                ErrorCode.SHIPMENT_NOT_FOUND);
        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, unknown, "unknown"),
                ErrorCode.SHIPMENT_NOT_FOUND);
    }

    @ParameterizedTest(name = "shipment id \"{0}\"")
    @ValueSource(strings = {"", "   ", "id\u0000", "\uDBFF\uDFFF"})
    void aMalformedShipmentIdIsRefused(final String id) {
        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, id, "why"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aShipmentIdLongerThan128CharactersIsRefused() {
        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, "a".repeat(129), "why"),
                ErrorCode.INVALID_ARGUMENT);
    }

    // ------------------------------------------------------------------ the reason

    @ParameterizedTest(name = "reason \"{0}\"")
    @ValueSource(strings = {"", " ", "\t", " padded", "line\nbreak", "\uDBFF\uDFFF"})
    void aCancellationNeedsAWellFormedReason(final String reason) {
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");

        for (final TestIdentity who : List.of(f.regulator, f.manufacturer)) {
            final ChaincodeException refusal = f.refused(who,
                    ctx -> f.contract.cancelShipment(ctx, shipmentId, reason), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains("reason");
        }
        assertStillInTransit();
    }

    @Test
    void aReasonOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsNot() {
        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, shipmentId, "r".repeat(Arguments.MAX_TEXT + 1)),
                ErrorCode.INVALID_ARGUMENT);

        assertThat(cancel(f.regulator, "r".repeat(Arguments.MAX_TEXT)).get("reason").asText())
                .hasSize(Arguments.MAX_TEXT);
    }

    // ------------------------------------------------------------------ after the cancellation

    @Test
    void returnedPacksAndUnitsMayBeShippedAgainToSomeoneElse() {
        setStatus(DISTRIBUTOR_GLN, "REVOKED");
        cancel(f.manufacturer, "receiver revoked");

        final String again = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, PHARMACY2_GLN,
                contents(List.of("S0001", "S0002"), 100))).get("shipmentId").asText();
        f.call(f.pharmacy2, ctx -> f.contract.receiveShipment(ctx, again));

        assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(PHARMACY2_GLN);
        assertThat(stock(BULK, PHARMACY2_GLN)).isEqualTo(100);
        assertThat(stock(BULK, MANUFACTURER_GLN)).isZero();
    }

    @Test
    void unitsThatCameBackByCancellationLetTheOwnerSerialiseTheBatch() {
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, BULK, json(List.of("B0001"))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);

        cancel(f.regulator, "wrong consignee");

        assertThat(f.commission(GTIN, BULK, List.of("B0001")).get("unserialisedRemaining").asLong()).isEqualTo(99);
    }

    @Test
    void theCancellationIsRecordedInThePacksHistory() {
        cancel(f.regulator, "wrong consignee");

        final JsonNode records = f.query(f.regulator,
                ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "", "")).get("records");
        final JsonNode last = records.get(records.size() - 1);
        assertThat(last.get("action").asText()).isEqualTo("RETURNED");
        assertThat(last.get("txId").asText()).isEqualTo(f.ledger.lastTxId());
        assertThat(last.get("partyGln").asText()).isEqualTo(REGULATOR_GLN);
        assertThat(last.get("toCustodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode cancel(final TestIdentity who, final String reason) {
        return cancel(who, shipmentId, reason);
    }

    private JsonNode cancel(final TestIdentity who, final String id, final String reason) {
        return f.call(who, ctx -> f.contract.cancelShipment(ctx, id, reason));
    }

    private JsonNode shipment(final TestIdentity who) {
        return f.query(who, ctx -> f.contract.getShipment(ctx, shipmentId));
    }

    private void setStatus(final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "inspection"));
    }

    private String participantStatus(final String gln) {
        return f.query(f.regulator, ctx -> f.contract.getParticipant(ctx, gln)).get("status").asText();
    }

    private JsonNode verify(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }

    private long stock(final String lot, final String holderGln) {
        return f.query(f.regulator, ctx -> f.contract.getStockHolding(ctx, GTIN, lot, holderGln)).get("quantity")
                .asLong();
    }

    private JsonNode packRecord(final String serial) {
        return LedgerFixture.parse(f.ledger.stateAsString(new CompositeKey(Keys.PACK, GTIN, serial).toString())
                .orElseThrow());
    }

    /** Packs S0001, S0002 and the 30 units are the manufacturer's again, no longer in transit. */
    private void assertReturnedToTheManufacturer(final String cancelledBy, final String cancelTx) {
        for (final String serial : List.of("S0001", "S0002")) {
            final JsonNode pack = packRecord(serial);
            assertThat(pack.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(pack.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(pack.has("shipmentId")).as("in-transit fields cleared").isFalse();
            assertThat(pack.has("inTransitTo")).as("in-transit fields cleared").isFalse();
            assertThat(pack.get("lastAction").asText()).isEqualTo("RETURNED");
            assertThat(pack.get("lastChangedBy").asText()).isEqualTo(cancelledBy);
            assertThat(pack.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
            final JsonNode verdict = verify(serial);
            assertThat(verdict.get("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(verdict.get("inTransit").asBoolean()).isFalse();
        }
        assertThat(stock(BULK, MANUFACTURER_GLN)).isEqualTo(100);
        assertThat(stock(BULK, DISTRIBUTOR_GLN)).isZero();
    }

    private void assertStillInTransit() {
        assertThat(shipment(f.regulator).get("status").asText()).isEqualTo("IN_TRANSIT");
        assertThat(verify("S0001").get("inTransit").asBoolean()).isTrue();
        assertThat(stock(BULK, MANUFACTURER_GLN)).isEqualTo(70);
    }

    /** Packs of {@link LedgerFixture#GTIN} and, when units is not 0, that many units of {@link #BULK}. */
    private static String contents(final List<String> serials, final long units) {
        final Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("packs", serials.stream().map(s -> Map.of("gtin", GTIN, "serial", s)).toList());
        contents.put("quantities", units == 0 ? List.of() : List.of(Map.of("gtin", GTIN, "lot", BULK,
                "quantity", units)));
        return json(contents);
    }
}
