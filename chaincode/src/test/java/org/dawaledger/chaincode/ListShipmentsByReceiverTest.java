package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListShipmentsByReceiver and the shipment~receiver index behind it: ShipPacks writes a shipment's entry, and
 * ReceiveShipment, RejectShipment and CancelShipment move it from IN_TRANSIT to the closing status. The manufacturer
 * holds the fixture's packs S0001…S0010 and ships them one per shipment.
 */
class ListShipmentsByReceiverTest {
    private static final String UNREGISTERED_GLN = LedgerFixture.gln("950000000099");

    private LedgerFixture f;

    @BeforeEach
    void commissionPacks() {
        f = LedgerFixture.withCommissionedPacks();
    }

    // ------------------------------------------------------------------ what is listed

    @Test
    void aShipmentIsListedForItsReceiverAsSoonAsItIsShipped() {
        final JsonNode shipment = ship(DISTRIBUTOR_GLN, "S0001");
        final String id = shipment.get("shipmentId").asText();

        final JsonNode page = list(f.distributor, DISTRIBUTOR_GLN, "", "", "");

        assertThat(page.get("records")).containsExactly(shipment);
        assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(1);
        assertThat(page.get("bookmark").asText()).isEmpty();
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "", ""))).containsExactly(shipment);
        assertThat(records(list(f.regulator, DISTRIBUTOR_GLN, "", "", ""))).containsExactly(shipment);
        assertThat(records(list(f.pharmacy, PHARMACY_GLN, "", "", ""))).as("addressed to another party").isEmpty();
        assertThat(records(list(f.manufacturer, MANUFACTURER_GLN, "", "", "")))
                .as("the shipper's own listing holds what comes to it, not what it sent").isEmpty();
        assertThat(f.query(f.distributor, ctx -> f.contract.getShipment(ctx, id))).isEqualTo(shipment);
    }

    @Test
    void theIndexEntryNamesReceiverStatusDispatchTimeWithNineFractionDigitsAndShipment() {
        f.ledger.setTime(Instant.parse("2026-01-15T10:30:00Z"));
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();

        assertThat(receiverIndex()).containsExactly(indexKey(DISTRIBUTOR_GLN, "IN_TRANSIT",
                "2026-01-15T10:30:00.000000000Z", id));

        f.ledger.advance(Duration.ofHours(3));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        assertThat(receiverIndex()).as("moved, keeping the dispatch time")
                .containsExactly(indexKey(DISTRIBUTOR_GLN, "RECEIVED", "2026-01-15T10:30:00.000000000Z", id));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RECEIVED", "REJECTED", "CANCELLED"})
    void closingAShipmentMovesItFromTheInTransitListToItsClosingStatus(final String outcome) {
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        f.ledger.advance(Duration.ofHours(2));

        final JsonNode closed = switch (outcome) {
            case "RECEIVED" -> f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
            case "REJECTED" -> f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "cartons damaged"));
            default -> f.call(f.regulator, ctx -> f.contract.cancelShipment(ctx, id, "wrong consignee"));
        };

        assertThat(closed.get("status").asText()).isEqualTo(outcome);
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "", ""))).isEmpty();
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, outcome, "", ""))).containsExactly(closed);
        assertThat(records(list(f.regulator, DISTRIBUTOR_GLN, "", "", ""))).containsExactly(closed);
        assertThat(receiverIndex()).as("one entry per shipment").hasSize(1);
    }

    @Test
    void aShipmentItsShipperCancelsMovesToTheCancelledList() {
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        setStatus(DISTRIBUTOR_GLN, "SUSPENDED");

        final JsonNode cancelled = f.call(f.manufacturer,
                ctx -> f.contract.cancelShipment(ctx, id, "receiver lost its licence"));

        assertThat(records(list(f.regulator, DISTRIBUTOR_GLN, "CANCELLED", "", ""))).containsExactly(cancelled);
        assertThat(records(list(f.regulator, DISTRIBUTOR_GLN, "IN_TRANSIT", "", ""))).isEmpty();
    }

    @Test
    void aStatusListsOnlyTheShipmentsInItAndNoStatusListsThemAllGroupedByStatus() {
        final String received = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        final String inTransit = ship(DISTRIBUTOR_GLN, "S0002").get("shipmentId").asText();
        final String rejected = ship(DISTRIBUTOR_GLN, "S0003").get("shipmentId").asText();
        final String cancelled = ship(DISTRIBUTOR_GLN, "S0004").get("shipmentId").asText();
        ship(PHARMACY_GLN, "S0005");
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, received));
        f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, rejected, "not ordered"));
        f.call(f.regulator, ctx -> f.contract.cancelShipment(ctx, cancelled, "wrong consignee"));

        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "", ""))).containsExactly(inTransit);
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "RECEIVED", "", ""))).containsExactly(received);
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "REJECTED", "", ""))).containsExactly(rejected);
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "CANCELLED", "", ""))).containsExactly(cancelled);
        final JsonNode all = list(f.distributor, DISTRIBUTOR_GLN, "", "", "");
        assertThat(ids(all)).containsExactly(cancelled, inTransit, received, rejected);
        assertThat(texts(all, "status")).containsExactly("CANCELLED", "IN_TRANSIT", "RECEIVED", "REJECTED");
    }

    @Test
    void shipmentsArePagedOldestDispatchFirstWithBookmarks() {
        final List<String> shipped = shipToTheDistributorAMinuteApart(5);
        assertThat(shipped).as("shipment ids do not sort in dispatch order, so the order is the time's")
                .isNotEqualTo(shipped.stream().sorted().toList());

        final List<JsonNode> pages = pages(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", 2);

        assertThat(pages).extracting(ListShipmentsByReceiverTest::ids)
                .containsExactly(shipped.subList(0, 2), shipped.subList(2, 4), shipped.subList(4, 5));
        assertThat(pages).extracting(p -> p.get("fetchedRecordsCount").asInt()).containsExactly(2, 2, 1);
        assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
        assertThat(pages(f.regulator, DISTRIBUTOR_GLN, "", 2)).flatExtracting(ListShipmentsByReceiverTest::ids)
                .containsExactlyElementsOf(shipped);
    }

    @Test
    void theUnfilteredListPagesAcrossTheStatusGroups() {
        final List<String> shipped = shipToTheDistributorAMinuteApart(5);
        for (final String id : List.of(shipped.get(1), shipped.get(3))) {
            f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
        }

        final List<JsonNode> pages = pages(f.distributor, DISTRIBUTOR_GLN, "", 2);

        assertThat(pages).hasSize(3);
        assertThat(pages).flatExtracting(ListShipmentsByReceiverTest::ids).containsExactly(shipped.get(0),
                shipped.get(2), shipped.get(4), shipped.get(1), shipped.get(3));
    }

    @Test
    void shipmentsAreOldestFirstEvenWithinOneSecond() {
        // 10:00:00Z and 10:00:00.500Z: ISO text without a fraction must not sort after text with one.
        f.ledger.setTime(Instant.parse("2026-01-15T10:00:00Z"));
        final String older = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        f.ledger.advance(Duration.ofMillis(500));
        final String newer = ship(DISTRIBUTOR_GLN, "S0002").get("shipmentId").asText();

        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "", ""))).containsExactly(older, newer);
    }

    @Test
    void aShipmentReceivedWhileTheReceiverPagesTheInTransitListIsNotListedTwice() {
        final List<String> shipped = shipToTheDistributorAMinuteApart(4);
        final JsonNode first = list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "2", "");
        assertThat(ids(first)).containsExactlyElementsOf(shipped.subList(0, 2));

        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipped.get(0)));

        final String bookmark = first.get("bookmark").asText();
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "2", bookmark)))
                .containsExactlyElementsOf(shipped.subList(2, 4));
    }

    @Test
    void theLargestPageSizeIsAccepted() {
        ship(DISTRIBUTOR_GLN, "S0001");
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "", "1000", ""))).hasSize(1);
    }

    @Test
    void anUnregisteredReceiverHasAnEmptyListingAsAnUnknownImporterHas() {
        final JsonNode page = list(f.regulator, UNREGISTERED_GLN, "", "", "");
        assertThat(page.get("records")).isEmpty();
        assertThat(page.get("bookmark").asText()).isEmpty();
        assertThat(f.query(f.regulator, ctx -> f.contract.listImportsByImporter(ctx, UNREGISTERED_GLN, "", ""))
                .get("records")).isEmpty();
    }

    @Test
    void aShipmentDispatchedBeforeTheIndexExistedIsListedOnlyOnceItCloses() {
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        final String entry = receiverIndex().get(0);
        // A ledger written by the contract before it kept this index: the shipment without its entry.
        f.ledger.submitVoid(f.regulator, ctx -> ctx.getStub().delState(entry));
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "", "", ""))).as("no migration").isEmpty();

        final JsonNode received = f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "RECEIVED", "", ""))).containsExactly(received);
        assertThat(receiverIndex()).hasSize(1);
    }

    // ------------------------------------------------------------------ who may list

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IMPORTER", "DISTRIBUTOR", "PHARMACY"})
    void eachReceiverListsTheShipmentsAddressedToIt(final String role) {
        final String gln = switch (role) {
            case "IMPORTER" -> IMPORTER_GLN;
            case "DISTRIBUTOR" -> DISTRIBUTOR_GLN;
            default -> PHARMACY_GLN;
        };
        final JsonNode shipment = ship(gln, "S0001");
        ship(PHARMACY2_GLN, "S0002");

        assertThat(records(list(f.party(role), gln, "", "", ""))).containsExactly(shipment);
    }

    @Test
    void aManufacturerListsTheShipmentsAddressedToIt() {
        final JsonNode shipment = ship(MANUFACTURER2_GLN, "S0001");
        assertThat(records(list(f.manufacturer2, MANUFACTURER2_GLN, "", "", ""))).containsExactly(shipment);
    }

    @Test
    void anotherPharmacyMayNotListAPharmacysShipments() {
        ship(PHARMACY_GLN, "S0001");
        for (final String status : List.of("", "IN_TRANSIT")) {
            f.refusedQuery(f.pharmacy2, listing(PHARMACY_GLN, status, "", ""), ErrorCode.ACCESS_DENIED);
        }
    }

    @Test
    void theShipperThatIsNotTheReceiverMayNotList() {
        ship(DISTRIBUTOR_GLN, "S0001");
        f.refusedQuery(f.manufacturer, listing(DISTRIBUTOR_GLN, "", "", ""), ErrorCode.ACCESS_DENIED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR"})
    void noOtherPartyMayListAPharmacysShipments(final String role) {
        ship(PHARMACY_GLN, "S0001");
        f.refusedQuery(f.party(role), listing(PHARMACY_GLN, "", "", ""), ErrorCode.ACCESS_DENIED);
    }

    @Test
    void aPartyMayNotListAnUnregisteredReceiversShipmentsEither() {
        f.refusedQuery(f.pharmacy, listing(UNREGISTERED_GLN, "", "", ""), ErrorCode.ACCESS_DENIED);
    }

    @Test
    void anUnregisteredIdentityMayNotList() {
        ship(PHARMACY_GLN, "S0001");
        f.refusedQuery(f.outsider, listing(PHARMACY_GLN, "", "", ""), ErrorCode.CALLER_NOT_REGISTERED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void aReceiverThatIsNotActiveMayNotListEvenItsOwnShipments(final String status) {
        ship(PHARMACY_GLN, "S0001");
        setStatus(PHARMACY_GLN, status);

        f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, "", "", ""), ErrorCode.CALLER_NOT_ACTIVE);
        assertThat(records(list(f.regulator, PHARMACY_GLN, "", "", ""))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void aRegulatorThatIsNotActiveMayNotList(final String status) {
        ship(PHARMACY_GLN, "S0001");
        final TestIdentity inactive = f.regulatorWhoIs(status);
        f.refusedQuery(inactive, listing(PHARMACY_GLN, "", "", ""), ErrorCode.CALLER_NOT_ACTIVE);
    }

    @Test
    void beforeInitLedgerThereIsNothingToList() {
        final LedgerFixture fresh = new LedgerFixture();
        fresh.refusedQuery(fresh.regulator,
                ctx -> fresh.contract.listShipmentsByReceiver(ctx, PHARMACY_GLN, "", "", ""),
                ErrorCode.LEDGER_NOT_INITIALISED);
    }

    // ------------------------------------------------------------------ bad arguments and bookmarks

    @ParameterizedTest
    @MethodSource("malformedGlns")
    void aMalformedReceiverGlnIsRefused(final String gln) {
        f.refusedQuery(f.regulator, listing(gln, "", "", ""), ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in_transit", "In_Transit", "OPEN", "ALL", " RECEIVED", "RECEIVED ", "DELIVERED"})
    void aStatusThatIsNotAShipmentStatusExactlyIsRefused(final String status) {
        ship(DISTRIBUTOR_GLN, "S0001");
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, status, "", ""), ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "ten", "1.5"})
    void aBadPageSizeIsRefused(final String pageSize) {
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "", pageSize, ""), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aBookmarkOfAnotherReceiversListingIsRefusedInBothDirections() {
        shipToTheDistributorAMinuteApart(2);
        ship(PHARMACY_GLN, "S0003");
        ship(PHARMACY_GLN, "S0004");
        final String distributors = list(f.regulator, DISTRIBUTOR_GLN, "", "1", "").get("bookmark").asText();
        final String pharmacys = list(f.regulator, PHARMACY_GLN, "", "1", "").get("bookmark").asText();
        assertThat(distributors).isNotEmpty();
        assertThat(pharmacys).isNotEmpty();
        assertThat(DISTRIBUTOR_GLN).isLessThan(PHARMACY_GLN);

        // One bookmark lies before the other listing's range, one after it.
        f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, "", "1", distributors), ErrorCode.INVALID_ARGUMENT);
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "", "1", pharmacys), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aBookmarkOfAnotherStatusIsRefusedInBothDirections() {
        final List<String> shipped = shipToTheDistributorAMinuteApart(4);
        for (final String id : shipped.subList(0, 2)) {
            f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
        }
        final String inTransit = list(f.distributor, DISTRIBUTOR_GLN, "IN_TRANSIT", "1", "").get("bookmark").asText();
        final String received = list(f.distributor, DISTRIBUTOR_GLN, "RECEIVED", "1", "").get("bookmark").asText();
        assertThat(inTransit).isNotEmpty();
        assertThat(received).isNotEmpty();

        // IN_TRANSIT sorts before RECEIVED.
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "RECEIVED", "1", inTransit),
                ErrorCode.INVALID_ARGUMENT);
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "IN_TRANSIT", "1", received),
                ErrorCode.INVALID_ARGUMENT);
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "", "1", received)))
                .as("a bookmark of a status list lies in the unfiltered list's range").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("forgedBookmarks")
    void aForgedBookmarkIsRefused(final String forged) {
        shipToTheDistributorAMinuteApart(2);
        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "", "1", forged), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aForeignBookmarkIsRefusedBeforeTheQueryRuns() {
        ship(PHARMACY_GLN, "S0001");
        ship(PHARMACY_GLN, "S0002");
        final String pharmacys = list(f.regulator, PHARMACY_GLN, "", "1", "").get("bookmark").asText();
        assertThat(pharmacys).isNotEmpty();
        f.ledger.failNext("GET_STATE_BY_RANGE", "the peer was asked");

        f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "", "1", pharmacys), ErrorCode.INVALID_ARGUMENT);

        // The fault is still armed: the refused listing never reached the peer, and the next one that does fails.
        assertThat(f.refusedQuery(f.distributor, listing(DISTRIBUTOR_GLN, "", "1", ""), ErrorCode.INTERNAL_ERROR)
                .getMessage()).contains("could not list shipment~receiver/" + DISTRIBUTOR_GLN);
        assertThat(f.ledger.peerLog()).last().asString().endsWith("the peer was asked");
    }

    // ------------------------------------------------------------------ refusals change nothing

    @Test
    void refusedShipmentsAndClosesLeaveTheIndexAsItWas() {
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        final Map<String, String> before = f.ledger.snapshotAsStrings();

        f.refused(f.pharmacy2, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.NOT_RECEIVER);
        f.refused(f.manufacturer, ctx -> f.contract.rejectShipment(ctx, id, "mine"), ErrorCode.NOT_RECEIVER);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, ""), ErrorCode.INVALID_ARGUMENT);
        f.refused(f.distributor, ctx -> f.contract.cancelShipment(ctx, id, "not ordered"),
                ErrorCode.CANCEL_NOT_ALLOWED);
        f.refused(f.manufacturer, ctx -> f.contract.cancelShipment(ctx, id, "changed my mind"),
                ErrorCode.CANCEL_NOT_ALLOWED);
        f.refused(f.manufacturer, shipping(REGULATOR_GLN, "S0002"), ErrorCode.RECEIVER_NOT_ELIGIBLE);
        f.refused(f.manufacturer, shipping(PHARMACY_GLN, "S0001"), ErrorCode.PACK_IN_TRANSIT);
        f.refused(f.pharmacy, shipping(DISTRIBUTOR_GLN, "S0003"), ErrorCode.NOT_CUSTODIAN);

        assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        assertThat(ids(list(f.distributor, DISTRIBUTOR_GLN, "", "", ""))).containsExactly(id);
    }

    @Test
    void aClosedShipmentClosedAgainIsRefusedAndStaysListedOnce() {
        final String id = ship(DISTRIBUTOR_GLN, "S0001").get("shipmentId").asText();
        final JsonNode received = f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
        final List<String> index = receiverIndex();

        f.refused(f.distributor, ctx -> f.contract.receiveShipment(ctx, id), ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "late"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);
        f.refused(f.regulator, ctx -> f.contract.cancelShipment(ctx, id, "audit"),
                ErrorCode.SHIPMENT_NOT_IN_TRANSIT);

        assertThat(receiverIndex()).isEqualTo(index).hasSize(1);
        assertThat(records(list(f.distributor, DISTRIBUTOR_GLN, "", "", ""))).containsExactly(received);
    }

    // ------------------------------------------------------------------ helpers

    static Stream<String> malformedGlns() {
        final String gln = PHARMACY_GLN;
        final char wrongCheck = (char) ('0' + (gln.charAt(12) - '0' + 1) % 10);
        return Stream.of("", gln.substring(0, 12) + wrongCheck, gln.substring(1), gln + "1",
                gln.substring(0, 12) + "I", gln + " ");
    }

    static Stream<String> forgedBookmarks() {
        final String listing = new CompositeKey(Keys.SHIPMENT_BY_RECEIVER, DISTRIBUTOR_GLN).toString();
        return Stream.of("x",
                new CompositeKey(Keys.SHIPMENT_BY_RECEIVER).toString(),
                listing.substring(0, listing.length() - 1),
                listing + "IN_TRANSIT",
                listing + "IN_TRANSIT\u0000\udbff\udfff\u0000",
                new CompositeKey(Keys.SHIPMENT_BY_RECEIVER, PHARMACY_GLN).toString(),
                new CompositeKey(Keys.SHIPMENT, "a-shipment").toString());
    }

    /** Ships one pack of {@link LedgerFixture#GTIN} from the manufacturer and answers the shipment. */
    private JsonNode ship(final String toGln, final String serial) {
        return f.call(f.manufacturer, shipping(toGln, serial));
    }

    private Function<Context, String> shipping(final String toGln, final String serial) {
        return ctx -> f.contract.shipPacks(ctx, toGln,
                json(Map.of("packs", List.of(Map.of("gtin", GTIN, "serial", serial)))));
    }

    /** Ships S0001… to the distributor, one pack per shipment, a minute apart; answers the ids in order. */
    private List<String> shipToTheDistributorAMinuteApart(final int count) {
        final List<String> ids = new ArrayList<>();
        for (final String serial : serials("S", 1, count)) {
            f.ledger.advance(Duration.ofMinutes(1));
            ids.add(ship(DISTRIBUTOR_GLN, serial).get("shipmentId").asText());
        }
        return ids;
    }

    private Function<Context, String> listing(final String receiverGln, final String status, final String pageSize,
            final String bookmark) {
        return ctx -> f.contract.listShipmentsByReceiver(ctx, receiverGln, status, pageSize, bookmark);
    }

    private JsonNode list(final TestIdentity who, final String receiverGln, final String status,
            final String pageSize, final String bookmark) {
        return f.query(who, listing(receiverGln, status, pageSize, bookmark));
    }

    /** Reads every page of a listing and returns the pages. */
    private List<JsonNode> pages(final TestIdentity who, final String receiverGln, final String status,
            final int size) {
        final List<JsonNode> pages = new ArrayList<>();
        String bookmark = "";
        do {
            final JsonNode page = list(who, receiverGln, status, Integer.toString(size), bookmark);
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(page.get("records").size())
                    .isLessThanOrEqualTo(size);
            pages.add(page);
            bookmark = page.get("bookmark").asText();
            assertThat(pages).as("pages").hasSizeLessThan(20);
        } while (!bookmark.isEmpty());
        return pages;
    }

    private void setStatus(final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    /** The shipment~receiver entries in the world state, in key order. */
    private List<String> receiverIndex() {
        final String prefix = new CompositeKey(Keys.SHIPMENT_BY_RECEIVER).toString();
        return f.ledger.snapshotAsStrings().keySet().stream().filter(key -> key.startsWith(prefix)).toList();
    }

    private static String indexKey(final String receiverGln, final String status, final String dispatchedAt,
            final String shipmentId) {
        return new CompositeKey(Keys.SHIPMENT_BY_RECEIVER, receiverGln, status, dispatchedAt, shipmentId).toString();
    }

    private static List<JsonNode> records(final JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false).toList();
    }

    private static List<String> ids(final JsonNode page) {
        return texts(page, "shipmentId");
    }

    private static List<String> texts(final JsonNode page, final String field) {
        return records(page).stream().map(r -> r.get(field).asText()).toList();
    }
}
