package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.gln;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TransferCustody: the regulator moves stock out of a revoked party's custody to another active supply-chain party,
 * all or none, at once and without a receipt. The pharmacy, whose licence the tests revoke, holds S0001…S0005 of the
 * serialised batch LOT1 and 30 units of {@link #BULK}; the manufacturer still holds S0006…S0010 and the other 70
 * units. The regulator moves the pharmacy's stock to the distributor.
 */
class CustodyTransferTest {
    /** A batch of {@link LedgerFixture#GTIN} without serials: its units move at batch level. */
    private static final String BULK = "BULK1";
    private static final String UNREGISTERED_GLN = gln("950000000099");
    private static final String REASON = "licence revoked; stock to the distributor for destruction";

    private LedgerFixture f;

    @BeforeEach
    void deliverPacksAndUnitsToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, BULK, EXPIRY, 100);
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
        final String units = f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, PHARMACY_GLN,
                contents(List.of(), List.of(units(BULK, 30))))).get("shipmentId").asText();
        f.call(f.pharmacy, ctx -> f.contract.receiveShipment(ctx, units));
        f.ledger.advance(Duration.ofHours(1));
    }

    // ------------------------------------------------------------------ callers

    @Nested
    class Callers {

        @BeforeEach
        void revokeThePharmacy() {
            revokeHolder();
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void noOtherRoleMayTransferCustody(final String role) {
            f.refused(receiverOf(role), ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.ROLE_NOT_PERMITTED);

            assertNothingMoved();
        }

        @Test
        void anUnregisteredIdentityIsRefused() {
            f.refused(f.outsider, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.CALLER_NOT_REGISTERED);

            assertNothingMoved();
        }

        @Test
        void theRevokedHolderItselfIsRefusedAsNotActive() {
            f.refused(f.pharmacy, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.CALLER_NOT_ACTIVE);

            assertNothingMoved();
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aSuspendedOrRevokedRegulatorIsRefused(final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);

            f.refused(inactive, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.CALLER_NOT_ACTIVE);

            assertNothingMoved();
        }

        @Test
        void anActiveSecondRegulatorMayTransferCustody() {
            final TestIdentity second = f.regulatorWhoIs("ACTIVE");

            f.call(second, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN, someStock(),
                    REASON));

            assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
        }
    }

    // ------------------------------------------------------------------ the holder

    @Nested
    class Holder {

        @ParameterizedTest
        @ValueSource(strings = {"ACTIVE", "SUSPENDED"})
        void aHolderThatIsNotRevokedKeepsItsStock(final String status) {
            if (status.equals("SUSPENDED")) {
                setStatus(PHARMACY_GLN, "SUSPENDED");
            }

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.HOLDER_NOT_REVOKED);

            assertNothingMoved();
        }

        @Test
        void anUnknownHolderIsNotFound() {
            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, UNREGISTERED_GLN, DISTRIBUTOR_GLN,
                    someStock(), REASON), ErrorCode.PARTICIPANT_NOT_FOUND);
        }

        static Stream<Arguments> malformedGlns() {
            return Stream.of("", "123", "95000000000512", "950000000005x", withWrongCheckDigit(PHARMACY_GLN))
                    .flatMap(bad -> Stream.of(Arguments.of("holder", bad), Arguments.of("receiver", bad)));
        }

        @ParameterizedTest(name = "{0} [{1}]")
        @MethodSource("malformedGlns")
        void aMalformedHolderOrReceiverGlnIsRefused(final String which, final String bad) {
            revokeHolder();
            final String holder = which.equals("holder") ? bad : PHARMACY_GLN;
            final String receiver = which.equals("receiver") ? bad : DISTRIBUTOR_GLN;

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, holder, receiver, someStock(), REASON),
                    ErrorCode.INVALID_ARGUMENT);

            assertNothingMoved();
        }
    }

    // ------------------------------------------------------------------ the receiver

    @Nested
    class Receiver {

        @BeforeEach
        void revokeThePharmacy() {
            revokeHolder();
        }

        @ParameterizedTest
        @ValueSource(strings = {"the regulator", "a suspended party", "a revoked party", "the holder itself"})
        void anIneligibleReceiverIsRefused(final String receiver) {
            final String receiverGln = switch (receiver) {
                case "the regulator" -> REGULATOR_GLN;
                case "a suspended party" -> {
                    setStatus(PHARMACY2_GLN, "SUSPENDED");
                    yield PHARMACY2_GLN;
                }
                case "a revoked party" -> {
                    setStatus(PHARMACY2_GLN, "REVOKED");
                    yield PHARMACY2_GLN;
                }
                default -> PHARMACY_GLN;
            };

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, receiverGln, someStock(),
                    REASON), ErrorCode.RECEIVER_NOT_ELIGIBLE);

            assertNothingMoved();
        }

        @Test
        void anUnknownReceiverIsNotFound() {
            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, UNREGISTERED_GLN,
                    someStock(), REASON), ErrorCode.PARTICIPANT_NOT_FOUND);

            assertNothingMoved();
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void anActiveSupplyChainPartyOfAnyRoleMayReceive(final String role) {
            final String receiverGln = switch (role) {
                case "MANUFACTURER" -> MANUFACTURER_GLN;
                case "IMPORTER" -> IMPORTER_GLN;
                case "DISTRIBUTOR" -> DISTRIBUTOR_GLN;
                default -> PHARMACY2_GLN;
            };

            final JsonNode transfer = transfer(receiverGln, someStock());

            assertThat(transfer.get("toGln").asText()).isEqualTo(receiverGln);
            assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(receiverGln);
        }
    }

    // ------------------------------------------------------------------ the contents: all or none

    @Nested
    class AllOrNone {

        @Test
        void aPackHeldByAnotherPartyRefusesTheWholeTransfer() {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001", "S0006"), List.of(units(BULK, 10))), REASON), ErrorCode.NOT_CUSTODIAN);

            assertNothingMoved();
            assertThat(verify("S0006").get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        }

        @Test
        void aPackInTransitRefusesTheWholeTransfer() {
            f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0004"));
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001", "S0004"), List.of()), REASON), ErrorCode.PACK_IN_TRANSIT);

            assertNothingMoved();
        }

        @Test
        void aPackInTransitCanBeMovedOnceTheRegulatorCancelledItsShipment() {
            final String shipment = f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0004"));
            revokeHolder();
            f.call(f.regulator, ctx -> f.contract.cancelShipment(ctx, shipment, "shipper revoked"));

            transfer(DISTRIBUTOR_GLN, contents(List.of("S0004"), List.of()));

            assertThat(verify("S0004").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(verify("S0004").get("inTransit").asBoolean()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUPPLIED", "EXPORTED", "CHECKED_OUT", "STOLEN", "SAMPLE", "FREE_SAMPLE",
            "DESTROYED"})
        void aPackGoneFromTheSupplyChainRefusesTheWholeTransfer(final String status) {
            if (status.equals("SUPPLIED")) {
                f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0005"))));
            } else {
                decommission(f.pharmacy, "S0005", status);
            }
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001", "S0005"), List.of()), REASON), ErrorCode.PACK_NOT_ACTIVE);

            assertNothingMoved();
            assertThat(verify("S0005").get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        }

        @Test
        void moreUnitsThanTheHolderHoldsRefuseTheWholeTransfer() {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001"), List.of(units(BULK, 31))), REASON), ErrorCode.INSUFFICIENT_STOCK);

            assertNothingMoved();
        }

        @Test
        void aShortLineAfterAGoodOneLeavesTheGoodOneUntouched() {
            f.registerBatch(GTIN, "BULK2", EXPIRY, 100);
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001"), List.of(units(BULK, 10), units("BULK2", 5))), REASON),
                    ErrorCode.INSUFFICIENT_STOCK);

            assertNothingMoved();
            assertThat(held("BULK2", MANUFACTURER_GLN)).isEqualTo(100);
            assertThat(held("BULK2", DISTRIBUTOR_GLN)).isZero();
        }

        @Test
        void aPackNamedTwiceIsRefused() {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of("S0001", "S0002", "S0001"), List.of()), REASON), ErrorCode.INVALID_ARGUMENT);

            assertNothingMoved();
        }

        @Test
        void aPackNamedTwiceUnderBothGtinFormsIsRefused() {
            revokeHolder();
            final String contents = json(Map.of("packs", List.of(Map.of("gtin", GTIN, "serial", "S0001"),
                    Map.of("gtin", GTIN.substring(1), "serial", "S0001"))));

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents, REASON), ErrorCode.INVALID_ARGUMENT);

            assertNothingMoved();
        }

        @Test
        void aBatchNamedTwiceIsRefused() {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents(List.of(), List.of(units(BULK, 10), units(BULK, 10))), REASON),
                    ErrorCode.INVALID_ARGUMENT);

            assertNothingMoved();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"packs\":[],\"quantities\":[]}", "{\"packs\":[]}", "", "null",
            "not json", "[]"})
        void emptyOrMalformedContentsAreRefused(final String contents) {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    contents, REASON), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   ", "\u00a0", "\u200b"})
        void aMissingBlankOrInvisibleReasonIsRefused(final String reason) {
            revokeHolder();

            f.refused(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, DISTRIBUTOR_GLN,
                    someStock(), reason), ErrorCode.INVALID_ARGUMENT);

            assertNothingMoved();
        }

        @Test
        void packsOfARecalledBatchAreMovedToAPartyThatDestroysThem() {
            f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
            revokeHolder();

            transfer(DISTRIBUTOR_GLN, contents(List.of("S0001", "S0002"), List.of()));

            assertThat(verify("S0001").get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            final JsonNode outcomes = f.call(f.distributor, ctx -> f.contract.decommissionPacks(ctx,
                    packsJson(List.of("S0001", "S0002")), "DESTROYED"));
            assertThat(texts(outcomes, "code")).containsExactly("DESTROYED", "DESTROYED");
        }
    }

    // ------------------------------------------------------------------ a transfer that succeeds

    @Nested
    class Success {

        @BeforeEach
        void revokeThePharmacy() {
            revokeHolder();
        }

        @Test
        void thePacksPassToTheReceiverAtOnceWithoutAReceipt() {
            transfer(DISTRIBUTOR_GLN, contents(List.of("S0001", "S0002"), List.of()));

            for (final String serial : List.of("S0001", "S0002")) {
                final JsonNode verdict = verify(serial);
                assertThat(verdict.get("custodianGln").asText()).as(serial).isEqualTo(DISTRIBUTOR_GLN);
                assertThat(verdict.get("inTransit").asBoolean()).as(serial).isFalse();
                assertThat(verdict.get("packStatus").asText()).as(serial).isEqualTo("ACTIVE");
                assertThat(verdict.get("verdict").asText()).as(serial).isEqualTo("ACTIVE");
            }
            assertThat(verify("S0003").get("custodianGln").asText()).as("a pack not named stays")
                    .isEqualTo(PHARMACY_GLN);
        }

        @Test
        void eachMovedPackRecordsCustodyTransferredByTheRegulator() {
            transfer(DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of()));

            final JsonNode pack = storedPack("S0001");
            assertThat(pack.get("lastAction").asText()).isEqualTo("CUSTODY_TRANSFERRED");
            assertThat(pack.get("lastChangedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(pack.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        }

        @Test
        void unitsMoveFromTheHoldersHoldingToTheReceivers() {
            transfer(DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 20))));

            assertThat(held(BULK, PHARMACY_GLN)).isEqualTo(10);
            assertThat(held(BULK, DISTRIBUTOR_GLN)).isEqualTo(20);
            assertThat(held(BULK, MANUFACTURER_GLN)).as("nobody else's").isEqualTo(70);
        }

        @Test
        void theWholeHoldingCanBeMoved() {
            transfer(DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 30))));

            assertThat(held(BULK, PHARMACY_GLN)).isZero();
            assertThat(held(BULK, DISTRIBUTOR_GLN)).isEqualTo(30);
        }

        @Test
        void theAnswerNamesTheTransferItsPartiesContentsReasonAndTime() {
            final JsonNode transfer = transfer(DISTRIBUTOR_GLN,
                    contents(List.of("S0001", "S0002"), List.of(units(BULK, 30))));

            assertThat(transfer.get("transferId").asText()).isEqualTo(f.ledger.lastTxId());
            assertThat(transfer.get("fromGln").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(transfer.get("toGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(texts(transfer.get("packs"), "gtin")).containsExactly(GTIN, GTIN);
            assertThat(texts(transfer.get("packs"), "serial")).containsExactly("S0001", "S0002");
            assertThat(transfer.get("quantities")).hasSize(1);
            assertThat(transfer.at("/quantities/0/gtin").asText()).isEqualTo(GTIN);
            assertThat(transfer.at("/quantities/0/lot").asText()).isEqualTo(BULK);
            assertThat(transfer.at("/quantities/0/quantity").asLong()).isEqualTo(30);
            assertThat(transfer.get("reason").asText()).isEqualTo(REASON);
            assertThat(transfer.get("transferredAt").asText()).isEqualTo(f.ledger.now().toString());
        }

        @Test
        void oneCustodyTransferredEventCarriesTheTransfer() {
            final int events = f.ledger.events().size();

            final JsonNode transfer = transfer(DISTRIBUTOR_GLN,
                    contents(List.of("S0001"), List.of(units(BULK, 5))));

            assertThat(f.ledger.events()).as("one event").hasSize(events + 1);
            assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("CustodyTransferred");
            assertThat(f.ledger.lastEvent().orElseThrow().txId()).isEqualTo(f.ledger.lastTxId());
            final JsonNode event = f.lastEvent();
            assertThat(event.get("type").asText()).isEqualTo("CustodyTransferred");
            assertThat(event.get("actor").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(event.at("/data/transfer")).isEqualTo(transfer);
        }

        @Test
        void thePacksHistoryRecordsTheMoveFromTheHolderToTheReceiverByTheRegulator() {
            final JsonNode transfer = transfer(DISTRIBUTOR_GLN, contents(List.of("S0001"), List.of()));

            final JsonNode records = f.query(f.regulator, ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "",
                    "")).get("records");

            final JsonNode last = records.get(records.size() - 1);
            assertThat(last.get("action").asText()).isEqualTo("CUSTODY_TRANSFERRED");
            assertThat(last.get("txId").asText()).isEqualTo(transfer.get("transferId").asText());
            assertThat(last.get("partyGln").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(last.get("fromCustodianGln").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(last.get("toCustodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(last.get("fromStatus").asText()).isEqualTo("ACTIVE");
            assertThat(last.get("toStatus").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void theReceiverCanThenDecommissionThePacksAsDestroyed() {
            transfer(DISTRIBUTOR_GLN, contents(List.of("S0001", "S0002"), List.of()));

            final JsonNode outcomes = f.call(f.distributor, ctx -> f.contract.decommissionPacks(ctx,
                    packsJson(List.of("S0001", "S0002")), "DESTROYED"));

            assertThat(texts(outcomes, "code")).containsExactly("DESTROYED", "DESTROYED");
            assertThat(verify("S0001").get("decommissionedBy").asText()).isEqualTo(DISTRIBUTOR_GLN);
        }

        @Test
        void theReceiverCanShipTheUnitsOn() {
            transfer(DISTRIBUTOR_GLN, contents(List.of(), List.of(units(BULK, 20))));

            f.call(f.distributor, ctx -> f.contract.shipPacks(ctx, PHARMACY2_GLN,
                    contents(List.of(), List.of(units(BULK, 20)))));

            assertThat(held(BULK, DISTRIBUTOR_GLN)).isZero();
        }
    }

    // ------------------------------------------------------------------ locked packs

    @Nested
    class LockedPacks {

        @Test
        void aPackTheHolderLockedItselfMovesAndStaysLocked() {
            decommission(f.pharmacy, "S0002", "LOCKED");
            revokeHolder();

            transfer(DISTRIBUTOR_GLN, contents(List.of("S0002"), List.of()));

            final JsonNode verdict = verify("S0002");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(storedPack("S0002").get("lastAction").asText()).isEqualTo("CUSTODY_TRANSFERRED");
        }

        @Test
        void theRevokedHoldersOwnLockPassesToTheReceiverWhoCanThenDestroyThePack() {
            decommission(f.pharmacy, "S0002", "LOCKED");
            revokeHolder();

            transfer(DISTRIBUTOR_GLN, contents(List.of("S0002"), List.of()));

            assertThat(verify("S0002").get("decommissionedBy").asText()).isEqualTo(DISTRIBUTOR_GLN);
            f.call(f.distributor, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0002"));
            decommission(f.distributor, "S0002", "DESTROYED");
            assertThat(verify("S0002").get("packStatus").asText()).isEqualTo("DESTROYED");
        }

        @Test
        void aPackTheRegulatorHoldsMovesAndStaysLockedAndHeld() {
            final JsonNode locked = f.call(f.regulator, ctx -> f.contract.lockPacks(ctx,
                    json(List.of(Map.of("gtin", GTIN, "serial", "S0003"))), "investigation")).get(0);
            assertThat(locked.get("accepted").asBoolean()).as("setup: %s", locked).isTrue();
            revokeHolder();

            transfer(DISTRIBUTOR_GLN, contents(List.of("S0003"), List.of()));

            final JsonNode verdict = verify("S0003");
            assertThat(verdict.get("packStatus").asText()).isEqualTo("LOCKED");
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
            assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(verdict.get("message").asText()).containsIgnoringCase("regulator holds");
        }
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode transfer(final String receiverGln, final String contents) {
        return f.call(f.regulator, ctx -> f.contract.transferCustody(ctx, PHARMACY_GLN, receiverGln, contents,
                REASON));
    }

    /** Two of the pharmacy's packs and ten of its units. */
    private static String someStock() {
        return contents(List.of("S0001", "S0002"), List.of(units(BULK, 10)));
    }

    /** Checks that the pharmacy still holds every pack and unit it held, and the distributor none. */
    private void assertNothingMoved() {
        for (final String serial : serials("S", 1, 5)) {
            assertThat(verify(serial).get("custodianGln").asText()).as("custodian of %s", serial)
                    .isEqualTo(PHARMACY_GLN);
        }
        assertThat(held(BULK, PHARMACY_GLN)).as("the pharmacy's units").isEqualTo(30);
        assertThat(held(BULK, DISTRIBUTOR_GLN)).as("the distributor's units").isZero();
    }

    private void revokeHolder() {
        setStatus(PHARMACY_GLN, "REVOKED");
    }

    private void setStatus(final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    /** A party of the role other than the revoked pharmacy. */
    private TestIdentity receiverOf(final String role) {
        return switch (role) {
            case "MANUFACTURER" -> f.manufacturer;
            case "IMPORTER" -> f.importer;
            case "DISTRIBUTOR" -> f.distributor;
            case "PHARMACY" -> f.pharmacy2;
            default -> throw new IllegalArgumentException(role);
        };
    }

    private void decommission(final TestIdentity who, final String serial, final String reason) {
        final JsonNode outcome = f.call(who, ctx -> f.contract.decommissionPacks(ctx, packsJson(List.of(serial)),
                reason)).get(0);
        assertThat(outcome.get("accepted").asBoolean()).as("setup: %s", outcome).isTrue();
    }

    private long held(final String lot, final String holderGln) {
        return f.query(f.regulator, ctx -> f.contract.getStockHolding(ctx, GTIN, lot, holderGln))
                .get("quantity").asLong();
    }

    private JsonNode verify(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }

    /** The pack as the world state stores it, with the fields VerifyPack does not show. */
    private JsonNode storedPack(final String serial) {
        return LedgerFixture.parse(f.ledger.stateAsString("\u0000pack\u0000" + GTIN + "\u0000" + serial + "\u0000")
                .orElseThrow());
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

    private static String withWrongCheckDigit(final String code) {
        final int last = code.length() - 1;
        return code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + 1) % 10);
    }

    private static List<String> texts(final JsonNode array, final String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }
}
