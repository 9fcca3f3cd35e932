package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.alert.Finding;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ReportSuspectPack, ResolveAlert, GetAlert and ListAlerts. The pharmacy holds S0001…S0003. */
class AlertRulesTest {
    private static final String UNREGISTERED_GTIN = LedgerFixture.gtin("0950600055555");

    private LedgerFixture f;

    @BeforeEach
    void deliverPacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 3));
    }

    @Nested
    class ReportSuspectPack {

        @Test
        void everyActiveParticipantMayReportASuspectPack() {
            final List<TestIdentity> reporters = List.of(f.manufacturer, f.importer, f.distributor, f.pharmacy,
                    f.regulator);
            final List<String> glns = List.of(MANUFACTURER_GLN, IMPORTER_GLN, DISTRIBUTOR_GLN, PHARMACY_GLN,
                    REGULATOR_GLN);
            for (int i = 0; i < reporters.size(); i++) {
                f.ledger.advance(Duration.ofMinutes(1));

                final JsonNode alert = report(reporters.get(i), "S0001", "LOT1", EXPIRY, "Blurred print");

                assertThat(alert.get("alertId").asText()).isEqualTo(f.ledger.lastTxId() + "-0001");
                assertThat(alert.get("code").asText()).isEqualTo("SUSPECT_REPORTED");
                assertThat(alert.get("status").asText()).isEqualTo("OPEN");
                assertThat(alert.get("raisedBy").asText()).isEqualTo(glns.get(i));
                assertThat(alert.get("raisedAt").asText()).isEqualTo(f.ledger.now().toString());
                assertThat(alert.get("detail").asText()).isEqualTo("Blurred print");
                assertThat(alert.get("gtin").asText()).isEqualTo(GTIN);
                assertThat(alert.get("serial").asText()).isEqualTo("S0001");
                assertThat(alert.get("lot").asText()).isEqualTo("LOT1");
                assertThat(alert.get("expiry").asText()).isEqualTo(EXPIRY);
                assertThat(alert.get("verdict").asText()).isEqualTo("ACTIVE");
                assertThat(alert.has("finding")).isFalse();

                assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("SuspectPackReported");
                assertThat(f.lastEvent().get("actor").asText()).isEqualTo(glns.get(i));
                assertThat(f.lastEvent().at("/data/alert")).isEqualTo(alert);
                assertThat(get(f.regulator, alert.get("alertId").asText())).isEqualTo(alert);
            }
            assertThat(list("OPEN", "", "").get("records")).hasSize(reporters.size());
        }

        @Test
        void theAlertKeepsTheVerdictTheLedgerGaveAtReportTime() {
            final JsonNode before = report(f.pharmacy, "S0001", "", "", "Seal broken");
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            final JsonNode after = report(f.pharmacy, "S0001", "", "", "Seal broken, again");

            assertThat(get(f.regulator, before.get("alertId").asText()).get("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(after.get("verdict").asText()).isEqualTo("RECALLED");
        }

        @Test
        void aPackTheLedgerDoesNotKnowCanBeReportedWithItsVerdict() {
            final JsonNode unknownSerial = report(f.pharmacy, "FAKE1", "LOT1", EXPIRY, "Not in our records");
            assertThat(unknownSerial.get("verdict").asText()).isEqualTo("UNKNOWN_SERIAL");

            final JsonNode unknownProduct = f.call(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx,
                    UNREGISTERED_GTIN, "X1", "", "", "Unregistered import"));
            assertThat(unknownProduct.get("verdict").asText()).isEqualTo("UNKNOWN_PRODUCT");
            assertThat(unknownProduct.get("gtin").asText()).isEqualTo(UNREGISTERED_GTIN);

            final JsonNode mismatch = report(f.pharmacy, "S0002", "LOT1", "280500", "Expiry looks reprinted");
            assertThat(mismatch.get("verdict").asText()).isEqualTo("EXPIRY_MISMATCH");
        }

        @Test
        void aBatchCanBeReportedWithoutASerial() {
            f.registerBatch(GTIN, "BULK1", EXPIRY, 100);
            final JsonNode alert = report(f.distributor, "", "BULK1", EXPIRY, "Whole carton looks wrong");

            assertThat(alert.has("serial")).isFalse();
            assertThat(alert.get("lot").asText()).isEqualTo("BULK1");
            assertThat(alert.get("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(report(f.distributor, "", "NOLOT", "", "Lot unknown").get("verdict").asText())
                    .isEqualTo("UNKNOWN_BATCH");
        }

        @Test
        void aPackOfASerialisedBatchReportedWithoutASerialKeepsTheVerdictSerialRequired() {
            final JsonNode alert = report(f.distributor, "", "LOT1", EXPIRY, "Carton without DataMatrix serials");

            assertThat(alert.has("serial")).isFalse();
            assertThat(alert.get("code").asText()).isEqualTo("SUSPECT_REPORTED");
            assertThat(alert.get("verdict").asText()).isEqualTo("SERIAL_REQUIRED");
        }

        @Test
        void aDescriptionOfExactlyTheMaximumLengthIsAccepted() {
            final String description = "x".repeat(org.dawaledger.chaincode.ledger.Arguments.MAX_TEXT);
            assertThat(report(f.pharmacy, "S0001", "", "", description).get("detail").asText())
                    .isEqualTo(description);
        }

        static Stream<Arguments> malformedReports() {
            return Stream.of(
                    Arguments.of("bad GTIN check digit", "09506000134350", "S0001", "", "", "text"),
                    Arguments.of("no GTIN", "", "S0001", "", "", "text"),
                    Arguments.of("neither serial nor lot", GTIN, "", "", "", "text"),
                    Arguments.of("impossible expiry", GTIN, "S0001", "", "281399", "text"),
                    Arguments.of("malformed serial", GTIN, "S 0001", "", "", "text"),
                    Arguments.of("no description", GTIN, "S0001", "", "", ""),
                    Arguments.of("blank description", GTIN, "S0001", "", "", "   "),
                    Arguments.of("padded description", GTIN, "S0001", "", "", " text"),
                    Arguments.of("control character", GTIN, "S0001", "", "", "line\nbreak"),
                    Arguments.of("description too long", GTIN, "S0001", "", "", "x".repeat(501)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedReports")
        void aMalformedReportIsRefused(final String what, final String gtin, final String serial, final String lot,
                final String expiry, final String description) {
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, gtin, serial, lot, expiry, description),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void anUnregisteredCallerCannotReport() {
            f.refused(f.outsider, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", "fake?"),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @Test
        void aSuspendedParticipantCannotReport() {
            suspend(PHARMACY_GLN);
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", "fake?"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    @Nested
    class ResolveAlert {
        private String alertId;

        @BeforeEach
        void aPharmacyReportsAPack() {
            alertId = report(f.pharmacy, "S0001", "LOT1", EXPIRY, "Blurred print").get("alertId").asText();
            f.ledger.advance(Duration.ofDays(2));
        }

        @ParameterizedTest
        @EnumSource(Finding.class)
        void theRegulatorRecordsEachFindingAndClosesTheAlert(final Finding finding) {
            final JsonNode open = get(f.regulator, alertId);

            final JsonNode resolved = resolve(f.regulator, alertId, finding.name(), "Lab report 17");

            assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolved.get("finding").asText()).isEqualTo(finding.name());
            assertThat(resolved.get("resolutionNote").asText()).isEqualTo("Lab report 17");
            assertThat(resolved.get("resolvedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(resolved.get("resolvedAt").asText()).isEqualTo(f.ledger.now().toString());
            for (final String unchanged : List.of("alertId", "code", "gtin", "serial", "lot", "expiry", "verdict",
                    "detail", "raisedBy", "raisedAt")) {
                assertThat(resolved.get(unchanged)).as(unchanged).isEqualTo(open.get(unchanged));
            }
            assertThat(get(f.regulator, alertId)).isEqualTo(resolved);
            assertThat(get(f.pharmacy, alertId)).as("the raiser sees the finding").isEqualTo(resolved);
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("AlertResolved");
            assertThat(f.lastEvent().get("actor").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(f.lastEvent().at("/data/alert")).isEqualTo(resolved);
        }

        @Test
        void anAlertCannotBeResolvedTwice() {
            resolve(f.regulator, alertId, "FALSE_ALARM", "Genuine pack");
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSIFIED", "Changed my mind"),
                    ErrorCode.ALERT_ALREADY_RESOLVED);
        }

        @Test
        void anUnknownAlertIsNotFound() {
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId + "0", "FALSIFIED", "note"),
                    ErrorCode.ALERT_NOT_FOUND);
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, "no-such-alert", "FALSIFIED", "note"),
                    ErrorCode.ALERT_NOT_FOUND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", " padded", "x\u0007"})
        void aFindingNeedsANote(final String note) {
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSIFIED", note),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aNoteLongerThanTheMaximumIsRefused() {
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSIFIED", "x".repeat(501)),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "falsified", "GENUINE", "RESOLVED"})
        void anUnknownFindingIsRefused(final String finding) {
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId, finding, "note"),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void anEmptyAlertIdIsRefused() {
            f.refused(f.regulator, ctx -> f.contract.resolveAlert(ctx, "", "FALSIFIED", "note"),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void onlyAnActiveRegulatorResolves() {
            for (final TestIdentity who : List.of(f.pharmacy, f.manufacturer, f.distributor, f.importer)) {
                f.refused(who, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSE_ALARM", "fine"),
                        ErrorCode.ROLE_NOT_PERMITTED);
            }
            f.refused(f.outsider, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSE_ALARM", "fine"),
                    ErrorCode.CALLER_NOT_REGISTERED);

            final TestIdentity deputy = TestIdentity.of(LedgerFixture.REGULATOR_MSP, "Deputy");
            final String deputyGln = LedgerFixture.gln("950000000008");
            f.register(deputy, deputyGln, "REGULATOR");
            suspend(deputyGln);
            f.refused(deputy, ctx -> f.contract.resolveAlert(ctx, alertId, "FALSE_ALARM", "fine"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    @Nested
    class GetAlert {

        @Test
        void theRegulatorAndTheRaiserMayReadAnAlertAndNoOneElse() {
            final JsonNode outcome = f.call(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx,
                    packsJson(List.of("S0001")))).get(0);
            final String alertId = outcome.get("alertId").asText();

            assertThat(get(f.regulator, alertId).get("raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
            assertThat(get(f.pharmacy2, alertId).get("alertId").asText()).isEqualTo(alertId);
            for (final TestIdentity who : List.of(f.pharmacy, f.manufacturer, f.distributor, f.importer)) {
                f.refused(who, ctx -> f.contract.getAlert(ctx, alertId), ErrorCode.ACCESS_DENIED);
            }
            f.refused(f.outsider, ctx -> f.contract.getAlert(ctx, alertId), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @Test
        void anUnknownAlertIsNotFound() {
            f.refused(f.regulator, ctx -> f.contract.getAlert(ctx, "no-such-alert"), ErrorCode.ALERT_NOT_FOUND);
            f.refused(f.regulator, ctx -> f.contract.getAlert(ctx, ""), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class ListAlerts {

        @Test
        void resolvingMovesAnAlertFromTheOpenToTheResolvedList() {
            final String first = report(f.pharmacy, "S0001", "", "", "one").get("alertId").asText();
            f.ledger.advance(Duration.ofMinutes(1));
            final String second = report(f.pharmacy, "S0002", "", "", "two").get("alertId").asText();
            assertThat(ids(list("OPEN", "", ""))).containsExactly(first, second);
            assertThat(ids(list("RESOLVED", "", ""))).isEmpty();

            resolve(f.regulator, first, "FALSE_ALARM", "Genuine");

            assertThat(ids(list("OPEN", "", ""))).containsExactly(second);
            final JsonNode resolved = list("RESOLVED", "", "");
            assertThat(ids(resolved)).containsExactly(first);
            assertThat(resolved.get("records").get(0).get("finding").asText()).isEqualTo("FALSE_ALARM");
            assertThat(resolved.get("bookmark").asText()).isEmpty();
            assertThat(resolved.get("fetchedRecordsCount").asInt()).isEqualTo(1);
            assertThat(ids(list("", "", ""))).containsExactlyInAnyOrder(first, second);
        }

        @Test
        void openAlertsArePagedOldestFirstWithBookmarks() {
            final List<String> raised = raiseAlerts(5);

            final List<JsonNode> pages = pages("OPEN", 2);

            assertThat(pages).hasSize(3);
            assertThat(pages.get(0).get("fetchedRecordsCount").asInt()).isEqualTo(2);
            assertThat(pages.get(1).get("fetchedRecordsCount").asInt()).isEqualTo(2);
            assertThat(pages.get(2).get("fetchedRecordsCount").asInt()).isEqualTo(1);
            assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
            assertThat(pages.stream().flatMap(p -> ids(p).stream()).toList()).containsExactlyElementsOf(raised);
        }

        @Test
        void aFullLastPageEndsTheListingAsOnLevelDb() {
            final List<String> raised = raiseAlerts(4);

            final List<JsonNode> pages = pages("OPEN", 2);

            // A LevelDB peer names no next key after the last one: no empty page follows a full last page.
            assertThat(pages).hasSize(2);
            assertThat(pages.get(1).get("fetchedRecordsCount").asInt()).isEqualTo(2);
            assertThat(pages.get(1).get("bookmark").asText()).isEmpty();
            assertThat(pages.stream().flatMap(p -> ids(p).stream()).toList()).containsExactlyElementsOf(raised);
        }

        @Test
        void aBookmarkOfTheOtherStatusIsRefusedInBothDirections() {
            raiseAlerts(4);
            resolve(f.regulator, ids(list("OPEN", "1", "")).get(0), "FALSE_ALARM", "genuine");
            resolve(f.regulator, ids(list("OPEN", "1", "")).get(0), "FALSE_ALARM", "genuine");
            final String open = list("OPEN", "1", "").get("bookmark").asText();
            final String resolved = list("RESOLVED", "1", "").get("bookmark").asText();
            assertThat(open).isNotEmpty();
            assertThat(resolved).isNotEmpty();

            // OPEN sorts before RESOLVED: one bookmark lies before the other listing's range, one after it.
            for (final String[] pair : new String[][] {{"RESOLVED", open}, {"OPEN", resolved}}) {
                assertThatThrownBy(() -> f.ledger.evaluate(f.regulator, ctx -> f.contract.listAlerts(ctx, pair[0],
                        "1", pair[1]))).as("%s listing with a foreign bookmark", pair[0])
                        .hasMessageStartingWith("[INVALID_ARGUMENT] bookmark");
            }
        }

        @Test
        void theUnfilteredListPagesThroughEveryAlert() {
            final List<String> raised = raiseAlerts(5);
            resolve(f.regulator, raised.get(2), "SUBSTANDARD", "Assay 92 %");

            final List<JsonNode> pages = pages("", 2);

            assertThat(pages.stream().flatMap(p -> ids(p).stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(raised);
            assertThat(ids(list("RESOLVED", "10", ""))).containsExactly(raised.get(2));
        }

        @Test
        void theUnfilteredListIsInAlertIdOrder() {
            final List<String> raised = raiseAlerts(5);

            assertThat(ids(list("", "", ""))).containsExactlyElementsOf(raised.stream().sorted().toList());
        }

        @Test
        void openAlertsAreOldestFirstEvenWithinOneSecond() {
            // 09:00:00Z and 09:00:00.500Z: ISO text without a fraction must not sort after text with one.
            final String older = report(f.pharmacy, "S0001", "", "", "first").get("alertId").asText();
            f.ledger.advance(Duration.ofMillis(500));
            final String newer = report(f.pharmacy, "S0002", "", "", "second").get("alertId").asText();

            assertThat(ids(list("OPEN", "", ""))).containsExactly(older, newer);
        }

        @Test
        void alertsRaisedByOneDispenseAreAllListed() {
            final JsonNode outcomes = f.call(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx,
                    packsJson(serials("S", 1, 3))));

            final List<String> alertIds = texts(outcomes, "alertId");
            assertThat(alertIds).hasSize(3).doesNotHaveDuplicates();
            assertThat(ids(list("OPEN", "", ""))).containsExactlyInAnyOrderElementsOf(alertIds);
        }

        @Test
        void aBookmarkOfTheOpenListDoesNotWorkOnTheResolvedList() {
            raiseAlerts(3);
            final String bookmark = list("OPEN", "1", "").get("bookmark").asText();
            assertThat(bookmark).isNotEmpty();

            f.refused(f.regulator, ctx -> f.contract.listAlerts(ctx, "RESOLVED", "1", bookmark),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"open", "CLOSED", "ALL", " OPEN"})
        void anUnknownStatusIsRefused(final String status) {
            f.refused(f.regulator, ctx -> f.contract.listAlerts(ctx, status, "", ""), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1001", "ten", "1.5"})
        void aBadPageSizeIsRefused(final String pageSize) {
            f.refused(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", pageSize, ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void onlyAnActiveRegulatorListsAlerts() {
            raiseAlerts(1);
            for (final TestIdentity who : List.of(f.pharmacy, f.manufacturer, f.distributor, f.importer)) {
                f.refused(who, ctx -> f.contract.listAlerts(ctx, "OPEN", "", ""), ErrorCode.ROLE_NOT_PERMITTED);
            }
            f.refused(f.outsider, ctx -> f.contract.listAlerts(ctx, "", "", ""), ErrorCode.CALLER_NOT_REGISTERED);
        }

        private List<String> raiseAlerts(final int count) {
            final List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                f.ledger.advance(Duration.ofMinutes(1));
                ids.add(report(f.distributor, "", "LOT1", "", "Carton " + i).get("alertId").asText());
            }
            return ids;
        }

        private List<JsonNode> pages(final String status, final int size) {
            final List<JsonNode> pages = new ArrayList<>();
            String bookmark = "";
            do {
                final JsonNode page = list(status, Integer.toString(size), bookmark);
                pages.add(page);
                bookmark = page.get("bookmark").asText();
                assertThat(pages).as("pages").hasSizeLessThan(20);
            } while (!bookmark.isEmpty());
            return pages;
        }
    }

    // helpers

    private JsonNode report(final TestIdentity who, final String serial, final String lot, final String expiry,
            final String description) {
        return f.call(who, ctx -> f.contract.reportSuspectPack(ctx, GTIN, serial, lot, expiry, description));
    }

    private JsonNode resolve(final TestIdentity who, final String alertId, final String finding, final String note) {
        return f.call(who, ctx -> f.contract.resolveAlert(ctx, alertId, finding, note));
    }

    private JsonNode get(final TestIdentity who, final String alertId) {
        return f.query(who, ctx -> f.contract.getAlert(ctx, alertId));
    }

    private JsonNode list(final String status, final String pageSize, final String bookmark) {
        return f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, status, pageSize, bookmark));
    }

    private void suspend(final String gln) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, "SUSPENDED", "inspection"));
    }

    private static List<String> ids(final JsonNode page) {
        return texts(page.get("records"), "alertId");
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
