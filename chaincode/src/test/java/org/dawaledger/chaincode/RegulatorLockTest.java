package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LockPacks, ReleaseLockedPacks and DestroyLockedPacks: the regulator takes suspect packs into its hold wherever they
 * are, and afterwards releases them or has them destroyed, each pack answered on its own; and QuarantineBatch, which
 * holds a whole batch at once. The pharmacy holds S0001…S0005; the manufacturer still holds S0006…S0010.
 */
class RegulatorLockTest {
    private static final String REASON = "suspected falsification, case 2026/17";
    /** A second product of the manufacturer. */
    private static final String OTHER_GTIN = LedgerFixture.gtin("0950600055555");
    private static final Instant DAY_AFTER_EXPIRY = Instant.parse("2028-07-01T09:00:00Z");

    private LedgerFixture f;

    @BeforeEach
    void deliverFivePacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
    }

    static Stream<String> transactions() {
        return Stream.of("LockPacks", "ReleaseLockedPacks", "DestroyLockedPacks");
    }

    // ------------------------------------------------------------------ refusals of the whole call

    @Nested
    class WholeCallRefusals {
        private JsonNode held;
        private JsonNode active;

        @BeforeEach
        void theRegulatorHoldsS0001() {
            lock("S0001");
            held = verify("S0001");
            active = verify("S0002");
        }

        static Stream<Arguments> transactionsAndOtherRoles() {
            return transactions().flatMap(tx -> Stream.of("MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY")
                    .map(role -> Arguments.of(tx, role)));
        }

        @ParameterizedTest(name = "{0} by a {1}")
        @MethodSource("transactionsAndOtherRoles")
        void noOtherRoleMayMakeTheCall(final String transaction, final String role) {
            final JsonNode pack = verify(target(transaction));

            f.refused(f.party(role), ctx -> run(transaction, ctx, refs(target(transaction)), REASON),
                    ErrorCode.ROLE_NOT_PERMITTED);

            assertThat(verify(target(transaction))).as("the pack is untouched").isEqualTo(pack);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.RegulatorLockTest#transactions")
        void anUnregisteredIdentityIsRefused(final String transaction) {
            f.refused(f.outsider, ctx -> run(transaction, ctx, refs(target(transaction)), REASON),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        static Stream<Arguments> transactionsAndInactiveStatuses() {
            return transactions().flatMap(tx -> Stream.of("SUSPENDED", "REVOKED").map(s -> Arguments.of(tx, s)));
        }

        @ParameterizedTest(name = "{0} by a {1} regulator")
        @MethodSource("transactionsAndInactiveStatuses")
        void aSuspendedOrRevokedRegulatorIsRefused(final String transaction, final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);
            final JsonNode pack = verify(target(transaction));

            f.refused(inactive, ctx -> run(transaction, ctx, refs(target(transaction)), REASON),
                    ErrorCode.CALLER_NOT_ACTIVE);

            assertThat(verify(target(transaction))).as("the pack is untouched").isEqualTo(pack);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.RegulatorLockTest#transactions")
        void anActiveSecondRegulatorMayMakeTheCall(final String transaction) {
            final TestIdentity second = f.regulatorWhoIs("ACTIVE");

            final JsonNode outcomes = f.call(second, ctx -> run(transaction, ctx, refs(target(transaction)),
                    REASON));

            assertThat(outcomes.get(0).get("accepted").asBoolean()).as("%s", outcomes).isTrue();
        }

        static Stream<Arguments> transactionsAndMissingReasons() {
            return transactions().flatMap(tx -> Stream.of(null, "", "   ", "\u00a0", "\u200b", "\u00a0\u2007")
                    .map(reason -> Arguments.of(tx, reason)));
        }

        @ParameterizedTest(name = "{0} with reason [{1}]")
        @MethodSource("transactionsAndMissingReasons")
        void aMissingBlankOrInvisibleReasonIsRefused(final String transaction, final String reason) {
            final JsonNode pack = verify(target(transaction));

            f.refused(f.regulator, ctx -> run(transaction, ctx, refs(target(transaction)), reason),
                    ErrorCode.INVALID_ARGUMENT);

            assertThat(verify(target(transaction))).as("the pack is untouched").isEqualTo(pack);
        }

        static Stream<Arguments> transactionsAndBadLists() {
            return transactions().flatMap(tx -> Stream.of("[]", "", "not json", "{}", "null", "[null]",
                    "[{\"gtin\":\"" + GTIN + "\"}]", "[{\"gtin\":\"123\",\"serial\":\"S0001\"}]",
                    "[{\"gtin\":\"" + GTIN + "\",\"serial\":\"S0001\"}")
                    .map(list -> Arguments.of(tx, list)));
        }

        @ParameterizedTest(name = "{0} of {1}")
        @MethodSource("transactionsAndBadLists")
        void anEmptyOrMalformedListIsRefused(final String transaction, final String packs) {
            f.refused(f.regulator, ctx -> run(transaction, ctx, packs, REASON), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.RegulatorLockTest#transactions")
        void moreThanAThousandPacksInOneCallAreRefused(final String transaction) {
            final List<String> many = serials("S", 1, 1001);

            f.refused(f.regulator, ctx -> run(transaction, ctx, refs(many), REASON), ErrorCode.TOO_MANY_ITEMS);

            assertThat(verify("S0001")).as("the held S0001 is untouched").isEqualTo(held);
            assertThat(verify("S0002")).as("the active S0002 is untouched").isEqualTo(active);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.RegulatorLockTest#transactions")
        void aThousandPacksInOneCallAreEachAnswered(final String transaction) {
            final List<String> many = serials("U", 1, 1000);

            final JsonNode outcomes = f.call(f.regulator, ctx -> run(transaction, ctx, refs(many), REASON));

            assertThat(outcomes).hasSize(1000);
            assertThat(texts(outcomes, "code")).containsOnly(ErrorCode.PACK_NOT_FOUND.name());
        }

        /** A pack the call would change: an active one to lock, the held S0001 to release or destroy. */
        private String target(final String transaction) {
            return transaction.equals("LockPacks") ? "S0002" : "S0001";
        }
    }

    // ------------------------------------------------------------------ LockPacks

    @Nested
    class LockPacks {

        @Test
        void anActivePackBecomesLockedWithTheRegulatorAsTheOneThatDecommissionedIt() {
            final JsonNode outcomes = lockPacks(refs("S0001"));

            assertThat(outcomes).hasSize(1);
            final JsonNode outcome = outcomes.get(0);
            assertThat(outcome.get("gtin").asText()).isEqualTo(GTIN);
            assertThat(outcome.get("serial").asText()).isEqualTo("S0001");
            assertThat(outcome.get("accepted").asBoolean()).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("LOCKED");
            assertThat(outcome.get("message").asText()).isNotBlank();
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(verdict.get("decommissionedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(verdict.get("custodianGln").asText()).as("custody does not move").isEqualTo(PHARMACY_GLN);
        }

        @Test
        void theLockedPackRecordsLockedByRegulatorAsItsLastAction() {
            lock("S0001");

            final JsonNode pack = storedPack("S0001");
            assertThat(pack.get("lastAction").asText()).isEqualTo("LOCKED_BY_REGULATOR");
            assertThat(pack.get("lastChangedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(pack.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        }

        @Test
        void lotAndExpiryMayBeGivenWithEachPack() {
            final JsonNode outcomes = lockPacks(packsJson(List.of("S0001", "S0002")));

            assertThat(texts(outcomes, "code")).containsExactly("LOCKED", "LOCKED");
        }

        @Test
        void packsAreLockedWhoeverHoldsThem() {
            final String shipment = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0006"));
            f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipment));

            final JsonNode outcomes = lockPacks(refs("S0001", "S0006", "S0009"));

            assertThat(texts(outcomes, "code")).containsExactly("LOCKED", "LOCKED", "LOCKED");
            assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(verify("S0006").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(verify("S0009").get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
            for (final String serial : List.of("S0001", "S0006", "S0009")) {
                assertThat(verify(serial).get("packStatus").asText()).as(serial).isEqualTo("LOCKED");
                assertThat(verify(serial).get("decommissionedBy").asText()).as(serial).isEqualTo(REGULATOR_GLN);
            }
        }

        @Test
        void aPackInTransitIsLockedToo() {
            f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0003"));
            assertThat(verify("S0003").get("inTransit").asBoolean()).as("setup: in transit").isTrue();

            final JsonNode outcome = lockPacks(refs("S0003")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).as("%s", outcome).isTrue();
            assertThat(verify("S0003").get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verify("S0003").get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"RECALLED", "QUARANTINED", "WITHDRAWN", "EXPIRED"})
        void aPackIsLockedWhateverItsBatchsStanding(final String standing) {
            makeUnsellable(standing);

            final JsonNode outcome = lockPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).as("%s", outcome).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("LOCKED");
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verify("S0001").get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
        }

        @Test
        void aPackItsCustodianLockedPassesIntoTheRegulatorsHold() {
            decommission(f.pharmacy, "S0001", "LOCKED");
            f.ledger.advance(Duration.ofHours(1));

            final JsonNode outcome = lockPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).as("%s", outcome).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("LOCKED");
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(verdict.get("message").asText()).containsIgnoringCase("regulator holds");
            assertThat(storedPack("S0001").get("lastAction").asText()).isEqualTo("LOCKED_BY_REGULATOR");
        }

        @Test
        void onceTheRegulatorHoldsAPackItsCustodianCanNoLongerUndoItsOwnLock() {
            decommission(f.pharmacy, "S0001", "LOCKED");
            lock("S0001");

            f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                    ErrorCode.UNDO_BY_DIFFERENT_PARTY);
        }

        @Test
        void aPackTheRegulatorHoldsAlreadyIsRefusedAsNotActiveAndKeepsItsFirstLock() {
            lock("S0001");
            final JsonNode held = verify("S0001");
            f.ledger.advance(Duration.ofHours(1));

            final JsonNode outcome = lockPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(ErrorCode.PACK_NOT_ACTIVE.name());
            assertThat(outcome.get("message").asText()).isNotBlank();
            assertThat(verify("S0001")).isEqualTo(held);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUPPLIED", "EXPORTED", "CHECKED_OUT", "STOLEN", "SAMPLE", "FREE_SAMPLE",
            "DESTROYED"})
        void anInactivePackIsRefusedAsNotActive(final String status) {
            if (status.equals("SUPPLIED")) {
                dispense(f.pharmacy, "S0001");
            } else {
                decommission(f.pharmacy, "S0001", status);
            }
            final JsonNode before = verify("S0001");

            final JsonNode outcome = lockPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(ErrorCode.PACK_NOT_ACTIVE.name());
            assertThat(verify("S0001")).isEqualTo(before);
        }

        @Test
        void anUnknownSerialIsNotFound() {
            final JsonNode outcome = lockPacks(refs("S9999")).get(0);

            assertThat(outcome.get("serial").asText()).isEqualTo("S9999");
            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(ErrorCode.PACK_NOT_FOUND.name());
        }

        @Test
        void theSamePackTwiceInOneCallIsLockedOnceAndTheRepeatIsADuplicate() {
            final JsonNode outcomes = lockPacks(refs("S0001", "S0002", "S0001"));

            assertThat(texts(outcomes, "code")).containsExactly("LOCKED", "LOCKED",
                    ErrorCode.DUPLICATE_SERIAL.name());
            assertThat(outcomes.get(2).get("serial").asText()).isEqualTo("S0001");
            assertThat(outcomes.get(2).get("accepted").asBoolean()).isFalse();
            assertThat(texts(f.lastEvent().at("/data/packs"), "serial")).containsExactly("S0001", "S0002");
        }

        @Test
        void aPackNamedTwiceUnderBothGtinFormsIsADuplicateToo() {
            final String packs = json(List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", GTIN.substring(1), "serial", "S0001")));

            final JsonNode outcomes = lockPacks(packs);

            assertThat(texts(outcomes, "code")).containsExactly("LOCKED", ErrorCode.DUPLICATE_SERIAL.name());
        }

        @Test
        void theCallCommitsWhenSomePacksAreRefusedAndEachPackIsAnsweredInOrder() {
            dispense(f.pharmacy, "S0002");

            final JsonNode outcomes = lockPacks(refs("S9999", "S0002", "S0001"));

            assertThat(texts(outcomes, "serial")).containsExactly("S9999", "S0002", "S0001");
            assertThat(texts(outcomes, "code")).containsExactly("PACK_NOT_FOUND", "PACK_NOT_ACTIVE", "LOCKED");
            assertThat(verify("S0001").get("packStatus").asText()).as("the accepted pack stays locked")
                    .isEqualTo("LOCKED");
            assertThat(f.lastEvent().get("txId").asText()).isEqualTo(f.ledger.lastTxId());
        }

        @Test
        void aCallWhosePacksAreAllRefusedStillCommits() {
            final int events = f.ledger.events().size();

            final JsonNode outcomes = lockPacks(refs("S9999"));

            assertThat(outcomes.get(0).get("accepted").asBoolean()).isFalse();
            assertThat(f.ledger.events()).hasSize(events + 1);
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("PacksLocked");
            assertThat(f.lastEvent().at("/data/packs")).isEmpty();
        }
    }

    // ------------------------------------------------------------------ a pack the regulator holds

    @Nested
    class AHeldPack {

        @BeforeEach
        void theRegulatorLocksS0001() {
            lock("S0001");
        }

        @Test
        void verifiesAsDecommissionedWithAMessageThatTheRegulatorHoldsIt() {
            final JsonNode verdict = verify("S0001");

            assertThat(verdict.get("verdict").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(verdict.get("message").asText()).containsIgnoringCase("regulator holds");
        }

        @Test
        void cannotBeDispensedByItsCustodianAndTheAttemptRaisesAnAlert() {
            final JsonNode outcome = dispense(f.pharmacy, "S0001").get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(outcome.hasNonNull("alertId")).as("an alert is raised").isTrue();
            final JsonNode alert = f.query(f.regulator, ctx -> f.contract.getAlert(ctx,
                    outcome.get("alertId").asText()));
            assertThat(alert.get("code").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(alert.get("raisedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("LOCKED");
        }

        @Test
        void cannotBeDecommissionedAsDestroyedByItsCustodian() {
            final JsonNode before = verify("S0001");

            final JsonNode outcome = f.call(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx,
                    packsJson(List.of("S0001")), "DESTROYED")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(verify("S0001")).isEqualTo(before);
        }

        @Test
        void cannotBeUndoneByItsCustodian() {
            f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                    ErrorCode.UNDO_BY_DIFFERENT_PARTY);
        }

        @Test
        void cannotBeShippedByItsCustodian() {
            f.refused(f.pharmacy, ctx -> f.contract.shipPacks(ctx, PHARMACY2_GLN,
                    json(Map.of("packs", List.of(Map.of("gtin", GTIN, "serial", "S0001"))))),
                    ErrorCode.PACK_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ ReleaseLockedPacks

    @Nested
    class ReleaseLockedPacks {

        @Test
        void aHeldPackBecomesActiveAgainWithItsCustodian() {
            lock("S0001");
            f.ledger.advance(Duration.ofDays(3));

            final JsonNode outcome = releasePacks(refs("S0001")).get(0);

            assertThat(outcome.get("serial").asText()).isEqualTo("S0001");
            assertThat(outcome.get("accepted").asBoolean()).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("ACTIVE");
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("ACTIVE");
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(verdict.has("decommissionedBy")).isFalse();
        }

        @Test
        void theReleasedPackRecordsReleasedByRegulatorAsItsLastAction() {
            lock("S0001");
            release("S0001");

            final JsonNode pack = storedPack("S0001");
            assertThat(pack.get("lastAction").asText()).isEqualTo("RELEASED_BY_REGULATOR");
            assertThat(pack.get("lastChangedBy").asText()).isEqualTo(REGULATOR_GLN);
        }

        @Test
        void theCustodianCanDispenseAReleasedPack() {
            lock("S0001");
            release("S0001");

            final JsonNode outcome = dispense(f.pharmacy, "S0001").get(0);

            assertThat(outcome.get("accepted").asBoolean()).as("%s", outcome).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("SUPPLIED");
        }

        @Test
        void anUnknownSerialIsNotFoundWhileTheRestOfTheCallIsReleased() {
            lock("S0001");

            final JsonNode outcomes = releasePacks(refs("S9999", "S0001"));

            assertThat(texts(outcomes, "code")).containsExactly("PACK_NOT_FOUND", "ACTIVE");
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("ACTIVE");
        }

        static Stream<Arguments> batchesThatCanNoLongerBeSold() {
            return Stream.of(Arguments.of("RECALLED", ErrorCode.BATCH_RECALLED),
                    Arguments.of("WITHDRAWN", ErrorCode.PRODUCT_WITHDRAWN),
                    Arguments.of("EXPIRED", ErrorCode.BATCH_EXPIRED));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("batchesThatCanNoLongerBeSold")
        void aHeldPackWhoseBatchCanNoLongerBeSoldIsRefusedAndStaysHeldWhileTheRestOfTheCallIsReleased(
                final String standing, final ErrorCode code) {
            // P0001: another product's batch, expiring a year later, which stays sellable.
            f.registerProduct(f.manufacturer, OTHER_GTIN);
            f.registerBatch(OTHER_GTIN, "LOT9", "290600", 10);
            f.commission(OTHER_GTIN, "LOT9", List.of("P0001"));
            final String both = json(List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", OTHER_GTIN, "serial", "P0001")));
            assertThat(texts(lockPacks(both), "code")).as("setup").containsExactly("LOCKED", "LOCKED");
            makeUnsellable(standing);
            final JsonNode before = verify("S0001");

            final JsonNode outcomes = releasePacks(both);

            assertThat(outcomes.get(0).get("accepted").asBoolean()).isFalse();
            assertThat(outcomes.get(0).get("code").asText()).isEqualTo(code.name());
            assertThat(outcomes.get(0).get("message").asText()).isNotBlank();
            assertThat(verify("S0001")).isEqualTo(before);
            assertThat(outcomes.get(1).get("code").asText()).isEqualTo("ACTIVE");
            assertThat(f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, OTHER_GTIN, "P0001", "", ""))
                    .get("verdict").asText()).isEqualTo("ACTIVE");
        }
    }

    // ------------------------------------------------------------------ DestroyLockedPacks

    @Nested
    class DestroyLockedPacks {

        @Test
        void aHeldPackBecomesDestroyed() {
            lock("S0001");

            final JsonNode outcome = destroyPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isTrue();
            assertThat(outcome.get("code").asText()).isEqualTo("DESTROYED");
            final JsonNode verdict = verify("S0001");
            assertThat(verdict.get("verdict").asText()).isEqualTo("DECOMMISSIONED");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("DESTROYED");
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
        }

        @Test
        void theDestroyedPackRecordsDestroyedByRegulatorAsItsLastAction() {
            lock("S0001");
            destroy("S0001");

            final JsonNode pack = storedPack("S0001");
            assertThat(pack.get("lastAction").asText()).isEqualTo("DESTROYED_BY_REGULATOR");
            assertThat(pack.get("lastChangedBy").asText()).isEqualTo(REGULATOR_GLN);
        }

        @Test
        void aHeldPackOfARecalledBatchIsDestroyed() {
            lock("S0001");
            makeUnsellable("RECALLED");

            assertThat(destroyPacks(refs("S0001")).get(0).get("code").asText()).isEqualTo("DESTROYED");
        }

        @Test
        void theCustodianCannotUndoTheDestruction() {
            lock("S0001");
            destroy("S0001");

            final ChaincodeException refusal = catchThrowableOfType(ChaincodeException.class,
                    () -> f.ledger.submit(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001")));

            assertThat(refusal).as("the undo should be refused").isNotNull();
            assertThat(new String(refusal.getPayload(), StandardCharsets.UTF_8)).isIn(
                    ErrorCode.UNDO_NOT_ALLOWED.name(), ErrorCode.UNDO_BY_DIFFERENT_PARTY.name());
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("DESTROYED");
        }

        @Test
        void aDestroyedPackCannotBeLockedAgain() {
            lock("S0001");
            destroy("S0001");

            final JsonNode outcome = lockPacks(refs("S0001")).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(ErrorCode.PACK_NOT_ACTIVE.name());
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("DESTROYED");
        }

        @Test
        void aDestroyedPackCannotBeReleasedOrDestroyedAgain() {
            lock("S0001");
            destroy("S0001");

            assertThat(releasePacks(refs("S0001")).get(0).get("code").asText())
                    .isEqualTo(ErrorCode.PACK_NOT_HELD.name());
            assertThat(destroyPacks(refs("S0001")).get(0).get("code").asText())
                    .isEqualTo(ErrorCode.PACK_NOT_HELD.name());
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("DESTROYED");
        }
    }

    // ------------------------------------------------------------------ events and history

    @Nested
    class OnlyHeldPacksAreReleasedOrDestroyed {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ReleaseLockedPacks", "DestroyLockedPacks"})
        void anActivePackIsNotHeldAndStaysActive(final String transaction) {
            assertNotHeldAndUnchanged(transaction, "S0001");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ReleaseLockedPacks", "DestroyLockedPacks"})
        void aPackItsCustodianLockedItselfIsNotHeldAndStaysLocked(final String transaction) {
            decommission(f.pharmacy, "S0001", "LOCKED");
            assertNotHeldAndUnchanged(transaction, "S0001");
        }

        private void assertNotHeldAndUnchanged(final String transaction, final String serial) {
            final JsonNode before = verify(serial);

            final JsonNode outcome = (transaction.equals("ReleaseLockedPacks") ? releasePacks(refs(serial))
                    : destroyPacks(refs(serial))).get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(outcome.get("code").asText()).isEqualTo(ErrorCode.PACK_NOT_HELD.name());
            assertThat(verify(serial)).isEqualTo(before);
        }
    }

    @Nested
    class EventsAndHistory {

        static Stream<Arguments> eventsOfEachCall() {
            return Stream.of(Arguments.of("LockPacks", "PacksLocked", "LOCKED"),
                    Arguments.of("ReleaseLockedPacks", "PacksReleased", "ACTIVE"),
                    Arguments.of("DestroyLockedPacks", "PacksDestroyed", "DESTROYED"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("eventsOfEachCall")
        void eachCallEmitsOneEventWithTheStatusTheReasonAndOnlyTheChangedPacks(final String transaction,
                final String type, final String status) {
            if (!transaction.equals("LockPacks")) {
                lock("S0001");
            }
            final int events = f.ledger.events().size();

            f.call(f.regulator, ctx -> run(transaction, ctx, refs("S0001", "S9999"), REASON));

            assertThat(f.ledger.events()).as("one event").hasSize(events + 1);
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo(type);
            assertThat(f.ledger.lastEvent().orElseThrow().txId()).isEqualTo(f.ledger.lastTxId());
            final JsonNode event = f.lastEvent();
            assertThat(event.get("type").asText()).isEqualTo(type);
            assertThat(event.get("actor").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(event.at("/data/status").asText()).isEqualTo(status);
            assertThat(event.at("/data/reason").asText()).isEqualTo(REASON);
            final JsonNode packs = event.at("/data/packs");
            assertThat(packs).hasSize(1);
            assertThat(packs.get(0).get("gtin").asText()).isEqualTo(GTIN);
            assertThat(packs.get(0).get("serial").asText()).isEqualTo("S0001");
            assertThat(packs.get(0).get("lot").asText()).isEqualTo("LOT1");
        }

        @Test
        void thePacksHistoryShowsEachOfTheRegulatorsChanges() {
            final List<String> txIds = new ArrayList<>();
            lock("S0001");
            txIds.add(f.ledger.lastTxId());
            f.ledger.advance(Duration.ofHours(1));
            release("S0001");
            txIds.add(f.ledger.lastTxId());
            f.ledger.advance(Duration.ofHours(1));
            lock("S0001");
            txIds.add(f.ledger.lastTxId());
            f.ledger.advance(Duration.ofHours(1));
            destroy("S0001");
            txIds.add(f.ledger.lastTxId());

            final JsonNode records = f.query(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "",
                    "")).get("records");

            final List<JsonNode> last = StreamSupport.stream(records.spliterator(), false)
                    .skip(records.size() - 4L).toList();
            assertThat(last.stream().map(e -> e.get("action").asText())).containsExactly("LOCKED_BY_REGULATOR",
                    "RELEASED_BY_REGULATOR", "LOCKED_BY_REGULATOR", "DESTROYED_BY_REGULATOR");
            assertThat(last.stream().map(e -> e.get("toStatus").asText())).containsExactly("LOCKED", "ACTIVE",
                    "LOCKED", "DESTROYED");
            assertThat(last.stream().map(e -> e.get("partyGln").asText())).containsOnly(REGULATOR_GLN);
            assertThat(last.stream().map(e -> e.get("txId").asText())).containsExactlyElementsOf(txIds);
        }
    }

    // ------------------------------------------------------------------ QuarantineBatch

    @Nested
    class QuarantineBatch {

        @Test
        void everyRemainingPackOfAQuarantinedBatchVerifiesAsNotReleased() {
            quarantine();

            for (final String serial : serials("S", 1, 10)) {
                assertThat(verify(serial).get("verdict").asText()).as(serial).isEqualTo("NOT_RELEASED");
            }
        }

        @Test
        void aPackOfAQuarantinedBatchCannotBeDispensed() {
            quarantine();

            final JsonNode outcome = dispense(f.pharmacy, "S0001").get(0);

            assertThat(outcome.get("accepted").asBoolean()).isFalse();
            assertThat(verify("S0001").get("packStatus").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void releasingTheBatchLiftsTheQuarantine() {
            quarantine();

            f.call(f.regulator, ctx -> f.contract.releaseBatch(ctx, GTIN, "LOT1", "investigation closed"));

            assertThat(verify("S0002").get("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(dispense(f.pharmacy, "S0001").get(0).get("code").asText()).isEqualTo("SUPPLIED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "PHARMACY"})
        void onlyTheRegulatorQuarantinesOrReleasesABatch(final String role) {
            f.refused(f.party(role), ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", REASON),
                    ErrorCode.ROLE_NOT_PERMITTED);
            quarantine();
            f.refused(f.party(role), ctx -> f.contract.releaseBatch(ctx, GTIN, "LOT1", REASON),
                    ErrorCode.ROLE_NOT_PERMITTED);
            assertThat(verify("S0001").get("verdict").asText()).isEqualTo("NOT_RELEASED");
        }

        private void quarantine() {
            f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", REASON));
        }
    }

    // ------------------------------------------------------------------ helpers

    private String run(final String transaction, final Context ctx, final String packs, final String reason) {
        return switch (transaction) {
            case "LockPacks" -> f.contract.lockPacks(ctx, packs, reason);
            case "ReleaseLockedPacks" -> f.contract.releaseLockedPacks(ctx, packs, reason);
            case "DestroyLockedPacks" -> f.contract.destroyLockedPacks(ctx, packs, reason);
            default -> throw new IllegalArgumentException(transaction);
        };
    }

    private JsonNode lockPacks(final String packs) {
        return f.call(f.regulator, ctx -> f.contract.lockPacks(ctx, packs, REASON));
    }

    private JsonNode releasePacks(final String packs) {
        return f.call(f.regulator, ctx -> f.contract.releaseLockedPacks(ctx, packs, REASON));
    }

    private JsonNode destroyPacks(final String packs) {
        return f.call(f.regulator, ctx -> f.contract.destroyLockedPacks(ctx, packs, REASON));
    }

    /** Locks one pack, as setup: the lock must be accepted. */
    private void lock(final String serial) {
        expectAccepted(this::lockPacks, serial);
    }

    private void release(final String serial) {
        expectAccepted(this::releasePacks, serial);
    }

    private void destroy(final String serial) {
        expectAccepted(this::destroyPacks, serial);
    }

    private static void expectAccepted(final Function<String, JsonNode> call, final String serial) {
        final JsonNode outcome = call.apply(refs(serial)).get(0);
        assertThat(outcome.get("accepted").asBoolean()).as("setup: %s", outcome).isTrue();
    }

    private JsonNode dispense(final TestIdentity who, final String serial) {
        return f.call(who, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of(serial))));
    }

    private void decommission(final TestIdentity who, final String serial, final String reason) {
        final JsonNode outcome = f.call(who, ctx -> f.contract.decommissionPacks(ctx, packsJson(List.of(serial)),
                reason)).get(0);
        assertThat(outcome.get("accepted").asBoolean()).as("setup: %s", outcome).isTrue();
    }

    /** Puts LOT1 in a standing in which its packs may not be sold. */
    private void makeUnsellable(final String standing) {
        switch (standing) {
            case "RECALLED" -> f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1",
                    "contamination"));
            case "QUARANTINED" -> f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1",
                    "inspection"));
            case "WITHDRAWN" -> f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN,
                    "licence cancelled"));
            case "EXPIRED" -> f.ledger.setTime(DAY_AFTER_EXPIRY);
            default -> throw new IllegalArgumentException(standing);
        }
    }

    private JsonNode verify(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }

    /** The pack as the world state stores it, with the fields VerifyPack does not show. */
    private JsonNode storedPack(final String serial) {
        return LedgerFixture.parse(f.ledger.stateAsString("\u0000pack\u0000" + GTIN + "\u0000" + serial + "\u0000")
                .orElseThrow());
    }

    /** The JSON the regulator sends: GTIN and serial only. */
    private static String refs(final String... serials) {
        return refs(List.of(serials));
    }

    private static String refs(final List<String> serials) {
        return json(serials.stream().map(s -> Map.of("gtin", GTIN, "serial", s)).toList());
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
