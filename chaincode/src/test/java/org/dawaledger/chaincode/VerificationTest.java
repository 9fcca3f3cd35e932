package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY_ISO;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.pack.Verdict;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VerifyPack: every verdict, what each one carries, who may ask, and which problem wins when a pack has several. The
 * starting point is the fixture's released batch LOT1 (expiry 280600 = 2028-06-30) with S0001…S0010 held by the
 * manufacturer. LOT1 is serialised, so a pack of it presented without a serial is SERIAL_REQUIRED; the batch-level
 * verdicts are checked on {@link #BULK}, a batch of the same product that is never serialised.
 */
class VerificationTest {
    private static final String UNREGISTERED_GTIN = LedgerFixture.gtin("0950600077777");
    /** A released batch of {@link LedgerFixture#GTIN} with the same expiry as LOT1 and no serials. */
    private static final String BULK = "BULK1";

    // ------------------------------------------------------------------ ACTIVE

    @Test
    void aGenuinePackVerifiesAsActiveWithWhatTheLedgerKnowsOfIt() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
        f.ledger.advance(Duration.ofMinutes(30));
        final Instant commissionedAt = f.ledger.now();
        f.commission(GTIN, "LOT1", List.of("S0001"));
        f.ledger.advance(Duration.ofDays(1));

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.ACTIVE);
        assertThat(verdict.get("level").asText()).isEqualTo("PACK");
        assertThat(verdict.get("gtin").asText()).isEqualTo(GTIN);
        assertThat(verdict.get("serial").asText()).isEqualTo("S0001");
        assertThat(verdict.get("lot").asText()).isEqualTo("LOT1");
        assertThat(verdict.get("expiry").asText()).isEqualTo(EXPIRY);
        assertThat(verdict.get("productName").asText()).isEqualTo("Paracetamol");
        assertThat(verdict.get("strength").asText()).isEqualTo("500 mg");
        assertThat(verdict.get("dosageForm").asText()).isEqualTo("tablet");
        assertThat(verdict.get("registrationNumber").asText()).isEqualTo("REG-" + GTIN);
        assertThat(verdict.get("ownerName").asText()).as("who answers for the product").isEqualTo("Party "
                + MANUFACTURER_GLN);
        assertThat(verdict.get("ownerRole").asText()).isEqualTo("MANUFACTURER");
        assertThat(verdict.has("foreignManufacturer")).as("a domestic product").isFalse();
        assertThat(verdict.get("ledgerLot").asText()).isEqualTo("LOT1");
        assertThat(verdict.get("ledgerExpiry").asText()).isEqualTo(EXPIRY_ISO);
        assertThat(verdict.get("batchStatus").asText()).isEqualTo("RELEASED");
        assertThat(verdict.get("packStatus").asText()).isEqualTo("ACTIVE");
        assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verdict.get("inTransit").asBoolean()).isFalse();
        assertThat(verdict.has("decommissionedBy")).isFalse();
        assertThat(verdict.has("decommissionedAt")).isFalse();
        assertThat(verdict.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        assertThat(verdict.get("lastChangedAt").asText()).isEqualTo(commissionedAt.toString());
        assertThat(verdict.get("message").asText()).isNotBlank();
    }

    @Test
    void lotAndExpiryMayBeLeftOutWhenTheSerialIsGiven() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode verdict = verify(f, GTIN, "S0002", "", "");

        assertVerdict(verdict, Verdict.ACTIVE);
        assertThat(verdict.has("lot")).isFalse();
        assertThat(verdict.has("expiry")).isFalse();
        assertThat(verdict.get("ledgerLot").asText()).isEqualTo("LOT1");
    }

    @Test
    void aThirteenDigitGtinIsTheSameProductAsItsFourteenDigitForm() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode verdict = verify(f, GTIN.substring(1), "S0001", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.ACTIVE);
        assertThat(verdict.get("gtin").asText()).isEqualTo(GTIN);
    }

    @Test
    void theVerdictNamesTheShipperAsCustodianAndSaysThePackIsInTransit() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        final String shipment = f.ship(f.manufacturer, DISTRIBUTOR_GLN, List.of("S0001"));

        final JsonNode inTransit = verify(f, GTIN, "S0001", "LOT1", EXPIRY);
        assertVerdict(inTransit, Verdict.ACTIVE);
        assertThat(inTransit.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(inTransit.get("inTransit").asBoolean()).isTrue();
        assertThat(inTransit.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();

        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, shipment));
        final JsonNode received = verify(f, GTIN, "S0001", "LOT1", EXPIRY);
        assertThat(received.get("custodianGln").asText()).isEqualTo(DISTRIBUTOR_GLN);
        assertThat(received.get("inTransit").asBoolean()).isFalse();
        assertThat(received.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
    }

    // ------------------------------------------------------------------ identity verdicts

    @Test
    void aGtinNoOneRegisteredIsAnUnknownProduct() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode pack = verify(f, UNREGISTERED_GTIN, "S0001", "LOT1", EXPIRY);
        assertVerdict(pack, Verdict.UNKNOWN_PRODUCT);
        assertThat(pack.get("level").asText()).isEqualTo("PACK");
        assertThat(pack.has("productName")).isFalse();
        assertThat(pack.has("packStatus")).isFalse();
        assertThat(pack.has("custodianGln")).isFalse();
        assertThat(pack.has("lastTxId")).isFalse();

        final JsonNode batch = verify(f, UNREGISTERED_GTIN, "", "LOT1", EXPIRY);
        assertVerdict(batch, Verdict.UNKNOWN_PRODUCT);
        assertThat(batch.get("level").asText()).isEqualTo("BATCH");
    }

    @Test
    void aLotTheProductNeverHadIsAnUnknownBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode verdict = verify(f, GTIN, "", "LOT9", EXPIRY);

        assertVerdict(verdict, Verdict.UNKNOWN_BATCH);
        assertThat(verdict.get("level").asText()).isEqualTo("BATCH");
        assertThat(verdict.get("productName").asText()).isEqualTo("Paracetamol");
        assertThat(verdict.has("ledgerLot")).isFalse();
        assertThat(verdict.has("batchStatus")).isFalse();
        assertThat(verdict.get("message").asText()).contains("LOT9");
    }

    @Test
    void lotsAreCaseSensitive() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        assertVerdict(verify(f, GTIN, "", "lot1", EXPIRY), Verdict.UNKNOWN_BATCH);
        assertVerdict(verify(f, GTIN, "S0001", "lot1", EXPIRY), Verdict.LOT_MISMATCH);
    }

    @Test
    void aSerialNeverCommissionedForTheGtinIsUnknown() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode verdict = verify(f, GTIN, "S0011", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.UNKNOWN_SERIAL);
        assertThat(verdict.get("productName").asText()).isEqualTo("Paracetamol");
        assertThat(verdict.has("packStatus")).isFalse();
        assertThat(verdict.has("ledgerLot")).isFalse();
        assertThat(verdict.get("message").asText()).contains("S0011");
        assertVerdict(verify(f, GTIN, "s0001", "LOT1", EXPIRY), Verdict.UNKNOWN_SERIAL);
    }

    @Test
    void aPackWhoseLotIsNotTheLotItsSerialWasCommissionedInIsALotMismatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "LOT2", EXPIRY, 10);

        for (final String printedLot : List.of("LOT2", "FAKE")) {
            final JsonNode verdict = verify(f, GTIN, "S0001", printedLot, EXPIRY);
            assertVerdict(verdict, Verdict.LOT_MISMATCH);
            assertThat(verdict.get("lot").asText()).isEqualTo(printedLot);
            assertThat(verdict.get("ledgerLot").asText()).isEqualTo("LOT1");
            assertThat(verdict.get("batchStatus").asText()).isEqualTo("RELEASED");
            assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(verdict.get("message").asText()).contains(printedLot).contains("LOT1");
        }
    }

    @ParameterizedTest(name = "printed expiry {0}")
    @ValueSource(strings = {"280629", "2028-06-29", "280700", "2028-07-01", "290600", "270630"})
    void aPackWhoseExpiryIsNotItsBatchsIsAnExpiryMismatch(final String printedExpiry) {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode pack = verify(f, GTIN, "S0001", "LOT1", printedExpiry);
        assertVerdict(pack, Verdict.EXPIRY_MISMATCH);
        assertThat(pack.get("ledgerExpiry").asText()).isEqualTo(EXPIRY_ISO);
        assertThat(pack.get("message").asText()).contains(EXPIRY_ISO);

        final JsonNode batch = verify(f, GTIN, "", "LOT1", printedExpiry);
        assertVerdict(batch, Verdict.EXPIRY_MISMATCH);
        assertThat(batch.get("level").asText()).isEqualTo("BATCH");
    }

    @ParameterizedTest(name = "printed expiry {0} matches a batch registered as 280600")
    @ValueSource(strings = {"280600", "280630", "2028-06-30"})
    void everyFormOfTheLastDayOfJune2028MatchesABatchRegisteredWithDayZero(final String printedExpiry) {
        final LedgerFixture f = withBulkBatch();

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT1", printedExpiry);

        assertVerdict(verdict, Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "", BULK, printedExpiry), Verdict.ACTIVE);
    }

    @ParameterizedTest(name = "printed expiry {0} matches a batch registered as 2028-06-30")
    @ValueSource(strings = {"280600", "280630", "2028-06-30"})
    void aBatchRegisteredWithAnIsoExpiryMatchesTheDayZeroForm(final String printedExpiry) {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "ISO1", EXPIRY_ISO, 10);
        f.commission(GTIN, "ISO1", List.of("T1"));
        f.registerBatch(GTIN, "ISO2", EXPIRY_ISO, 10);

        assertVerdict(verify(f, GTIN, "T1", "ISO1", printedExpiry), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "", "ISO2", printedExpiry), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "T1", "ISO1", "280629"), Verdict.EXPIRY_MISMATCH);
        assertThat(f.query(f.regulator, ctx -> f.contract.getBatch(ctx, GTIN, "ISO1")).get("expiryDate").asText())
                .isEqualTo(EXPIRY_ISO);
    }

    // ------------------------------------------------------------------ standing verdicts

    @Test
    void aPackPastItsLastDayIsExpiredButNotOnTheDayItself() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "SHORT", "260100", 10);
        f.commission(GTIN, "SHORT", List.of("E1"));
        f.registerBatch(GTIN, "SHORTBULK", "260100", 10);

        f.ledger.setTime(Instant.parse("2026-01-31T23:59:59Z"));
        assertVerdict(verify(f, GTIN, "E1", "SHORT", "260131"), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "", "SHORTBULK", "260131"), Verdict.ACTIVE);

        f.ledger.setTime(Instant.parse("2026-02-01T00:00:00Z"));
        final JsonNode pack = verify(f, GTIN, "E1", "SHORT", "260100");
        assertVerdict(pack, Verdict.EXPIRED);
        assertThat(pack.get("message").asText()).contains("2026-01-31");
        assertThat(pack.get("packStatus").asText()).isEqualTo("ACTIVE");
        assertVerdict(verify(f, GTIN, "", "SHORTBULK", ""), Verdict.EXPIRED);
        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.ACTIVE);
    }

    @Test
    void aPackOfARecalledBatchIsRecalled() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, BULK, "contaminated"));

        final JsonNode pack = verify(f, GTIN, "S0001", "LOT1", EXPIRY);
        assertVerdict(pack, Verdict.RECALLED);
        assertThat(pack.get("batchStatus").asText()).isEqualTo("RECALLED");
        assertThat(pack.get("packStatus").asText()).isEqualTo("ACTIVE");
        assertVerdict(verify(f, GTIN, "", BULK, EXPIRY), Verdict.RECALLED);
    }

    @Test
    void aPackOfAWithdrawnProductIsWithdrawn() {
        final LedgerFixture f = withBulkBatch();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "marketing authorisation cancelled"));

        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.WITHDRAWN);
        assertVerdict(verify(f, GTIN, "", BULK, EXPIRY), Verdict.WITHDRAWN);
    }

    @Test
    void aPackOfAnImportWaitingForClearanceIsNotReleasedUntilCleared() {
        final LedgerFixture f = LedgerFixture.withPendingImports();

        final JsonNode pending = verify(f, IMPORTED_GTIN, "I1", "IMP1", EXPIRY);
        assertVerdict(pending, Verdict.NOT_RELEASED);
        assertThat(pending.get("batchStatus").asText()).isEqualTo("PENDING_CLEARANCE");
        assertThat(pending.get("custodianGln").asText()).isEqualTo(IMPORTER_GLN);
        assertVerdict(verify(f, IMPORTED_GTIN, "", "IMP2", EXPIRY), Verdict.NOT_RELEASED);

        for (final String lot : List.of("IMP1", "IMP2")) {
            f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, lot, "RELEASE", "lab tests passed"));
        }
        assertVerdict(verify(f, IMPORTED_GTIN, "I1", "IMP1", EXPIRY), Verdict.ACTIVE);
        assertVerdict(verify(f, IMPORTED_GTIN, "", "IMP2", EXPIRY), Verdict.ACTIVE);
    }

    @Test
    void aPackOfARejectedImportIsNotReleased() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.importer, IMPORTED_GTIN);
        f.declareImport(IMPORTED_GTIN, "IMP1", 50);
        f.call(f.importer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "IMP1", json(List.of("I1"))));
        f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, "IMP1", "REJECT", "forged permit"));

        final JsonNode verdict = verify(f, IMPORTED_GTIN, "I1", "IMP1", EXPIRY);
        assertVerdict(verdict, Verdict.NOT_RELEASED);
        assertThat(verdict.get("batchStatus").asText()).isEqualTo("REJECTED");
        assertThat(verdict.get("ownerRole").asText()).as("an imported product answers with its importer")
                .isEqualTo("IMPORTER");
        assertThat(verdict.get("ownerName").asText()).isEqualTo("Party " + IMPORTER_GLN);
        assertThat(verdict.get("foreignManufacturer").asText()).isEqualTo(LedgerFixture.FOREIGN_MANUFACTURER);
    }

    @Test
    void aPackOfAQuarantinedBatchIsNotReleasedUntilTheQuarantineIsLifted() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", "investigation"));

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT1", EXPIRY);
        assertVerdict(verdict, Verdict.NOT_RELEASED);
        assertThat(verdict.get("batchStatus").asText()).isEqualTo("QUARANTINED");
        assertThat(verdict.get("message").asText()).contains("QUARANTINED");

        f.call(f.regulator, ctx -> f.contract.releaseBatch(ctx, GTIN, "LOT1", "cleared"));
        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.ACTIVE);
    }

    // ------------------------------------------------------------------ pack state verdicts

    @Test
    void aDispensedPackIsAlreadySuppliedAndSaysByWhomAndWhen() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        f.ledger.advance(Duration.ofDays(3));
        final Instant dispensedAt = f.ledger.now();
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001"))));
        f.ledger.advance(Duration.ofDays(1));

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.ALREADY_SUPPLIED);
        assertThat(verdict.get("packStatus").asText()).isEqualTo("SUPPLIED");
        assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(verdict.get("decommissionedAt").asText()).isEqualTo(dispensedAt.toString());
        assertThat(verdict.get("custodianGln").asText()).isEqualTo(PHARMACY_GLN);
        assertThat(verdict.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        assertThat(verdict.get("message").asText()).contains(PHARMACY_GLN).contains(dispensedAt.toString());
    }

    @Test
    void aDestroyedPackIsDecommissionedAndSaysHowAndByWhom() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        final Instant at = f.ledger.now();
        f.call(f.manufacturer,
                ctx -> f.contract.decommissionPacks(ctx, LedgerFixture.packsJson(List.of("S0002")), "DESTROYED"));

        final JsonNode verdict = verify(f, GTIN, "S0002", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.DECOMMISSIONED);
        assertThat(verdict.get("packStatus").asText()).isEqualTo("DESTROYED");
        assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verdict.get("decommissionedAt").asText()).isEqualTo(at.toString());
        assertThat(verdict.get("message").asText()).contains("DESTROYED").contains(MANUFACTURER_GLN);
        assertVerdict(verify(f, GTIN, "S0003", "LOT1", EXPIRY), Verdict.ACTIVE);
    }

    // ------------------------------------------------------------------ batch level

    @Test
    void withoutASerialTheAnswerForABatchWithoutSerialsIsAboutTheBatchAndNamesItsOwner() {
        final LedgerFixture f = withBulkBatch();
        final JsonNode batch = f.query(f.regulator, ctx -> f.contract.getBatch(ctx, GTIN, BULK));

        final JsonNode verdict = verify(f, GTIN, "", BULK, EXPIRY);

        assertVerdict(verdict, Verdict.ACTIVE);
        assertThat(verdict.get("level").asText()).isEqualTo("BATCH");
        assertThat(verdict.has("serial")).isFalse();
        assertThat(verdict.has("packStatus")).isFalse();
        assertThat(verdict.has("inTransit")).isFalse();
        assertThat(verdict.get("ledgerLot").asText()).isEqualTo(BULK);
        assertThat(verdict.get("batchStatus").asText()).isEqualTo("RELEASED");
        assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verdict.get("lastTxId").asText()).isEqualTo(batch.get("lastTxId").asText());
        assertThat(verdict.get("lastChangedAt").asText()).isEqualTo(batch.get("updatedAt").asText());
        assertThat(verdict.get("message").asText()).contains("batch");
        assertVerdict(verify(f, GTIN, "", BULK, ""), Verdict.ACTIVE);
    }

    @Test
    void withoutASerialAPackOfASerialisedBatchIsSerialRequiredWhateverItsPacksStates() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.manufacturer,
                ctx -> f.contract.decommissionPacks(ctx, LedgerFixture.packsJson(List.of("S0001")), "DESTROYED"));

        assertVerdict(verify(f, GTIN, "", "LOT1", EXPIRY), Verdict.SERIAL_REQUIRED);
        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.DECOMMISSIONED);
        assertVerdict(verify(f, GTIN, "S0002", "LOT1", EXPIRY), Verdict.ACTIVE);
    }

    // ------------------------------------------------------------------ SERIAL_REQUIRED

    @Test
    void aPackOfASerialisedBatchPresentedWithoutASerialIsSuspect() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        final JsonNode batch = f.query(f.regulator, ctx -> f.contract.getBatch(ctx, GTIN, "LOT1"));

        final JsonNode verdict = verify(f, GTIN, "", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.SERIAL_REQUIRED);
        assertThat(Verdict.SERIAL_REQUIRED.isAlerting()).isTrue();
        assertThat(verdict.get("level").asText()).isEqualTo("BATCH");
        assertThat(verdict.has("serial")).isFalse();
        assertThat(verdict.has("packStatus")).isFalse();
        assertThat(verdict.get("productName").asText()).isEqualTo("Paracetamol");
        assertThat(verdict.get("ledgerLot").asText()).isEqualTo("LOT1");
        assertThat(verdict.get("ledgerExpiry").asText()).isEqualTo(EXPIRY_ISO);
        assertThat(verdict.get("batchStatus").asText()).isEqualTo("RELEASED");
        assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verdict.get("lastTxId").asText()).isEqualTo(batch.get("lastTxId").asText());
        assertThat(verdict.get("message").asText()).contains("LOT1").contains("serial");
        assertVerdict(verify(f, GTIN, "", "LOT1", ""), Verdict.SERIAL_REQUIRED);
        assertVerdict(verify(f, GTIN.substring(1), "", "LOT1", "2028-06-30"), Verdict.SERIAL_REQUIRED);
    }

    @Test
    void withItsSerialAPackOfASerialisedBatchVerifiesNormally() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "S0001", "", ""), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "S0099", "LOT1", EXPIRY), Verdict.UNKNOWN_SERIAL);
    }

    @Test
    void aBatchRequiresSerialsFromItsFirstCommissionedPackOn() {
        final LedgerFixture f = withBulkBatch();
        f.registerBatch(GTIN, "LOT2", EXPIRY, 10);
        assertVerdict(verify(f, GTIN, "", "LOT2", EXPIRY), Verdict.ACTIVE);

        f.commission(GTIN, "LOT2", List.of("L2-1"));

        assertVerdict(verify(f, GTIN, "", "LOT2", EXPIRY), Verdict.SERIAL_REQUIRED);
        assertVerdict(verify(f, GTIN, "L2-1", "LOT2", EXPIRY), Verdict.ACTIVE);
        assertVerdict(verify(f, GTIN, "", BULK, EXPIRY), Verdict.ACTIVE);
    }

    @ParameterizedTest(name = "batch {0}")
    @CsvSource({"RECALLED, RECALLED", "QUARANTINED, NOT_RELEASED", "WITHDRAWN, WITHDRAWN", "EXPIRED, EXPIRED"})
    void withoutASerialAFinalStandingOutranksSerialRequiredAndAPassingOneDoesNot(final String standing,
            final Verdict verdict) {
        final LedgerFixture f = withBulkBatch();
        for (final String lot : List.of("LOT1", BULK)) {
            switch (standing) {
                case "RECALLED" -> f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, lot, "contaminated"));
                case "QUARANTINED" -> f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, lot, "audit"));
                default -> {
                    // WITHDRAWN and EXPIRED apply to both batches at once, below.
                }
            }
        }
        if (standing.equals("WITHDRAWN")) {
            f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));
        }
        if (standing.equals("EXPIRED")) {
            f.ledger.setTime(Instant.parse("2028-07-01T00:00:00Z"));
        }

        final boolean isFinal = verdict == Verdict.RECALLED || verdict == Verdict.WITHDRAWN;
        final JsonNode noSerial = verify(f, GTIN, "", "LOT1", EXPIRY);
        assertVerdict(noSerial, isFinal ? verdict : Verdict.SERIAL_REQUIRED);
        assertThat(noSerial.get("findings")).extracting(JsonNode::asText).contains(verdict.name(),
                Verdict.SERIAL_REQUIRED.name());
        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), verdict);
        assertVerdict(verify(f, GTIN, "", BULK, EXPIRY), verdict);
    }

    @Test
    void withoutASerialSerialRequiredOutranksAPendingImport() {
        final LedgerFixture f = LedgerFixture.withPendingImports();

        assertVerdict(verify(f, IMPORTED_GTIN, "", "IMP1", EXPIRY), Verdict.SERIAL_REQUIRED);
        assertVerdict(verify(f, IMPORTED_GTIN, "I1", "IMP1", EXPIRY), Verdict.NOT_RELEASED);
        assertVerdict(verify(f, IMPORTED_GTIN, "", "IMP2", EXPIRY), Verdict.NOT_RELEASED);
    }

    @Test
    void aRecallIsAnsweredFirstWhateverElseIsMissingOrWrongAndTheRestIsListed() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        // Before the fix a serial-less read of a recalled serialised batch answered SERIAL_REQUIRED.
        final JsonNode noSerial = verify(f, GTIN, "", "LOT1", EXPIRY);
        assertVerdict(noSerial, Verdict.RECALLED);
        assertFindings(noSerial, Verdict.RECALLED, Verdict.SERIAL_REQUIRED);
        assertFindings(verify(f, GTIN, "", "LOT1", "290600"), Verdict.RECALLED, Verdict.EXPIRY_MISMATCH,
                Verdict.SERIAL_REQUIRED);
        assertFindings(verify(f, GTIN, "S9999", "LOT1", EXPIRY), Verdict.RECALLED, Verdict.UNKNOWN_SERIAL);
        assertVerdict(verify(f, GTIN, "", "LOT9", EXPIRY), Verdict.UNKNOWN_BATCH);
        assertVerdict(verify(f, UNREGISTERED_GTIN, "", "LOT1", EXPIRY), Verdict.UNKNOWN_PRODUCT);
    }

    @Test
    void aRecalledVerdictCarriesTheReasonAndTimeOfTheRecall() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.ledger.advance(java.time.Duration.ofDays(3));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "Particulate matter in vials"));
        final String recalledAt = f.ledger.now().toString();
        f.ledger.advance(java.time.Duration.ofDays(1));

        for (final String serial : List.of("S0001", "")) {
            final JsonNode verdict = verify(f, GTIN, serial, "LOT1", EXPIRY);
            assertThat(verdict.get("recallReason").asText()).isEqualTo("Particulate matter in vials");
            assertThat(verdict.get("recalledAt").asText()).isEqualTo(recalledAt);
            assertThat(verdict.get("message").asText()).startsWith("Batch LOT1 was recalled on " + recalledAt
                    + " (Particulate matter in vials): do not dispense");
        }
        final JsonNode active = verify(f, GTIN, "S0001", "LOT1", EXPIRY);
        assertThat(active.has("withdrawnReason")).isFalse();
    }

    @Test
    void aWithdrawnVerdictCarriesTheReasonAndTimeOfTheWithdrawal() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "Hepatotoxicity signal"));
        final String withdrawnAt = f.ledger.now().toString();

        final JsonNode verdict = verify(f, GTIN, "", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.WITHDRAWN);
        assertFindings(verdict, Verdict.WITHDRAWN, Verdict.SERIAL_REQUIRED);
        assertThat(verdict.get("withdrawnReason").asText()).isEqualTo("Hepatotoxicity signal");
        assertThat(verdict.get("withdrawnAt").asText()).isEqualTo(withdrawnAt);
        assertThat(verdict.has("recallReason")).isFalse();
    }

    @Test
    void anActivePackHasNoFindings() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        assertThat(verify(f, GTIN, "S0001", "LOT1", EXPIRY).get("findings")).isEmpty();
    }

    // ------------------------------------------------------------------ who may verify, and what it changes

    @Test
    void anyoneMayVerifyIncludingAnIdentityNoOneRegistered() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, PHARMACY_GLN, "SUSPENDED", "inspection"));

        for (final TestIdentity who : List.of(f.outsider, f.regulator, f.pharmacy, f.pharmacy2, f.manufacturer2,
                TestIdentity.of("UnknownMSP", "Someone"))) {
            final JsonNode verdict = f.query(who, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1", EXPIRY));
            assertVerdict(verdict, Verdict.ACTIVE);
        }
    }

    @Test
    void aLedgerThatWasNeverInitialisedKnowsNoProduct() {
        final LedgerFixture f = new LedgerFixture();

        assertVerdict(f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1", EXPIRY)),
                Verdict.UNKNOWN_PRODUCT);
    }

    @Test
    void verifyingWritesNothingAndEmitsNoEventEvenWhenSubmitted() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001"))));
        final Map<String, String> before = f.ledger.snapshotAsStrings();
        final int events = f.ledger.events().size();

        final List<String[]> presentations = List.of(
                new String[] {GTIN, "S0001", "LOT1", EXPIRY},
                new String[] {GTIN, "S0002", "LOT1", EXPIRY},
                new String[] {GTIN, "S0099", "LOT1", EXPIRY},
                new String[] {GTIN, "S0002", "LOT7", EXPIRY},
                new String[] {GTIN, "S0002", "LOT1", "300101"},
                new String[] {UNREGISTERED_GTIN, "S0002", "LOT1", EXPIRY},
                new String[] {GTIN, "", "LOT1", EXPIRY});
        for (final String[] p : presentations) {
            for (final TestIdentity who : List.of(f.outsider, f.pharmacy, f.regulator)) {
                final String answer = f.ledger.submit(who, ctx -> f.contract.verifyPack(ctx, p[0], p[1], p[2], p[3]));
                assertThat(answer).contains("\"verdict\"");
            }
        }

        assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        assertThat(f.ledger.events()).hasSize(events);
    }

    // ------------------------------------------------------------------ malformed presentations

    @ParameterizedTest(name = "gtin={0} serial={1} lot={2} expiry={3}")
    @CsvSource(value = {
        "BADCHECK, S0001, LOT1, 280600",
        "ABCDEFGHIJKLMN, S0001, LOT1, 280600",
        "'', S0001, LOT1, 280600",
        "123, S0001, LOT1, 280600",
        "GTIN, S 1, LOT1, 280600",
        "GTIN, S0001, LOT#1, 280600",
        "GTIN, S0001, ABCDEFGHIJ01234567890, 280600",
        "GTIN, S0001, LOT1, 281300",
        "GTIN, S0001, LOT1, 280631",
        "GTIN, S0001, LOT1, 2028-06-00",
        "GTIN, S0001, LOT1, 28-06-30",
        "GTIN, S0001, LOT1, 2806",
        "GTIN, '', '', 281300"})
    void aMalformedPresentationIsRefusedAsAnInvalidArgument(final String gtin, final String serial, final String lot,
            final String expiry) {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        final String wrongCheckDigit = GTIN.substring(0, 13) + ((GTIN.charAt(13) - '0' + 1) % 10);
        final String presentedGtin = switch (gtin) {
            case "GTIN" -> GTIN;
            case "BADCHECK" -> wrongCheckDigit;
            default -> gtin;
        };

        f.refused(f.outsider, ctx -> f.contract.verifyPack(ctx, presentedGtin, serial, lot, expiry),
                ErrorCode.INVALID_ARGUMENT);
    }

    // ------------------------------------------------------------------ product level (a GTIN without serial and lot)

    @ParameterizedTest(name = "expiry={0}")
    @ValueSource(strings = {"", EXPIRY})
    void aGtinReadWithoutSerialAndLotIsJudgedAtProductLevelAndAsksForTheLot(final String expiry) {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final JsonNode verdict = verify(f, GTIN, "", "", expiry);

        assertFindings(verdict, Verdict.LOT_REQUIRED);
        assertThat(verdict.get("level").asText()).isEqualTo("PRODUCT");
        assertThat(verdict.get("productName").asText()).isEqualTo("Paracetamol");
        assertThat(verdict.get("productStatus").asText()).isEqualTo("APPROVED");
        assertThat(verdict.has("ledgerLot")).as("no batch is judged").isFalse();
        assertThat(verdict.has("batchStatus")).isFalse();
        assertThat(verdict.has("packStatus")).isFalse();
        assertThat(verdict.get("message").asText()).contains("only the product").contains("lot");
    }

    @Test
    void aGtinReadAloneOfAWithdrawnProductSaysWithdrawnFirst() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "marketing authorisation cancelled"));

        assertFindings(verify(f, GTIN, "", "", ""), Verdict.WITHDRAWN, Verdict.LOT_REQUIRED);
    }

    @Test
    void aGtinReadAloneOfAnUnknownProductIsUnknownProduct() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        assertFindings(verify(f, UNREGISTERED_GTIN, "", "", ""), Verdict.UNKNOWN_PRODUCT);
    }

    @Test
    void aProductLevelReadIsNoAlertingVerdict() {
        assertThat(Verdict.LOT_REQUIRED.isAlerting()).isFalse();
    }

    // ------------------------------------------------------------------ precedence

    @Test
    void aLotMismatchOnARecalledBatchIsAnsweredRecalledWithTheMismatchListed() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT2", EXPIRY);

        assertVerdict(verdict, Verdict.RECALLED);
        assertFindings(verdict, Verdict.RECALLED, Verdict.LOT_MISMATCH);
        assertThat(verdict.get("message").asText()).contains("recalled").contains("lot LOT2");
    }

    @Test
    void anExpiryMismatchOnARecalledBatchIsAnsweredRecalledWithTheMismatchListed() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        assertFindings(verify(f, GTIN, "S0001", "LOT1", "290600"), Verdict.RECALLED, Verdict.EXPIRY_MISMATCH);
    }

    @Test
    void anUnknownSerialOfAWithdrawnProductIsAnsweredWithdrawnWithTheUnknownSerialListed() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));

        assertFindings(verify(f, GTIN, "S9999", "LOT1", EXPIRY), Verdict.WITHDRAWN, Verdict.UNKNOWN_SERIAL);
        assertFindings(verify(f, GTIN, "", "NOLOT", EXPIRY), Verdict.WITHDRAWN, Verdict.UNKNOWN_BATCH);
    }

    @Test
    void aLotMismatchOutranksAnExpiryMismatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        assertVerdict(verify(f, GTIN, "S0001", "LOT2", "290600"), Verdict.LOT_MISMATCH);
    }

    @Test
    void aWithdrawnProductOutranksARecalledBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));

        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.WITHDRAWN);
    }

    @Test
    void aRecalledBatchPastItsExpiryIsReportedAsRecalled() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "SHORT", "260131", 10);
        f.commission(GTIN, "SHORT", List.of("E1"));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "SHORT", "contaminated"));
        f.ledger.setTime(Instant.parse("2026-03-01T00:00:00Z"));

        assertVerdict(verify(f, GTIN, "E1", "SHORT", "260131"), Verdict.RECALLED);
    }

    @Test
    void aQuarantinedBatchPastItsExpiryIsReportedAsNotReleased() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "SHORT", "260131", 10);
        f.commission(GTIN, "SHORT", List.of("E1"));
        f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "SHORT", "investigation"));
        f.ledger.setTime(Instant.parse("2026-03-01T00:00:00Z"));

        assertVerdict(verify(f, GTIN, "E1", "SHORT", "260131"), Verdict.NOT_RELEASED);
    }

    @Test
    void aDispensedPackOfARecalledBatchIsReportedAsRecalledButStillShowsItWasSupplied() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001"))));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        final JsonNode verdict = verify(f, GTIN, "S0001", "LOT1", EXPIRY);

        assertVerdict(verdict, Verdict.RECALLED);
        assertThat(verdict.get("packStatus").asText()).isEqualTo("SUPPLIED");
        assertThat(verdict.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
    }

    @Test
    void aDispensedPackWithAWrongLotIsReportedAsALotMismatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, List.of("S0001"));
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, LedgerFixture.packsJson(List.of("S0001"))));

        assertVerdict(verify(f, GTIN, "S0001", "LOT2", EXPIRY), Verdict.LOT_MISMATCH);
        assertVerdict(verify(f, GTIN, "S0001", "LOT1", EXPIRY), Verdict.ALREADY_SUPPLIED);
    }

    // ------------------------------------------------------------------ helpers

    /** The fixture's serialised batch LOT1, and {@link #BULK}: 100 units of the same product without serials. */
    private static LedgerFixture withBulkBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, BULK, EXPIRY, 100);
        return f;
    }

    private static JsonNode verify(final LedgerFixture f, final String gtin, final String serial, final String lot,
            final String expiry) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, gtin, serial, lot, expiry));
    }

    private static void assertFindings(final JsonNode verdict, final Verdict... expected) {
        assertThat(verdict.get("verdict").asText()).as("verdict of %s", verdict).isEqualTo(expected[0].name());
        assertThat(verdict.get("findings")).extracting(JsonNode::asText).as("findings of %s", verdict)
                .containsExactly(java.util.Arrays.stream(expected).map(Verdict::name).toArray(String[]::new));
    }

    private static void assertVerdict(final JsonNode verdict, final Verdict expected) {
        assertThat(verdict.get("verdict").asText()).as("verdict of %s", verdict).isEqualTo(expected.name());
    }
}
