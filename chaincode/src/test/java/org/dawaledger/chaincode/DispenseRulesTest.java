package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.pack.DecommissionReason;
import org.dawaledger.chaincode.pack.Lifecycle;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DispensePacks and DecommissionPacks: each pack answered on its own, alerts for signs of falsification, whole-call
 * refusals for bad callers and malformed lists. The pharmacy holds S0001…S0005; the manufacturer still holds
 * S0006…S0010.
 */
class DispenseRulesTest {
    private static final String UNREGISTERED_GTIN = LedgerFixture.gtin("0950600055555");
    private static final Instant DAY_AFTER_EXPIRY = Instant.parse("2028-07-01T09:00:00Z");

    private LedgerFixture f;

    @BeforeEach
    void deliverFivePacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
    }

    @Nested
    class Dispense {

        @Test
        void aPharmacyDispensesPacksItHoldsAndEachBecomesSupplied() {
            final JsonNode outcomes = dispense(f.pharmacy, packsJson(List.of("S0001", "S0002")));

            assertThat(outcomes).hasSize(2);
            for (int i = 0; i < 2; i++) {
                final JsonNode outcome = outcomes.get(i);
                assertThat(outcome.get("gtin").asText()).isEqualTo(GTIN);
                assertThat(outcome.get("serial").asText()).isEqualTo("S000" + (i + 1));
                assertThat(outcome.get("accepted").asBoolean()).isTrue();
                assertThat(outcome.get("code").asText()).isEqualTo("SUPPLIED");
                assertThat(outcome.has("alertId")).isFalse();
            }
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("SUPPLIED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(verdict.get("decommissionedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(verdict.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
            assertThat(verify("S0003").get("verdict").asText()).isEqualTo("ACTIVE");

            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("PacksDispensed");
            final JsonNode event = f.lastEvent();
            assertThat(event.get("actor").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(event.get("txId").asText()).isEqualTo(f.ledger.lastTxId());
            assertThat(event.at("/data/status").asText()).isEqualTo("SUPPLIED");
            assertThat(texts(event.at("/data/packs"), "serial")).containsExactly("S0001", "S0002");
            assertThat(texts(event.at("/data/packs"), "lot")).containsExactly("LOT1", "LOT1");
            assertThat(event.at("/data/alerts")).isEmpty();
        }

        @Test
        void lotAndExpiryAreOptionalAndTheExpiryMayBeGivenInIsoForm() {
            final JsonNode outcomes = dispense(f.pharmacy, json(List.of(
                    Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", GTIN, "serial", "S0002", "lot", "LOT1", "expiry", LedgerFixture.EXPIRY_ISO),
                    Map.of("gtin", GTIN, "serial", "S0003", "lot", "LOT1", "expiry", "280630"))));

            assertThat(texts(outcomes, "code")).containsExactly("SUPPLIED", "SUPPLIED", "SUPPLIED");
        }

        @Test
        void aSecondDispenseBySamePharmacyIsRefusedWithAnAlertWhileTheOtherPacksAreStillDispensed() {
            dispense(f.pharmacy, packsJson(List.of("S0001")));
            final JsonNode firstDispense = verify("S0001");
            f.ledger.advance(Duration.ofHours(1));

            final JsonNode outcomes = dispense(f.pharmacy, packsJson(List.of("S0001", "S0002")));

            final JsonNode refusal = outcomes.get(0);
            assertThat(refusal.get("accepted").asBoolean()).isFalse();
            assertThat(refusal.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(refusal.get("message").asText()).contains(PHARMACY_GLN);
            final String alertId = refusal.get("alertId").asText();
            assertThat(alertId).startsWith(f.ledger.lastTxId() + "-");
            assertThat(outcomes.get(1).get("accepted").asBoolean()).isTrue();
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("SUPPLIED");

            final JsonNode alert = alert(alertId);
            assertThat(alert.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(alert.get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(alert.get("status").asText()).isEqualTo("OPEN");
            assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(alert.get("raisedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(alert.get("serial").asText()).isEqualTo("S0001");
            assertThat(alert.get("lot").asText()).isEqualTo("LOT1");
            assertThat(alert.get("expiry").asText()).isEqualTo(EXPIRY);

            assertThat(verify("S0001")).as("the first dispense stands").isEqualTo(firstDispense);
            assertThat(verify("S0002").get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");
            final JsonNode event = f.lastEvent();
            assertThat(texts(event.at("/data/packs"), "serial")).containsExactly("S0002");
            assertThat(texts(event.at("/data/alerts"), "alertId")).containsExactly(alertId);
            assertThat(openAlertIds()).containsExactly(alertId);
        }

        @Test
        void aSecondPharmacyDispensingAPackSuppliedElsewhereIsRefusedWithAnAlert() {
            dispense(f.pharmacy, packsJson(List.of("S0001")));
            f.deliverToPharmacy(f.pharmacy2, PHARMACY2_GLN, List.of("S0006"));

            final JsonNode outcomes = dispense(f.pharmacy2, packsJson(List.of("S0001", "S0006")));

            assertThat(outcomes.get(0).get("accepted").asBoolean()).isFalse();
            assertThat(outcomes.get(0).get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            final JsonNode alert = alert(outcomes.get(0).get("alertId").asText());
            assertThat(alert.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("SUPPLIED");
            assertThat(verify("S0001").get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(verify("S0006").get("decommissionedBy").asText()).isEqualTo(PHARMACY2_GLN);
        }

        @Test
        void theSamePackTwiceInOneCallIsDispensedOnceAndTheRepeatIsAnsweredAsADuplicateWithoutAnAlert() {
            final JsonNode outcomes = dispense(f.pharmacy, packsJson(List.of("S0001", "S0002", "S0001")));

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0).get("accepted").asBoolean()).isTrue();
            assertThat(outcomes.get(0).get("code").asText()).isEqualTo("SUPPLIED");
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("SUPPLIED");
            final JsonNode repeat = outcomes.get(2);
            assertThat(repeat.get("serial").asText()).isEqualTo("S0001");
            assertThat(repeat.get("accepted").asBoolean()).isFalse();
            assertThat(repeat.get("code").asText()).isEqualTo(ErrorCode.DUPLICATE_SERIAL.name());
            assertThat(repeat.get("message").asText()).isNotBlank();
            assertThat(repeat.has("alertId")).isFalse();
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactly("S0001", "S0002");
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(openAlertIds()).isEmpty();
            assertThat(verify("S0001").get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
        }

        @Test
        void aPackNamedTwiceUnderBothGtinFormsIsADuplicateToo() {
            final List<Map<String, String>> items = List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", GTIN.substring(1), "serial", "S0001"));

            final JsonNode outcomes = dispense(f.pharmacy, json(items));

            assertThat(texts(outcomes, "code")).containsExactly("SUPPLIED", "DUPLICATE_SERIAL");
            assertThat(outcomes.get(1).has("alertId")).isFalse();
            assertThat(openAlertIds()).isEmpty();
        }

        @Test
        void aPackAlreadySuppliedNamedTwiceRaisesOneAlertForTheFirstEntryOnly() {
            dispense(f.pharmacy, packsJson(List.of("S0001")));

            final JsonNode outcomes = dispense(f.pharmacy, packsJson(List.of("S0001", "S0001")));

            assertThat(texts(outcomes, "code")).containsExactly("ALREADY_SUPPLIED", "DUPLICATE_SERIAL");
            final String alertId = outcomes.get(0).get("alertId").asText();
            assertThat(outcomes.get(1).has("alertId")).isFalse();
            assertThat(texts(f.lastEvent().at("/data/alerts"), "alertId")).containsExactly(alertId);
            assertThat(openAlertIds()).containsExactly(alertId);
        }

        @Test
        void theSameSerialUnderAnotherGtinIsAnotherPackNotADuplicate() {
            final List<Map<String, String>> items = List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", UNREGISTERED_GTIN, "serial", "S0001"));

            final JsonNode outcomes = dispense(f.pharmacy, json(items));

            assertThat(texts(outcomes, "code")).containsExactly("SUPPLIED", "UNKNOWN_PRODUCT");
            assertThat(openAlertIds()).containsExactly(outcomes.get(1).get("alertId").asText());
        }

        static Stream<Arguments> packsThatDoNotMatchTheLedger() {
            return Stream.of(
                    Arguments.of("UNKNOWN_SERIAL", Map.of("gtin", GTIN, "serial", "S9999", "lot", "LOT1",
                            "expiry", EXPIRY)),
                    Arguments.of("UNKNOWN_PRODUCT", Map.of("gtin", UNREGISTERED_GTIN, "serial", "S0002")),
                    Arguments.of("LOT_MISMATCH", Map.of("gtin", GTIN, "serial", "S0002", "lot", "LOT2",
                            "expiry", EXPIRY)),
                    Arguments.of("EXPIRY_MISMATCH", Map.of("gtin", GTIN, "serial", "S0002", "lot", "LOT1",
                            "expiry", "280500")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("packsThatDoNotMatchTheLedger")
        void aPackThatDoesNotMatchTheLedgerIsRefusedWithAnAlertAndTheRestOfTheCallIsDispensed(
                final String code, final Map<String, String> item) {
            final JsonNode before = verify("S0002");

            final JsonNode outcomes = dispense(f.pharmacy, json(List.of(item,
                    Map.of("gtin", GTIN, "serial", "S0001", "lot", "LOT1", "expiry", EXPIRY))));

            final JsonNode refusal = outcomes.get(0);
            assertThat(refusal.get("accepted").asBoolean()).isFalse();
            assertThat(refusal.get("code").asText()).isEqualTo(code);
            assertThat(refusal.get("serial").asText()).isEqualTo(item.get("serial"));
            final JsonNode alert = alert(refusal.get("alertId").asText());
            assertThat(alert.get("code").asText()).isEqualTo(code);
            assertThat(alert.get("verdict").asText()).isEqualTo(code);
            assertThat(alert.get("gtin").asText()).isEqualTo(item.get("gtin"));
            assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("SUPPLIED");
            assertThat(verify("S0002")).as("the mismatched pack is untouched").isEqualTo(before);
            assertThat(f.ledger.stateAsString(packKey(item.get("gtin"), "S9999"))).isEmpty();
        }

        @Test
        void anActivePackHeldByAnotherPartyIsRefusedAsNotCustodianWithAnAlert() {
            final JsonNode heldByPharmacy = verify("S0001");
            final JsonNode heldByManufacturer = verify("S0009");

            final JsonNode outcomes = dispense(f.pharmacy2, packsJson(List.of("S0001", "S0009")));

            assertThat(outcomes).hasSize(2);
            for (final JsonNode outcome : outcomes) {
                assertThat(outcome.get("accepted").asBoolean()).isFalse();
                assertThat(outcome.get("code").asText()).isEqualTo("NOT_CUSTODIAN");
                final JsonNode alert = alert(outcome.get("alertId").asText());
                assertThat(alert.get("code").asText()).isEqualTo("NOT_CUSTODIAN");
                assertThat(alert.get("verdict").asText()).isEqualTo("ACTIVE");
                assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
            }
            assertThat(outcomes.get(0).get("message").asText()).contains(PHARMACY_GLN);
            assertThat(outcomes.get(1).get("message").asText()).contains(MANUFACTURER_GLN);
            assertThat(verify("S0001")).isEqualTo(heldByPharmacy);
            assertThat(verify("S0009")).isEqualTo(heldByManufacturer);
            assertThat(openAlertIds()).hasSize(2);
        }

        @Test
        void aPackInTransitIsRefusedWithoutAnAlert() {
            f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0003"));
            final Map<String, String> before = f.ledger.snapshotAsStrings();

            final JsonNode outcomes = dispense(f.pharmacy, packsJson(List.of("S0003")));

            assertThat(outcomes.get(0).get("accepted").asBoolean()).isFalse();
            assertThat(outcomes.get(0).get("code").asText()).isEqualTo("PACK_IN_TRANSIT");
            assertThat(outcomes.get(0).has("alertId")).isFalse();
            assertThat(f.ledger.snapshotAsStrings()).as("no pack changed, no alert stored").isEqualTo(before);
            assertThat(f.lastEvent().at("/data/packs")).isEmpty();
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(verify("S0003").get("inTransit").asBoolean()).isTrue();
        }

        @Test
        void aPackOfARecalledBatchIsRefusedWithoutAnAlert() {
            f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            assertRefusedWithoutAlert("RECALLED");
        }

        @Test
        void aPackOfAWithdrawnProductIsRefusedWithoutAnAlert() {
            f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "licence cancelled"));
            assertRefusedWithoutAlert("WITHDRAWN");
        }

        @Test
        void aPackOfAQuarantinedBatchIsRefusedAsNotReleasedWithoutAnAlert() {
            f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", "under investigation"));
            assertRefusedWithoutAlert("NOT_RELEASED");
        }

        @Test
        void aPackIsDispensableOnItsLastDayAndRefusedAsExpiredTheDayAfterWithoutAnAlert() {
            f.ledger.advance(Duration.between(f.ledger.now(), Instant.parse("2028-06-30T23:59:59Z")));
            assertThat(dispense(f.pharmacy, packsJson(List.of("S0005"))).get(0).get("code").asText())
                    .isEqualTo("SUPPLIED");

            f.ledger.advance(Duration.ofSeconds(1));
            assertRefusedWithoutAlert("EXPIRED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RECALLED", "EXPIRED", "WITHDRAWN", "NOT_RELEASED"})
        void aSuppliedPackPresentedAgainAfterItsBatchBecameUnsellableStillRaisesAnAlert(final String standing) {
            // A second dispense of a supplied pack is the commonest sign of falsification; a recall, expiry,
            // withdrawal or quarantine since the first dispense must not hide it.
            dispense(f.pharmacy, packsJson(List.of("S0001")));
            switch (standing) {
                case "RECALLED" -> f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "bad"));
                case "EXPIRED" -> f.ledger.advance(Duration.between(f.ledger.now(), DAY_AFTER_EXPIRY));
                case "WITHDRAWN" -> f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "cancelled"));
                default -> f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", "inspection"));
            }
            assertThat(verify("S0001").get("verdict").asText()).isEqualTo(standing);
            final JsonNode supplied = verify("S0001");

            final JsonNode outcome = dispense(f.pharmacy2, packsJson(List.of("S0001"))).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(outcome.has("alertId")).as("an alert for a second dispense: %s", outcome).isTrue();
            final JsonNode alert = alert(outcome.get("alertId").asText());
            assertThat(alert.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(alert.get("verdict").asText()).isEqualTo(standing);
            assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY2_GLN);
            assertThat(verify("S0001")).isEqualTo(supplied);
        }

        @Test
        void theReceiverOfAShipmentNotYetReceivedIsToldToReceiveItWithoutAnAlert() {
            f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0003"));
            final Map<String, String> before = f.ledger.snapshotAsStrings();

            final JsonNode outcome = dispense(f.pharmacy2, packsJson(List.of("S0003"))).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("PACK_IN_TRANSIT");
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        }

        @Test
        void aThirdPartyPresentingAPackInTransitIsRefusedAsNotCustodianWithAnAlert() {
            f.ship(f.pharmacy, DISTRIBUTOR_GLN, List.of("S0003"));

            final JsonNode outcome = dispense(f.pharmacy2, packsJson(List.of("S0003"))).get(0);

            assertThat(outcome.get("code").asText()).isEqualTo("NOT_CUSTODIAN");
            assertThat(alert(outcome.get("alertId").asText()).get("code").asText()).isEqualTo("NOT_CUSTODIAN");
            assertThat(verify("S0003").get("inTransit").asBoolean()).isTrue();
        }

        @Test
        void aPackDecommissionedForAnotherReasonIsRefusedWithAnAlert() {
            decommission(f.pharmacy, List.of("S0004"), "LOCKED");

            final JsonNode outcome = dispense(f.pharmacy, packsJson(List.of("S0004"))).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(alert(outcome.get("alertId").asText()).get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(verify("S0004").get("packStatus").asText()).isEqualTo("LOCKED");
        }

        static Stream<Arguments> malformedPackLists() {
            final Map<String, String> good = Map.of("gtin", GTIN, "serial", "S0001", "lot", "LOT1", "expiry",
                    EXPIRY);
            final Map<String, String> noSerial = Map.of("gtin", GTIN, "lot", "LOT1");
            final Map<String, String> badGtin = Map.of("gtin", "09506000134350", "serial", "S0002");
            final Map<String, String> badExpiry = Map.of("gtin", GTIN, "serial", "S0002", "expiry", "281345");
            final Map<String, String> unknownField = Map.of("gtin", GTIN, "serial", "S0002", "colour", "red");
            final Map<String, String> badSerial = Map.of("gtin", GTIN, "serial", "S 0002");
            return Stream.of(
                    Arguments.of("empty list", "[]"),
                    Arguments.of("not JSON", "S0001"),
                    Arguments.of("an object, not a list", json(good)),
                    Arguments.of("blank", " "),
                    Arguments.of("missing serial", json(List.of(good, noSerial))),
                    Arguments.of("bad GTIN check digit", json(List.of(good, badGtin))),
                    Arguments.of("impossible expiry", json(List.of(good, badExpiry))),
                    Arguments.of("unknown field", json(List.of(good, unknownField))),
                    Arguments.of("serial with a space", json(List.of(good, badSerial))),
                    Arguments.of("null item", "[" + json(good) + ",null]"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedPackLists")
        void aMalformedListIsRefusedWholeAndNothingIsDispensed(final String what, final String packs) {
            f.refused(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packs), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void moreThanTheMaximumNumberOfPacksInOneCallIsRefusedWhole() {
            final List<Map<String, String>> items = new ArrayList<>();
            items.add(Map.of("gtin", GTIN, "serial", "S0001"));
            for (int i = 1; i <= Lifecycle.MAX_ITEMS_PER_CALL; i++) {
                items.add(Map.of("gtin", GTIN, "serial", String.format(Locale.ROOT, "X%05d", i)));
            }
            assertThat(items).hasSize(Lifecycle.MAX_ITEMS_PER_CALL + 1);

            f.refused(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, json(items)), ErrorCode.TOO_MANY_ITEMS);
        }

        @Test
        void exactlyTheMaximumNumberOfPacksInOneCallIsAcceptedAndEachIsDispensed() {
            final List<String> many = serials("M", 1, Lifecycle.MAX_ITEMS_PER_CALL);
            f.registerBatch(GTIN, "BIG", EXPIRY, Lifecycle.MAX_ITEMS_PER_CALL);
            f.commission(GTIN, "BIG", many);
            f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, many);
            final List<Map<String, String>> items = many.stream().map(s -> Map.of("gtin", GTIN, "serial", s))
                    .toList();
            assertThat(items).hasSize(Lifecycle.MAX_ITEMS_PER_CALL).doesNotHaveDuplicates();

            final JsonNode outcomes = dispense(f.pharmacy, json(items));

            assertThat(outcomes).hasSize(Lifecycle.MAX_ITEMS_PER_CALL);
            assertThat(texts(outcomes, "code")).containsOnly("SUPPLIED");
            assertThat(texts(outcomes, "serial")).containsExactlyElementsOf(many);
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactlyElementsOf(many);
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(verify("M1000").get("verdict").asText()).isEqualTo("ALREADY_SUPPLIED");
        }

        @Test
        void anUnregisteredCallerIsRefused() {
            f.refused(f.outsider, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @Test
        void aSuspendedPharmacyIsRefused() {
            suspend(PHARMACY_GLN);
            f.refused(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void partiesOtherThanPharmaciesMayNotDispense() {
            final String distributorsPack = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0007"));
            f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, distributorsPack));

            for (final TestIdentity who : List.of(f.manufacturer, f.distributor, f.importer, f.regulator)) {
                final String packs = packsJson(List.of(who == f.distributor ? "S0007" : "S0008"));
                f.refused(who, ctx -> f.contract.dispensePacks(ctx, packs), ErrorCode.ROLE_NOT_PERMITTED);
            }
        }

        private void assertRefusedWithoutAlert(final String code) {
            final Map<String, String> before = f.ledger.snapshotAsStrings();
            final int events = f.ledger.events().size();

            final JsonNode outcome = dispense(f.pharmacy, packsJson(List.of("S0001"))).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(code);
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(f.ledger.snapshotAsStrings()).as("no pack changed, no alert stored").isEqualTo(before);
            assertThat(f.ledger.events()).hasSize(events + 1);
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(f.lastEvent().at("/data/packs")).isEmpty();
        }
    }

    @Nested
    class Decommission {

        @ParameterizedTest
        @EnumSource(DecommissionReason.class)
        void theCustodianDecommissionsAPackForEachReason(final DecommissionReason reason) {
            final JsonNode outcomes = decommission(f.pharmacy, List.of("S0001"), reason.name());

            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0).get("accepted").asBoolean()).isTrue();
            assertThat(outcomes.get(0).get("code").asText()).isEqualTo(reason.status().name());
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("verdict").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(verdict.get("packStatus").asText()).isEqualTo(reason.status().name());
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("PacksDecommissioned");
            assertThat(f.lastEvent().at("/data/status").asText()).isEqualTo(reason.status().name());
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactly("S0001");
        }

        @Test
        void aManufacturerDecommissionsPacksItStillHolds() {
            final JsonNode outcome = decommission(f.manufacturer, List.of("S0010"), "EXPORTED").get(0);

            assertThat(outcome.get("code").asText()).isEqualTo("EXPORTED");
            assertThat(verify("S0010").get("decommissionedBy").asText()).isEqualTo(MANUFACTURER_GLN);
        }

        @Test
        void aPartyThatDoesNotHoldThePackIsRefusedWithAnAlertWhileItsOwnPacksAreDecommissioned() {
            final JsonNode before = verify("S0009");

            final JsonNode outcomes = decommission(f.pharmacy, List.of("S0009", "S0001"), "DESTROYED");

            assertThat(outcomes.get(0).get("code").asText()).isEqualTo("NOT_CUSTODIAN");
            assertThat(alert(outcomes.get(0).get("alertId").asText()).get("code").asText())
                    .isEqualTo("NOT_CUSTODIAN");
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("DESTROYED");
            assertThat(verify("S0009")).isEqualTo(before);
        }

        @Test
        void aPackInTransitCannotBeDecommissionedAndRaisesNoAlert() {
            f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0003"));

            final JsonNode outcome = decommission(f.pharmacy, List.of("S0003"), "STOLEN").get(0);

            assertThat(outcome.get("code").asText()).isEqualTo("PACK_IN_TRANSIT");
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(verify("S0003").get("packStatus").asText()).isEqualTo("ACTIVE");
        }

        @ParameterizedTest
        @EnumSource(value = DecommissionReason.class, names = {"STOLEN", "LOCKED", "DESTROYED"})
        void stolenLockedAndDestroyedAreAllowedOnRecalledAndExpiredBatches(final DecommissionReason reason) {
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            assertThat(decommission(f.pharmacy, List.of("S0001"), reason.name()).get(0).get("code").asText())
                    .isEqualTo(reason.name());

            f.ledger.advance(Duration.between(f.ledger.now(), DAY_AFTER_EXPIRY));
            assertThat(decommission(f.pharmacy, List.of("S0002"), reason.name()).get(0).get("code").asText())
                    .isEqualTo(reason.name());
            assertThat(verify("S0002").get("packStatus").asText()).isEqualTo(reason.status().name());
        }

        @ParameterizedTest
        @EnumSource(value = DecommissionReason.class, names = {"LOCKED", "DESTROYED"})
        void destructionIsAllowedForExpiredPacksOfAReleasedBatch(final DecommissionReason reason) {
            f.ledger.advance(Duration.between(f.ledger.now(), DAY_AFTER_EXPIRY));

            assertThat(decommission(f.pharmacy, List.of("S0001"), reason.name()).get(0).get("code").asText())
                    .isEqualTo(reason.name());
        }

        @ParameterizedTest
        @EnumSource(value = DecommissionReason.class, names = {"EXPORTED", "CHECKED_OUT", "SAMPLE", "FREE_SAMPLE"})
        void otherReasonsNeedASellableBatchAndAreRefusedWithoutAnAlert(final DecommissionReason reason) {
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            assertDecommissionRefusedWithoutAlert(reason, "RECALLED");
        }

        @ParameterizedTest
        @EnumSource(value = DecommissionReason.class, names = {"EXPORTED", "CHECKED_OUT", "SAMPLE", "FREE_SAMPLE"})
        void otherReasonsAreRefusedForExpiredPacksWithoutAnAlert(final DecommissionReason reason) {
            f.ledger.advance(Duration.between(f.ledger.now(), DAY_AFTER_EXPIRY));
            assertDecommissionRefusedWithoutAlert(reason, "EXPIRED");
        }

        @Test
        void aSuppliedPackOfARecalledBatchCannotBeDestroyedAndRaisesAnAlert() {
            dispense(f.pharmacy, packsJson(List.of("S0001")));
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            final JsonNode supplied = verify("S0001");

            final JsonNode outcome = decommission(f.pharmacy, List.of("S0001"), "DESTROYED").get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            final JsonNode alert = alert(outcome.get("alertId").asText());
            assertThat(alert.get("code").asText()).isEqualTo("ALREADY_SUPPLIED");
            assertThat(alert.get("verdict").asText()).isEqualTo("RECALLED");
            assertThat(verify("S0001")).isEqualTo(supplied);
            assertThat(supplied.get("packStatus").asText()).isEqualTo("SUPPLIED");
        }

        @Test
        void aDestroyedPackOfARecalledBatchPresentedAgainRaisesAnAlert() {
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            decommission(f.pharmacy, List.of("S0001"), "DESTROYED");

            final JsonNode outcome = decommission(f.pharmacy, List.of("S0001"), "DESTROYED").get(0);

            assertThat(outcome.get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(alert(outcome.get("alertId").asText()).get("code").asText()).isEqualTo("DECOMMISSIONED");
        }

        @Test
        void aStolenPackPresentedAgainIsRefusedWithAnAlert() {
            decommission(f.pharmacy, List.of("S0001"), "STOLEN");

            final JsonNode outcome = decommission(f.pharmacy, List.of("S0001"), "DESTROYED").get(0);

            assertThat(outcome.get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(alert(outcome.get("alertId").asText()).get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("STOLEN");
        }

        @Test
        void theSamePackTwiceInOneCallIsDecommissionedOnceAndTheRepeatIsAnsweredAsADuplicateWithoutAnAlert() {
            final JsonNode outcomes = decommission(f.pharmacy, List.of("S0001", "S0001"), "DESTROYED");

            assertThat(texts(outcomes, "code")).containsExactly("DESTROYED", "DUPLICATE_SERIAL");
            assertThat(outcomes.get(1).get("accepted").asBoolean()).isFalse();
            assertThat(outcomes.get(1).has("alertId")).isFalse();
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactly("S0001");
            assertThat(f.lastEvent().at("/data/alerts")).isEmpty();
            assertThat(openAlertIds()).isEmpty();
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("DESTROYED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "stolen", "SUPPLIED", "DISPENSED", "ACTIVE", "LOST"})
        void anUnknownReasonIsRefused(final String reason) {
            f.refused(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, packsJson(List.of("S0001")), reason),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aMalformedOrOversizedListIsRefusedWhole() {
            f.refused(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, "[]", "DESTROYED"),
                    ErrorCode.INVALID_ARGUMENT);
            final String badSecondItem = json(List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", "1", "serial", "S0002")));
            f.refused(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, badSecondItem, "DESTROYED"),
                    ErrorCode.INVALID_ARGUMENT);
            final String tooMany = packsJson(serials("S", 1, Lifecycle.MAX_ITEMS_PER_CALL + 1));
            f.refused(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, tooMany, "DESTROYED"),
                    ErrorCode.TOO_MANY_ITEMS);
        }

        @Test
        void wrongCallersAreRefused() {
            final String packs = packsJson(List.of("S0001"));
            f.refused(f.outsider, ctx -> f.contract.decommissionPacks(ctx, packs, "DESTROYED"),
                    ErrorCode.CALLER_NOT_REGISTERED);
            f.refused(f.regulator, ctx -> f.contract.decommissionPacks(ctx, packs, "DESTROYED"),
                    ErrorCode.ROLE_NOT_PERMITTED);
            suspend(PHARMACY_GLN);
            f.refused(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, packs, "DESTROYED"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        private void assertDecommissionRefusedWithoutAlert(final DecommissionReason reason, final String code) {
            final Map<String, String> before = f.ledger.snapshotAsStrings();

            final JsonNode outcome = decommission(f.pharmacy, List.of("S0001"), reason.name()).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(code);
            assertThat(outcome.has("alertId")).isFalse();
            assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        }
    }

    // helpers

    private JsonNode dispense(final TestIdentity who, final String packs) {
        return f.call(who, ctx -> f.contract.dispensePacks(ctx, packs));
    }

    private JsonNode decommission(final TestIdentity who, final List<String> serials, final String reason) {
        return f.call(who, ctx -> f.contract.decommissionPacks(ctx, packsJson(serials), reason));
    }

    private JsonNode verify(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }

    private JsonNode alert(final String alertId) {
        return f.query(f.regulator, ctx -> f.contract.getAlert(ctx, alertId));
    }

    private List<String> openAlertIds() {
        return texts(f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", "", "")).get("records"),
                "alertId");
    }

    private void suspend(final String gln) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, "SUSPENDED", "inspection"));
    }

    private String packKey(final String gtin, final String serial) {
        return "\u0000pack\u0000" + gtin + "\u0000" + serial + "\u0000";
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
