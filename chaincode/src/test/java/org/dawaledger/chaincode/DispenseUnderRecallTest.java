package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recall or a withdrawal is the first thing VerifyPack says, but it hides no sign of a copy: DispensePacks and
 * DecommissionPacks still raise an alert for the first alerting finding. The pharmacy holds S0001…S0005, the
 * manufacturer S0006…S0010, all of LOT1.
 */
class DispenseUnderRecallTest {
    private static final String WRONG_EXPIRY = "280500";

    private LedgerFixture f;

    @BeforeEach
    void deliverFivePacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
    }

    // ------------------------------------------------------------------ VerifyPack

    static Stream<Arguments> packsOfTheRecalledBatchWithMoreWrong() {
        return Stream.of(
                Arguments.of("S0001", "LOT1", EXPIRY, List.of("RECALLED")),
                Arguments.of("S0001", "", "", List.of("RECALLED")),
                Arguments.of("S0001", "LOT2", EXPIRY, List.of("RECALLED", "LOT_MISMATCH")),
                Arguments.of("S0001", "LOT2", WRONG_EXPIRY, List.of("RECALLED", "LOT_MISMATCH", "EXPIRY_MISMATCH")),
                Arguments.of("S0001", "LOT1", WRONG_EXPIRY, List.of("RECALLED", "EXPIRY_MISMATCH")),
                Arguments.of("S9999", "LOT1", EXPIRY, List.of("RECALLED", "UNKNOWN_SERIAL")),
                Arguments.of("S9999", "LOT1", WRONG_EXPIRY, List.of("RECALLED", "UNKNOWN_SERIAL", "EXPIRY_MISMATCH")),
                Arguments.of("", "LOT1", EXPIRY, List.of("RECALLED", "SERIAL_REQUIRED")));
    }

    @Nested
    class VerifyPack {

        @ParameterizedTest(name = "serial {0}, lot {1}, expiry {2}: {3}")
        @MethodSource("org.dawaledger.chaincode.DispenseUnderRecallTest#packsOfTheRecalledBatchWithMoreWrong")
        void theRecallComesFirstAndEverythingElseFoundFollowsInOrder(final String serial, final String lot,
                final String expiry, final List<String> findings) {
            recall();

            final JsonNode verdict = verify(serial, lot, expiry);

            assertThat(verdict.get("verdict").asText()).isEqualTo("RECALLED");
            assertThat(texts(verdict.get("findings"))).containsExactlyElementsOf(findings);
            assertThat(verdict.get("recallReason").asText()).isEqualTo("contamination");
            assertThat(verdict.get("batchStatus").asText()).isEqualTo("RECALLED");
        }

        @Test
        void aPackDispensedBeforeTheRecallVerifiesAsRecalledAndAlreadySupplied() {
            dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY));
            recall();

            final JsonNode verdict = verify("S0001", "", "");

            assertThat(verdict.get("verdict").asText()).isEqualTo("RECALLED");
            assertThat(texts(verdict.get("findings"))).containsExactly("RECALLED", "ALREADY_SUPPLIED");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("SUPPLIED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
        }

        @Test
        void aWithdrawalComesBeforeTheRecallAndBothBeforeThePacksOwnFindings() {
            dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY));
            recall();
            withdraw();

            final JsonNode verdict = verify("S0001", "LOT2", EXPIRY);

            assertThat(verdict.get("verdict").asText()).isEqualTo("WITHDRAWN");
            assertThat(texts(verdict.get("findings")))
                    .containsExactly("WITHDRAWN", "RECALLED", "LOT_MISMATCH", "ALREADY_SUPPLIED");
        }

        @Test
        void aWithdrawalAloneComesBeforeAWrongLot() {
            withdraw();

            final JsonNode verdict = verify("S0002", "LOT2", EXPIRY);

            assertThat(verdict.get("verdict").asText()).isEqualTo("WITHDRAWN");
            assertThat(texts(verdict.get("findings"))).containsExactly("WITHDRAWN", "LOT_MISMATCH");
        }

        @Test
        void aRecalledBatchPastItsExpiryIsRecalledThenExpired() {
            recall();
            f.ledger.setTime(Instant.parse("2028-07-01T09:00:00Z"));

            final JsonNode verdict = verify("S0001", "LOT1", EXPIRY);

            assertThat(verdict.get("verdict").asText()).isEqualTo("RECALLED");
            assertThat(texts(verdict.get("findings"))).containsExactly("RECALLED", "EXPIRED");
        }
    }

    // ------------------------------------------------------------------ DispensePacks

    @Nested
    class DispensePacks {

        @Test
        void aPackOfARecalledBatchWithAWrongLotIsRefusedAsLotMismatchWithAnAlertWhoseVerdictIsRecalled() {
            recall();
            final JsonNode before = verify("S0001", "", "");

            final JsonNode outcome = dispense(f.pharmacy, item("S0001", "LOT2", EXPIRY)).get(0);

            final JsonNode alert = assertRefusedWithAlert(outcome, "LOT_MISMATCH", "RECALLED", PHARMACY_GLN);
            assertThat(alert.get("serial").asText()).isEqualTo("S0001");
            assertThat(alert.get("lot").asText()).isEqualTo("LOT2");
            assertThat(alert.get("expiry").asText()).isEqualTo(EXPIRY);
            assertThat(verify("S0001", "", "")).as("the pack is untouched").isEqualTo(before);
            assertThat(f.lastEvent().at("/data/packs")).isEmpty();
            assertThat(texts(f.lastEvent().at("/data/alerts"), "alertId"))
                    .containsExactly(outcome.get("alertId").asText());
        }

        @Test
        void anUnknownSerialWithTheLotOfARecalledBatchIsRefusedAsUnknownSerialWithAnAlert() {
            recall();

            final JsonNode outcome = dispense(f.pharmacy, item("S9999", "LOT1", EXPIRY)).get(0);

            final JsonNode alert = assertRefusedWithAlert(outcome, "UNKNOWN_SERIAL", "RECALLED", PHARMACY_GLN);
            assertThat(alert.get("serial").asText()).isEqualTo("S9999");
            assertThat(texts(verify("S9999", "", "").get("findings"))).contains("UNKNOWN_SERIAL");
        }

        @Test
        void aSecondDispenseOfAPackWhoseBatchWasRecalledAfterTheFirstIsRefusedAsAlreadySuppliedWithAnAlert() {
            dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY));
            final JsonNode first = verify("S0001", "", "");
            f.ledger.advance(Duration.ofDays(1));
            recall();
            f.ledger.advance(Duration.ofHours(1));

            final JsonNode outcome = dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY)).get(0);

            assertRefusedWithAlert(outcome, "ALREADY_SUPPLIED", "RECALLED", PHARMACY_GLN);
            final JsonNode after = verify("S0001", "", "");
            assertThat(after.get("decommissionedAt")).as("the first dispense stands")
                    .isEqualTo(first.get("decommissionedAt"));
            assertThat(after.get("lastTxId")).isEqualTo(first.get("lastTxId"));
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.DispenseUnderRecallTest#presentations")
        void aGenuineActivePackOfARecalledBatchIsRefusedAsRecalledWithoutAnAlert(final Map<String, String> item) {
            recall();
            final Map<String, String> before = f.ledger.snapshotAsStrings();

            final JsonNode outcome = dispense(f.pharmacy, item).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("RECALLED");
            assertThat(outcome.get("message").asText()).isNotBlank();
            assertThat(outcome.has("alertId")).as("no alert for a recall: %s", outcome).isFalse();
            assertThat(f.ledger.snapshotAsStrings()).as("no pack changed, no alert stored").isEqualTo(before);
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(allAlertIds()).isEmpty();
            assertThat(verify("S0001", "", "").get("packStatus").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void aPackOfARecalledBatchHeldByAnotherPharmacyIsRefusedAsRecalledWithoutAnAlert() {
            recall();

            final JsonNode outcome = dispense(f.pharmacy2, item("S0001", "LOT1", EXPIRY)).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("RECALLED");
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(allAlertIds()).isEmpty();
            assertThat(verify("S0001", "", "").get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        }

        @Test
        void inOneCallUnderARecallEachAlertingFindingRaisesItsAlertAndTheGenuinePackNone() {
            recall();

            final JsonNode outcomes = dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY),
                    item("S0002", "LOT2", EXPIRY), item("S9999", "LOT1", EXPIRY), item("S0003", "LOT1", WRONG_EXPIRY));

            assertThat(texts(outcomes, "code"))
                    .containsExactly("RECALLED", "LOT_MISMATCH", "UNKNOWN_SERIAL", "EXPIRY_MISMATCH");
            assertThat(outcomes.get(0).has("alertId")).isFalse();
            for (int i = 1; i < 4; i++) {
                assertRefusedWithAlert(outcomes.get(i), outcomes.get(i).get("code").asText(), "RECALLED",
                        PHARMACY_GLN);
            }
            assertThat(openAlertIds()).containsExactlyInAnyOrder(outcomes.get(1).get("alertId").asText(),
                    outcomes.get(2).get("alertId").asText(), outcomes.get(3).get("alertId").asText());
        }

        @Test
        void underAWithdrawalAWrongLotStillRaisesAnAlertAndAGenuinePackDoesNot() {
            withdraw();

            final JsonNode outcomes = dispense(f.pharmacy, item("S0001", "LOT2", EXPIRY),
                    item("S0002", "LOT1", EXPIRY));

            assertRefusedWithAlert(outcomes.get(0), "LOT_MISMATCH", "WITHDRAWN", PHARMACY_GLN);
            assertThat(outcomes.get(1).get("accepted").asBoolean()).isFalse();
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("WITHDRAWN");
            assertThat(outcomes.get(1).has("alertId")).isFalse();
            assertThat(openAlertIds()).containsExactly(outcomes.get(0).get("alertId").asText());
        }

        @Test
        void onlyAnActivePharmacyDispenses() {
            recall();
            final String packs = json(List.of(item("S0001", "LOT2", EXPIRY)));
            for (final TestIdentity who : List.of(f.manufacturer, f.distributor, f.importer, f.regulator)) {
                f.refused(who, ctx -> f.contract.dispensePacks(ctx, packs), ErrorCode.ROLE_NOT_PERMITTED);
            }
            f.refused(f.outsider, ctx -> f.contract.dispensePacks(ctx, packs), ErrorCode.CALLER_NOT_REGISTERED);
            assertThat(allAlertIds()).as("a refused call raises no alert").isEmpty();
        }
    }

    // ------------------------------------------------------------------ DecommissionPacks

    @Nested
    class DecommissionPacks {

        static Stream<Arguments> custodians() {
            return Stream.of(Arguments.of("PHARMACY", "S0001"), Arguments.of("MANUFACTURER", "S0006"));
        }

        @ParameterizedTest(name = "{0} destroys {1}")
        @MethodSource("custodians")
        void theCustodianDestroysAGenuineActivePackOfARecalledBatch(final String role, final String serial) {
            final TestIdentity custodian = role.equals("PHARMACY") ? f.pharmacy : f.manufacturer;
            final String custodianGln = role.equals("PHARMACY") ? PHARMACY_GLN : MANUFACTURER_GLN;
            recall();

            final JsonNode outcome = decommission(custodian, "DESTROYED", item(serial, "LOT1", EXPIRY)).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("DESTROYED");
            assertThat(outcome.has("alertId")).isFalse();
            final JsonNode verdict = verify(serial, "", "");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("DESTROYED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(custodianGln);
            assertThat(texts(verdict.get("findings"))).containsExactly("RECALLED", "DECOMMISSIONED");
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("PacksDecommissioned");
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactly(serial);
            assertThat(allAlertIds()).isEmpty();
        }

        @Test
        void aPartyThatDoesNotHoldThePackCannotDestroyIt() {
            recall();
            final JsonNode before = verify("S0001", "", "");

            final JsonNode byDistributor = decommission(f.distributor, "DESTROYED", item("S0001", "LOT1", EXPIRY))
                    .get(0);
            final JsonNode byPharmacy2 = decommission(f.pharmacy2, "DESTROYED", item("S0001", "LOT1", EXPIRY))
                    .get(0);

            assertRefusedWithAlert(byDistributor, "NOT_CUSTODIAN", "RECALLED", DISTRIBUTOR_GLN);
            assertRefusedWithAlert(byPharmacy2, "NOT_CUSTODIAN", "RECALLED", PHARMACY2_GLN);
            assertThat(verify("S0001", "", "")).isEqualTo(before);
        }

        @Test
        void destroyingAPackOfARecalledBatchPresentedWithAWrongLotIsRefusedAsLotMismatchWithAnAlert() {
            recall();
            final JsonNode before = verify("S0001", "", "");

            final JsonNode outcome = decommission(f.pharmacy, "DESTROYED", item("S0001", "LOT2", EXPIRY)).get(0);

            assertRefusedWithAlert(outcome, "LOT_MISMATCH", "RECALLED", PHARMACY_GLN);
            assertThat(verify("S0001", "", "")).as("the pack was not destroyed").isEqualTo(before);
        }

        @Test
        void destroyingAnUnknownSerialWithTheLotOfARecalledBatchRaisesAnAlert() {
            recall();

            final JsonNode outcome = decommission(f.pharmacy, "DESTROYED", item("S9999", "LOT1", EXPIRY)).get(0);

            assertRefusedWithAlert(outcome, "UNKNOWN_SERIAL", "RECALLED", PHARMACY_GLN);
        }

        @Test
        void destroyingAPackDispensedBeforeTheRecallRaisesAnAlert() {
            dispense(f.pharmacy, item("S0001", "LOT1", EXPIRY));
            recall();

            final JsonNode outcome = decommission(f.pharmacy, "DESTROYED", item("S0001", "LOT1", EXPIRY)).get(0);

            assertRefusedWithAlert(outcome, "ALREADY_SUPPLIED", "RECALLED", PHARMACY_GLN);
            assertThat(verify("S0001", "", "").get("packStatus").asText()).isEqualTo("SUPPLIED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EXPORTED", "CHECKED_OUT", "SAMPLE", "FREE_SAMPLE"})
        void aReasonThatNeedsASellableBatchIsRefusedAsRecalledWithoutAnAlert(final String reason) {
            recall();

            final JsonNode outcome = decommission(f.pharmacy, reason, item("S0001", "LOT1", EXPIRY)).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("RECALLED");
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(allAlertIds()).isEmpty();
            assertThat(verify("S0001", "", "").get("packStatus").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void onlyASupplyChainPartyDecommissions() {
            recall();
            final String packs = json(List.of(item("S0001", "LOT1", EXPIRY)));
            f.refused(f.regulator, ctx -> f.contract.decommissionPacks(ctx, packs, "DESTROYED"),
                    ErrorCode.ROLE_NOT_PERMITTED);
            f.refused(f.outsider, ctx -> f.contract.decommissionPacks(ctx, packs, "DESTROYED"),
                    ErrorCode.CALLER_NOT_REGISTERED);
            assertThat(verify("S0001", "", "").get("packStatus").asText()).isEqualTo("ACTIVE");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The forms in which a genuine pack S0001 may be presented: with lot and expiry, or with its serial alone. */
    static Stream<Map<String, String>> presentations() {
        return Stream.of(item("S0001", "LOT1", EXPIRY), item("S0001", "", ""), item("S0001", "LOT1", ""));
    }

    /** A pack of {@link LedgerFixture#GTIN} as presented; an empty lot or expiry is left out. */
    private static Map<String, String> item(final String serial, final String lot, final String expiry) {
        final Map<String, String> item = new LinkedHashMap<>();
        item.put("gtin", GTIN);
        item.put("serial", serial);
        if (!lot.isEmpty()) {
            item.put("lot", lot);
        }
        if (!expiry.isEmpty()) {
            item.put("expiry", expiry);
        }
        return item;
    }

    /**
     * Checks a refused outcome with an alert and the alert the regulator reads.
     *
     * @return the alert
     */
    private JsonNode assertRefusedWithAlert(final JsonNode outcome, final String code, final String verdict,
            final String raisedBy) {
        assertThat(outcome.get("accepted").asBoolean()).as("accepted: %s", outcome).isFalse();
        assertThat(outcome.get("code").asText()).as("code: %s", outcome).isEqualTo(code);
        assertThat(outcome.get("message").asText()).isNotBlank();
        assertThat(outcome.has("alertId")).as("an alert for %s", outcome).isTrue();
        final String alertId = outcome.get("alertId").asText();
        final JsonNode alert = alert(alertId);
        assertThat(alert.get("alertId").asText()).isEqualTo(alertId);
        assertThat(alert.get("code").asText()).isEqualTo(code);
        assertThat(alert.get("verdict").asText()).isEqualTo(verdict);
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("raisedBy").asText()).isEqualTo(raisedBy);
        assertThat(alert.get("gtin").asText()).isEqualTo(GTIN);
        assertThat(alert.get("serial").asText()).isEqualTo(outcome.get("serial").asText());
        assertThat(openAlertIds()).contains(alertId);
        return alert;
    }

    private void recall() {
        f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
    }

    private void withdraw() {
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "licence cancelled"));
    }

    @SafeVarargs
    private JsonNode dispense(final TestIdentity who, final Map<String, String>... items) {
        final String packs = json(List.of(items));
        return f.call(who, ctx -> f.contract.dispensePacks(ctx, packs));
    }

    @SafeVarargs
    private JsonNode decommission(final TestIdentity who, final String reason, final Map<String, String>... items) {
        final String packs = json(List.of(items));
        return f.call(who, ctx -> f.contract.decommissionPacks(ctx, packs, reason));
    }

    private JsonNode verify(final String serial, final String lot, final String expiry) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, lot, expiry));
    }

    private JsonNode alert(final String alertId) {
        return f.query(f.regulator, ctx -> f.contract.getAlert(ctx, alertId));
    }

    private List<String> openAlertIds() {
        return texts(f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", "", "")).get("records"),
                "alertId");
    }

    private List<String> allAlertIds() {
        return texts(f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "", "", "")).get("records"),
                "alertId");
    }

    private static List<String> texts(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
