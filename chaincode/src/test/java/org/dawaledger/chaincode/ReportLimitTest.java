package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.alert.Alerts;
import org.dawaledger.chaincode.alert.Finding;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ReportSuspectPack's limit: a party may leave at most {@link Alerts#MAX_OPEN_REPORTS_PER_DAY} of its own reports open
 * from one UTC day. The regulator's reports and the alerts the ledger raises at a refused dispense are not limited.
 * The pharmacy holds S0001…S0005.
 */
class ReportLimitTest {
    private static final int LIMIT = Alerts.MAX_OPEN_REPORTS_PER_DAY;
    private static final String UNREGISTERED_GTIN = LedgerFixture.gtin("0950600055555");
    /** An hour before midnight (UTC) of the fixture's first day, 2026-01-15. */
    private static final Instant LATE_ON_THE_FIRST_DAY = Instant.parse("2026-01-15T23:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-01-16T00:00:00Z");

    private LedgerFixture f;

    @BeforeEach
    void deliverPacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
    }

    @Test
    void theLimitIsFiftyOpenReportsPerPartyAndDay() {
        assertThat(LIMIT).isEqualTo(50);
    }

    @Nested
    class OneDay {

        @Test
        void aPartyMayLeaveFiftyReportsOpenFromOneDayAndTheFiftyFirstIsRefusedChangingNothing() {
            final List<String> reports = reportMany(f.pharmacy, LIMIT);
            assertThat(reports).doesNotHaveDuplicates().hasSize(LIMIT);
            assertThat(openAlertIds()).containsExactlyElementsOf(reports);
            final Map<String, String> before = f.ledger.snapshotAsStrings();
            final int events = f.ledger.events().size();
            f.ledger.advance(Duration.ofMinutes(1));

            refusedReport(f.pharmacy);

            assertThat(f.ledger.snapshotAsStrings()).as("the refused report changed nothing").isEqualTo(before);
            assertThat(f.ledger.events()).hasSize(events);
            assertThat(openAlertIds()).containsExactlyElementsOf(reports);
            assertThat(allAlertIds()).containsExactlyInAnyOrderElementsOf(reports);
        }

        @Test
        void everyKindOfReportCountsAndNoKindGetsPastTheLimit() {
            for (int i = 0; i < LIMIT; i++) {
                f.ledger.advance(Duration.ofSeconds(10));
                final int n = i;
                switch (i % 4) {
                    case 0 -> report(f.pharmacy, "S0001", "LOT1", "Report " + n);
                    case 1 -> report(f.pharmacy, "F" + n, "LOT1", "Unknown serial " + n);
                    case 2 -> report(f.pharmacy, "", "LOT1", "Carton " + n);
                    default -> f.call(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, UNREGISTERED_GTIN, "X1",
                            "", "", "Unregistered " + n));
                }
            }
            assertThat(openAlertIds()).hasSize(LIMIT);

            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0002", "", "", "active pack"),
                    ErrorCode.ALERT_LIMIT_REACHED);
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "FAKE", "LOT1", EXPIRY, "fake"),
                    ErrorCode.ALERT_LIMIT_REACHED);
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "", "LOT1", "", "carton"),
                    ErrorCode.ALERT_LIMIT_REACHED);
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, UNREGISTERED_GTIN, "X2", "", "",
                    "unregistered"), ErrorCode.ALERT_LIMIT_REACHED);
            assertThat(openAlertIds()).hasSize(LIMIT);
        }

        @ParameterizedTest
        @EnumSource(Finding.class)
        void resolvingOneOfThatDaysReportsFreesOnePlace(final Finding finding) {
            final List<String> reports = reportMany(f.pharmacy, LIMIT);
            refusedReport(f.pharmacy);

            resolve(reports.get(17), finding);

            f.ledger.advance(Duration.ofMinutes(1));
            final String again = report(f.pharmacy, "S0002", "LOT1", "Seal looks glued").get("alertId").asText();
            assertThat(alert(again).get("status").asText()).isEqualTo("OPEN");
            f.ledger.advance(Duration.ofMinutes(1));
            refusedReport(f.pharmacy);
        }

        @Test
        void resolvingSeveralOfThatDaysReportsFreesAsManyPlaces() {
            final List<String> reports = reportMany(f.pharmacy, LIMIT);

            resolve(reports.get(0), Finding.FALSE_ALARM);
            resolve(reports.get(LIMIT - 1), Finding.FALSIFIED);
            resolve(reports.get(25), Finding.SUBSTANDARD);

            assertThat(reportMany(f.pharmacy, 3)).hasSize(3);
            refusedReport(f.pharmacy);
            assertThat(openAlertIds()).hasSize(LIMIT);
        }

        @Test
        void aReportResolvedAndThenTheNextTakingItsPlaceLeaveNoPlaceOver() {
            final List<String> reports = reportMany(f.pharmacy, LIMIT - 1);
            resolve(reports.get(3), Finding.FALSE_ALARM);

            assertThat(reportMany(f.pharmacy, 2)).hasSize(2);
            refusedReport(f.pharmacy);
        }
    }

    @Nested
    class NextDay {

        @Test
        void onTheNextUtcDayThePartyMayReportAgainWhileYesterdaysReportsStayOpen() {
            f.ledger.setTime(LATE_ON_THE_FIRST_DAY);
            final List<String> yesterday = reportMany(f.pharmacy, LIMIT);
            f.ledger.setTime(MIDNIGHT.minusSeconds(1));
            refusedReport(f.pharmacy);

            f.ledger.setTime(MIDNIGHT);
            final JsonNode first = report(f.pharmacy, "S0002", "LOT1", "First of the new day");
            assertThat(first.get("raisedAt").asText()).isEqualTo(MIDNIGHT.toString());
            final List<String> today = new ArrayList<>(List.of(first.get("alertId").asText()));
            today.addAll(reportMany(f.pharmacy, LIMIT - 1));

            assertThat(openAlertIds()).hasSize(2 * LIMIT).containsAll(yesterday).containsAll(today);
            assertThat(dayOf(alert(today.get(LIMIT - 1)))).isEqualTo(LocalDate.parse("2026-01-16"));
            refusedReport(f.pharmacy);
        }

        @Test
        void theDayIsTheTransactionsUtcDateNotTwentyFourHoursSinceTheFirstReport() {
            f.ledger.setTime(Instant.parse("2026-01-15T23:50:00Z"));
            reportMany(f.pharmacy, LIMIT);
            assertThat(f.today()).isEqualTo(LocalDate.parse("2026-01-15"));

            f.ledger.setTime(Instant.parse("2026-01-16T00:00:01Z"));

            assertThat(reportMany(f.pharmacy, LIMIT)).hasSize(LIMIT);
            refusedReport(f.pharmacy);
        }

        @Test
        void resolvingAReportFromAnEarlierDayFreesNoPlaceToday() {
            final String earlier = report(f.pharmacy, "S0001", "LOT1", "Yesterday's suspicion").get("alertId")
                    .asText();
            f.ledger.setTime(MIDNIGHT.plus(Duration.ofHours(9)));
            reportMany(f.pharmacy, LIMIT);

            resolve(earlier, Finding.FALSE_ALARM);

            refusedReport(f.pharmacy);
        }

        @Test
        void resolvingAReportFreesAPlaceOnTheDayItWasRaisedOn() {
            // A client may date a transaction anywhere within the peer's time window: a report dated a minute before
            // midnight counts on the day it is dated, and resolving one of that day's reports makes room for it.
            f.ledger.setTime(LATE_ON_THE_FIRST_DAY);
            final List<String> reports = reportMany(f.pharmacy, LIMIT);
            f.ledger.setTime(MIDNIGHT.plusSeconds(60));
            final Instant beforeMidnight = MIDNIGHT.minusSeconds(60);
            assertThat(refusalOfReportDated(beforeMidnight)).isEqualTo(ErrorCode.ALERT_LIMIT_REACHED.name());

            resolve(reports.get(0), Finding.FALSE_ALARM);

            final JsonNode late = LedgerFixture.parse(f.ledger.submitStamped(f.pharmacy, beforeMidnight,
                    ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0002", "LOT1", EXPIRY, "Dated yesterday")));
            assertThat(late.get("raisedAt").asText()).isEqualTo(beforeMidnight.toString());
            assertThat(refusalOfReportDated(beforeMidnight.plusSeconds(1)))
                    .isEqualTo(ErrorCode.ALERT_LIMIT_REACHED.name());
        }

        /** The code a report dated at the given time is refused with, or null when it is accepted. */
        private String refusalOfReportDated(final Instant at) {
            final ChaincodeException refusal = catchThrowableOfType(ChaincodeException.class,
                    () -> f.ledger.submitStamped(f.pharmacy, at, ctx -> f.contract.reportSuspectPack(ctx, GTIN,
                            "S0003", "LOT1", EXPIRY, "Dated " + at)));
            return refusal == null ? null : new String(refusal.getPayload(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class PerParty {

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void everySupplyChainRoleIsLimited(final String role) {
            final TestIdentity party = f.party(role);
            reportMany(party, LIMIT);
            refusedReport(party);
        }

        @Test
        void anotherPartyMayStillReportWhenOneIsAtItsLimitAndHasALimitOfItsOwn() {
            reportMany(f.pharmacy, LIMIT);
            refusedReport(f.pharmacy);

            assertThat(reportMany(f.pharmacy2, LIMIT)).hasSize(LIMIT);
            assertThat(reportMany(f.distributor, 1)).hasSize(1);
            refusedReport(f.pharmacy2);
            refusedReport(f.pharmacy);
            assertThat(openAlertIds()).hasSize(2 * LIMIT + 1);
        }

        @Test
        void resolvingAnotherPartysReportFreesNoPlaceForThisParty() {
            reportMany(f.pharmacy, LIMIT);
            final String other = report(f.pharmacy2, "S0001", "LOT1", "Looks wrong").get("alertId").asText();

            resolve(other, Finding.FALSE_ALARM);

            refusedReport(f.pharmacy);
            assertThat(reportMany(f.pharmacy2, LIMIT)).as("pharmacy2 got its place back").hasSize(LIMIT);
        }

        @Test
        void theRegulatorsOwnReportsAreNeverLimited() {
            final TestIdentity deputy = TestIdentity.of(LedgerFixture.REGULATOR_MSP, "Deputy");
            f.register(deputy, LedgerFixture.gln("950000000008"), "REGULATOR");

            final List<String> regulators = reportMany(f.regulator, LIMIT + 5);
            final List<String> deputys = reportMany(deputy, LIMIT + 5);

            assertThat(regulators).hasSize(LIMIT + 5);
            assertThat(deputys).hasSize(LIMIT + 5);
            assertThat(alert(regulators.get(LIMIT + 4)).get("raisedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(openAlertIds()).hasSize(2 * (LIMIT + 5));
            assertThat(reportMany(f.pharmacy, LIMIT)).as("the regulator's reports take no party's place")
                    .hasSize(LIMIT);
            refusedReport(f.pharmacy);
        }

        @Test
        void resolvingARegulatorsReportFreesNoPlaceForAParty() {
            final String regulators = report(f.regulator, "S0001", "LOT1", "Market survey").get("alertId").asText();
            reportMany(f.pharmacy, LIMIT);

            resolve(regulators, Finding.FALSE_ALARM);

            refusedReport(f.pharmacy);
        }
    }

    @Nested
    class AlertsTheLedgerRaises {

        @Test
        void alertsRaisedAtARefusedDispenseDoNotCountTowardTheLimit() {
            dispense(packsJson(List.of("S0001")));
            final JsonNode outcomes = dispense(json(List.of(
                    Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", GTIN, "serial", "S9999", "lot", "LOT1"),
                    Map.of("gtin", GTIN, "serial", "S0002", "lot", "LOT2"))));
            assertThat(texts(outcomes, "code")).containsExactly("ALREADY_SUPPLIED", "UNKNOWN_SERIAL", "LOT_MISMATCH");
            assertThat(openAlertIds()).hasSize(3);

            assertThat(reportMany(f.pharmacy, LIMIT)).hasSize(LIMIT);
            refusedReport(f.pharmacy);
            assertThat(openAlertIds()).hasSize(LIMIT + 3);
        }

        @Test
        void aPharmacyAtItsLimitStillGetsItsDispenseAlertsRaised() {
            dispense(packsJson(List.of("S0001")));
            final List<String> reports = reportMany(f.pharmacy, LIMIT);
            refusedReport(f.pharmacy);
            f.ledger.advance(Duration.ofMinutes(1));

            final JsonNode outcomes = dispense(json(List.of(
                    Map.of("gtin", GTIN, "serial", "S0001", "lot", "LOT1", "expiry", EXPIRY),
                    Map.of("gtin", GTIN, "serial", "S9999", "lot", "LOT1", "expiry", EXPIRY),
                    Map.of("gtin", GTIN, "serial", "S0002", "lot", "LOT1", "expiry", EXPIRY))));

            assertThat(texts(outcomes, "code")).containsExactly("ALREADY_SUPPLIED", "UNKNOWN_SERIAL", "SUPPLIED");
            assertThat(outcomes.get(2).get("accepted").asBoolean()).as("the call went through").isTrue();
            final List<String> raised = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                final JsonNode outcome = outcomes.get(i);
                assertThat(outcome.get("accepted").asBoolean()).isFalse();
                assertThat(outcome.has("alertId")).as("an alert for %s", outcome).isTrue();
                final JsonNode alert = alert(outcome.get("alertId").asText());
                assertThat(alert.get("code").asText()).isEqualTo(outcome.get("code").asText());
                assertThat(alert.get("status").asText()).isEqualTo("OPEN");
                assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY_GLN);
                raised.add(alert.get("alertId").asText());
            }
            assertThat(texts(f.lastEvent().at("/data/alerts"), "alertId")).containsExactlyElementsOf(raised);
            assertThat(openAlertIds()).hasSize(LIMIT + 2).containsAll(reports).containsAll(raised);
            refusedReport(f.pharmacy);
        }

        @Test
        void resolvingAnAlertTheLedgerRaisedFreesNoReportPlace() {
            dispense(packsJson(List.of("S0001")));
            reportMany(f.pharmacy, LIMIT);
            final String dispenseAlert = dispense(packsJson(List.of("S0001"))).get(0).get("alertId").asText();

            resolve(dispenseAlert, Finding.FALSIFIED);

            refusedReport(f.pharmacy);
        }
    }

    // helpers

    /** Raises reports one after another, ten seconds apart, and returns their alert ids. */
    private List<String> reportMany(final TestIdentity who, final int count) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            f.ledger.advance(Duration.ofSeconds(10));
            ids.add(report(who, "S0001", "LOT1", "Report " + (i + 1) + " of " + count).get("alertId").asText());
        }
        return ids;
    }

    private JsonNode report(final TestIdentity who, final String serial, final String lot, final String description) {
        return f.call(who, ctx -> f.contract.reportSuspectPack(ctx, GTIN, serial, lot, EXPIRY, description));
    }

    private void refusedReport(final TestIdentity who) {
        f.refused(who, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0002", "LOT1", EXPIRY, "One report too many"),
                ErrorCode.ALERT_LIMIT_REACHED);
    }

    private JsonNode dispense(final String packs) {
        return f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packs));
    }

    private void resolve(final String alertId, final Finding finding) {
        f.call(f.regulator, ctx -> f.contract.resolveAlert(ctx, alertId, finding.name(), "Investigated"));
    }

    private JsonNode alert(final String alertId) {
        return f.query(f.regulator, ctx -> f.contract.getAlert(ctx, alertId));
    }

    private List<String> openAlertIds() {
        return texts(f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", "1000", "")).get("records"),
                "alertId");
    }

    private List<String> allAlertIds() {
        return texts(f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "", "1000", "")).get("records"),
                "alertId");
    }

    private static LocalDate dayOf(final JsonNode alert) {
        return LocalDate.ofInstant(Instant.parse(alert.get("raisedAt").asText()), ZoneOffset.UTC);
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
