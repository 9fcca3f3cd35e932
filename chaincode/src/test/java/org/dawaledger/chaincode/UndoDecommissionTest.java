package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.pack.Lifecycle;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UndoDecommission: only the party that decommissioned a pack, within ten days (LOCKED: any time), never for STOLEN
 * or DESTROYED, never for a recalled batch, a withdrawn product or an expired pack. The pharmacy holds S0001…S0005.
 */
class UndoDecommissionTest {
    private static final Duration TEN_DAYS = Duration.ofDays(10);

    private LedgerFixture f;

    @BeforeEach
    void deliverFivePacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
    }

    @Test
    void theWindowIsTenDays() {
        assertThat(Lifecycle.UNDO_WINDOW).isEqualTo(TEN_DAYS);
    }

    @Test
    void theDispensingPharmacyUndoesADispenseAndThePackIsActiveAndDispensableAgain() {
        dispense(f.pharmacy, "S0001");
        f.ledger.advance(Duration.ofHours(2));

        final JsonNode pack = undo(f.pharmacy, "S0001");

        assertThat(pack.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(pack.get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(pack.get("lastAction").asText()).isEqualTo("DECOMMISSION_UNDONE");
        assertThat(pack.get("lastChangedBy").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(pack.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
        assertThat(pack.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        assertThat(pack.has("decommissionedBy")).isFalse();
        assertThat(pack.has("decommissionedAt")).isFalse();

        assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("DecommissionUndone");
        final JsonNode event = f.lastEvent();
        assertThat(event.get("actor").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(event.at("/data/from").asText()).isEqualTo("SUPPLIED");
        assertThat(event.at("/data/pack")).isEqualTo(pack);

        final JsonNode verdict = verify("S0001");
        assertThat(verdict.get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verdict.get("packStatus").asText()).isEqualTo("ACTIVE");

        final JsonNode again = dispense(f.pharmacy, "S0001").get(0);
        assertThat(again.get("accepted").asBoolean()).isTrue();
        assertThat(again.get("code").asText()).isEqualTo("SUPPLIED");
        assertThat(again.has("alertId")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPORTED", "CHECKED_OUT", "SAMPLE", "FREE_SAMPLE", "LOCKED"})
    void otherReversibleDecommissionsCanBeUndoneByTheirParty(final String reason) {
        decommission(f.pharmacy, "S0001", reason);

        final JsonNode pack = undo(f.pharmacy, "S0001");

        assertThat(pack.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(f.lastEvent().at("/data/from").asText()).isEqualTo(reason);
        assertThat(verify("S0001").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anotherPharmacyCannotUndoADispense() {
        dispense(f.pharmacy, "S0001");
        f.refused(f.pharmacy2, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
    }

    @Test
    void theProductOwnerAndAPreviousHolderCannotUndoAPharmacysDecommission() {
        decommission(f.pharmacy, "S0001", "CHECKED_OUT");
        f.refused(f.manufacturer, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
        f.refused(f.distributor, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
    }

    @Test
    void aManufacturerUndoesItsOwnDecommission() {
        decommission(f.manufacturer, "S0009", "EXPORTED");

        assertThat(undo(f.manufacturer, "S0009").get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verify("S0009").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void wrongCallersAreRefused() {
        dispense(f.pharmacy, "S0001");
        f.refused(f.outsider, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.CALLER_NOT_REGISTERED);
        f.refused(f.regulator, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.ROLE_NOT_PERMITTED);
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, PHARMACY_GLN, "SUSPENDED", "inspection"));
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.CALLER_NOT_ACTIVE);
    }

    @Test
    void exactlyTenDaysAfterTheDispenseTheUndoIsStillAllowed() {
        dispense(f.pharmacy, "S0001");
        f.ledger.advance(TEN_DAYS);

        assertThat(undo(f.pharmacy, "S0001").get("status").asText()).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUPPLIED", "EXPORTED", "CHECKED_OUT", "SAMPLE", "FREE_SAMPLE"})
    void oneSecondLaterTheWindowHasClosed(final String status) {
        if (status.equals("SUPPLIED")) {
            dispense(f.pharmacy, "S0001");
        } else {
            decommission(f.pharmacy, "S0001", status);
        }
        f.ledger.advance(TEN_DAYS.plusSeconds(1));

        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_WINDOW_EXCEEDED);
    }

    @Test
    void theWindowRunsFromTheDecommissionNotFromTheLastChange() {
        dispense(f.pharmacy, "S0001");
        f.ledger.advance(Duration.ofDays(6));
        // A refused second dispense raises an alert but must not touch the pack or restart its window.
        final JsonNode packBefore = verify("S0001");
        final JsonNode second = dispense(f.pharmacy2, "S0001").get(0);
        assertThat(second.get("accepted").asBoolean()).as("setup: the second dispense is refused").isFalse();
        assertThat(verify("S0001")).isEqualTo(packBefore);
        f.ledger.advance(Duration.ofDays(5));

        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_WINDOW_EXCEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUPPLIED", "LOCKED", "SAMPLE"})
    void anUndoWhoseTransactionTimeLiesBeforeTheDecommissionIsRefused(final String status) {
        f.ledger.advance(Duration.ofDays(1));
        final Instant decommissionedAt = f.ledger.now();
        if (status.equals("SUPPLIED")) {
            dispense(f.pharmacy, "S0001");
        } else {
            decommission(f.pharmacy, "S0001", status);
        }

        for (final Duration back : List.of(Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofDays(30))) {
            f.ledger.setTime(decommissionedAt.minus(back));
            final var refusal = f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                    ErrorCode.INVALID_TRANSACTION_TIME);
            assertThat(refusal.getMessage()).contains(decommissionedAt.toString());
        }
        assertThat(verify("S0001").get("packStatus").asText()).isEqualTo(status);

        f.ledger.setTime(decommissionedAt);
        assertThat(undo(f.pharmacy, "S0001").get("status").asText())
                .as("at the very instant of the decommission").isEqualTo("ACTIVE");
    }

    @Test
    void anotherPartysUndoDatedBeforeTheDecommissionIsStillRefusedAsTheWrongParty() {
        f.ledger.advance(Duration.ofDays(1));
        final Instant dispensedAt = f.ledger.now();
        dispense(f.pharmacy, "S0001");
        f.ledger.setTime(dispensedAt.minusSeconds(60));

        f.refused(f.pharmacy2, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
    }

    @Test
    void aLockedPackCanBeUndoneAtAnyTime() {
        decommission(f.pharmacy, "S0001", "LOCKED");
        f.ledger.advance(Duration.ofDays(400));

        assertThat(undo(f.pharmacy, "S0001").get("status").asText()).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOLEN", "DESTROYED"})
    void stolenAndDestroyedAreFinal(final String reason) {
        decommission(f.pharmacy, "S0001", reason);
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.UNDO_NOT_ALLOWED);
    }

    @Test
    void noUndoOnceTheBatchIsRecalled() {
        dispense(f.pharmacy, "S0001");
        f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.BATCH_RECALLED);
    }

    @Test
    void noUndoOfALockOnARecalledBatch() {
        f.call(f.manufacturer, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contamination"));
        decommission(f.pharmacy, "S0001", "LOCKED");
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.BATCH_RECALLED);
    }

    @Test
    void noUndoOnceTheProductIsWithdrawn() {
        dispense(f.pharmacy, "S0001");
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "licence cancelled"));
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.PRODUCT_WITHDRAWN);
    }

    @Test
    void noUndoOnceThePackHasExpiredEvenInsideTheWindow() {
        f.ledger.advance(Duration.between(f.ledger.now(), Instant.parse("2028-06-28T12:00:00Z")));
        dispense(f.pharmacy, "S0001");
        f.ledger.advance(Duration.ofDays(3));

        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.BATCH_EXPIRED);
    }

    @Test
    void aLockedPackCanBeUndoneOnItsLastDayButNotAfterItExpired() {
        decommission(f.pharmacy, "S0001", "LOCKED");
        decommission(f.pharmacy, "S0002", "LOCKED");
        f.ledger.advance(Duration.between(f.ledger.now(), Instant.parse("2028-06-30T23:59:59Z")));
        assertThat(undo(f.pharmacy, "S0001").get("status").asText()).isEqualTo("ACTIVE");

        f.ledger.advance(Duration.ofSeconds(1));
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0002"), ErrorCode.BATCH_EXPIRED);
    }

    @Test
    void anActivePackHasNothingToUndo() {
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.PACK_NOT_DECOMMISSIONED);
    }

    @Test
    void aSecondUndoFindsThePackActive() {
        dispense(f.pharmacy, "S0001");
        undo(f.pharmacy, "S0001");
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.PACK_NOT_DECOMMISSIONED);
    }

    @Test
    void anUnknownPackIsNotFound() {
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S9999"), ErrorCode.PACK_NOT_FOUND);
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, LedgerFixture.gtin("0950600055555"),
                "S0001"), ErrorCode.PACK_NOT_FOUND);
    }

    @Test
    void malformedArgumentsAreRefused() {
        dispense(f.pharmacy, "S0001");
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, "09506000134350", "S0001"),
                ErrorCode.INVALID_ARGUMENT);
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, ""), ErrorCode.INVALID_ARGUMENT);
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, "", "S0001"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anUndonePackMayMoveOnAndBeDispensedByItsNextHolder() {
        dispense(f.pharmacy, "S0001");
        undo(f.pharmacy, "S0001");

        final String shipment = f.ship(f.pharmacy, PHARMACY2_GLN, List.of("S0001"));
        f.call(f.pharmacy2, ctx -> f.contract.receiveShipment(ctx, shipment));

        assertThat(dispense(f.pharmacy2, "S0001").get(0).get("code").asText()).isEqualTo("SUPPLIED");
        f.refused(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"),
                ErrorCode.UNDO_BY_DIFFERENT_PARTY);
    }

    // helpers

    private JsonNode dispense(final TestIdentity who, final String serial) {
        return f.call(who, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of(serial))));
    }

    private JsonNode decommission(final TestIdentity who, final String serial, final String reason) {
        final JsonNode outcome = f.call(who, ctx -> f.contract.decommissionPacks(ctx, packsJson(List.of(serial)),
                reason)).get(0);
        assertThat(outcome.get("accepted").asBoolean()).as("setup: %s", outcome).isTrue();
        return outcome;
    }

    private JsonNode undo(final TestIdentity who, final String serial) {
        return f.call(who, ctx -> f.contract.undoDecommission(ctx, GTIN, serial));
    }

    private JsonNode verify(final String serial) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, "", ""));
    }
}
