package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.RecordedEvent;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetPackHistory. Pack S0001 is commissioned, shipped to the distributor, received, shipped to the pharmacy,
 * received, dispensed and the dispense undone, an hour apart each.
 */
class PackHistoryTest {
    private LedgerFixture f;
    /** One row per change, oldest first: txId, timestamp, action, party, from/to status, from/to custodian, shipment. */
    private final List<List<String>> expected = new ArrayList<>();

    @BeforeEach
    void takeS0001ThroughItsLife() {
        f = LedgerFixture.withCommissionedPacks();
        final RecordedEvent commissioned = f.ledger.events().stream()
                .filter(e -> e.name().equals("PacksCommissioned")).findFirst().orElseThrow();
        expected.add(row(commissioned.txId(), f.ledger.now().toString(), "COMMISSIONED", MANUFACTURER_GLN, null,
                "ACTIVE", null, MANUFACTURER_GLN, null));

        f.ledger.advance(Duration.ofHours(1));
        final String first = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "SHIPPED", MANUFACTURER_GLN, "ACTIVE",
                "ACTIVE", MANUFACTURER_GLN, MANUFACTURER_GLN, first));

        f.ledger.advance(Duration.ofHours(1));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, first));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "RECEIVED", DISTRIBUTOR_GLN, "ACTIVE",
                "ACTIVE", MANUFACTURER_GLN, DISTRIBUTOR_GLN, first));

        f.ledger.advance(Duration.ofHours(1));
        final String second = f.ship(f.distributor, PHARMACY_GLN, List.of("S0001"));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "SHIPPED", DISTRIBUTOR_GLN, "ACTIVE",
                "ACTIVE", DISTRIBUTOR_GLN, DISTRIBUTOR_GLN, second));

        f.ledger.advance(Duration.ofHours(1));
        f.call(f.pharmacy, ctx -> f.contract.receiveShipment(ctx, second));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "RECEIVED", PHARMACY_GLN, "ACTIVE",
                "ACTIVE", DISTRIBUTOR_GLN, PHARMACY_GLN, second));

        f.ledger.advance(Duration.ofHours(1));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "DISPENSED", PHARMACY_GLN, "ACTIVE",
                "SUPPLIED", PHARMACY_GLN, PHARMACY_GLN, null));

        f.ledger.advance(Duration.ofHours(1));
        f.call(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"));
        expected.add(row(f.ledger.lastTxId(), f.ledger.now().toString(), "DECOMMISSION_UNDONE", PHARMACY_GLN,
                "SUPPLIED", "ACTIVE", PHARMACY_GLN, PHARMACY_GLN, null));
    }

    @Test
    void theHistoryListsEveryChangeOldestFirst() {
        final JsonNode page = history(f.regulator, "", "");

        assertThat(rows(page)).containsExactlyElementsOf(expected);
        assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(7);
        assertThat(page.get("bookmark").asText()).isEmpty();
        assertThat(page.get("records").get(0).has("fromStatus")).as("commissioning has no before").isFalse();
    }

    @Test
    void aRefusedDispenseByAnotherPharmacyAndAVerificationLeaveNoTraceInTheHistory() {
        final JsonNode outcome = f.call(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx,
                packsJson(List.of("S0001")))).get(0);
        assertThat(outcome.get("code").asText()).isEqualTo("NOT_CUSTODIAN");
        f.query(f.pharmacy2, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "", ""));

        assertThat(rows(history(f.regulator, "", ""))).containsExactlyElementsOf(expected);
    }

    @Test
    void theHistoryIsPagedWithBookmarks() {
        final JsonNode first = history(f.regulator, "3", "");
        assertThat(rows(first)).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(first.get("fetchedRecordsCount").asInt()).isEqualTo(3);
        final String firstBookmark = first.get("bookmark").asText();
        assertThat(firstBookmark).isNotEmpty();

        final JsonNode second = history(f.regulator, "3", firstBookmark);
        assertThat(rows(second)).containsExactlyElementsOf(expected.subList(3, 6));
        final String secondBookmark = second.get("bookmark").asText();
        assertThat(secondBookmark).isNotEmpty();

        final JsonNode last = history(f.regulator, "3", secondBookmark);
        assertThat(rows(last)).containsExactlyElementsOf(expected.subList(6, 7));
        assertThat(last.get("bookmark").asText()).isEmpty();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastChangeHasNoBookmark() {
        final JsonNode page = history(f.regulator, "7", "");
        assertThat(rows(page)).hasSize(7);
        assertThat(page.get("bookmark").asText()).isEmpty();
    }

    @Test
    void aBookmarkBeyondTheEndIsRefused() {
        final int changes = history(f.regulator, "", "").get("records").size();
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "3", "99"),
                ErrorCode.INVALID_ARGUMENT);
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "3",
                Integer.toString(changes)), ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5"})
    void aForeignBookmarkIsRefused(final String bookmark) {
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "3", bookmark),
                ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "x"})
    void aBadPageSizeIsRefused(final String pageSize) {
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", pageSize, ""),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theRegulatorTheOwnerAndEveryPastOrCurrentHolderMayReadIt() {
        for (final TestIdentity who : List.of(f.regulator, f.manufacturer, f.distributor, f.pharmacy)) {
            assertThat(rows(history(who, "", ""))).as(who.name() + " of " + who.mspId())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void partiesThatNeverHeldThePackMayNotReadIt() {
        for (final TestIdentity who : List.of(f.pharmacy2, f.importer, f.manufacturer2)) {
            f.refused(who, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "", ""), ErrorCode.ACCESS_DENIED);
        }
        f.refused(f.outsider, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "", ""),
                ErrorCode.CALLER_NOT_REGISTERED);
    }

    @Test
    void aPastHolderIsRefusedWhileSuspendedAndMayReadAgainOnceReinstated() {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, DISTRIBUTOR_GLN, "SUSPENDED", "audit"));
        f.refused(f.distributor, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "", ""),
                ErrorCode.CALLER_NOT_ACTIVE);
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, DISTRIBUTOR_GLN, "ACTIVE", "audit done"));
        assertThat(rows(history(f.distributor, "", ""))).hasSize(7);
    }

    @Test
    void aPackThatNeverMovedIsVisibleToItsOwnerOnly() {
        final JsonNode page = f.query(f.manufacturer, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0005", "", ""));
        assertThat(page.get("records")).hasSize(1);
        assertThat(page.get("records").get(0).get("action").asText()).isEqualTo("COMMISSIONED");
        f.refused(f.distributor, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0005", "", ""),
                ErrorCode.ACCESS_DENIED);
    }

    @Test
    void anUnknownPackIsNotFound() {
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S9999", "", ""),
                ErrorCode.PACK_NOT_FOUND);
        f.refused(f.regulator, ctx -> f.contract.getPackHistory(ctx, "123", "S0001", "", ""),
                ErrorCode.INVALID_ARGUMENT);
    }

    // helpers

    private JsonNode history(final TestIdentity who, final String pageSize, final String bookmark) {
        return f.query(who, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", pageSize, bookmark));
    }

    private static List<String> row(final String... fields) {
        return java.util.Arrays.asList(fields);
    }

    private static List<List<String>> rows(final JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false)
                .map(entry -> row(text(entry, "txId"), text(entry, "timestamp"), text(entry, "action"),
                        text(entry, "partyGln"), text(entry, "fromStatus"), text(entry, "toStatus"),
                        text(entry, "fromCustodianGln"), text(entry, "toCustodianGln"), text(entry, "shipmentId")))
                .toList();
    }

    private static String text(final JsonNode node, final String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
