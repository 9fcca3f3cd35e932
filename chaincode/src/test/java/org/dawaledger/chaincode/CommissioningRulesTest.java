package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CommissionPacks: turning a batch's units into serialised ACTIVE packs, and every way to get it wrong. */
class CommissioningRulesTest {
    private static final String OTHER_GTIN = LedgerFixture.gtin("0950600013442");

    // ------------------------------------------------------------------ happy paths

    @Test
    void commissioningTurnsUnitsIntoActivePacksAndReportsWhatIsLeft() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
        final Instant at = f.ledger.now();

        final JsonNode summary = f.call(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials("S", 1, 10))));

        assertThat(summary.get("gtin").asText()).isEqualTo(GTIN);
        assertThat(summary.get("lot").asText()).isEqualTo("LOT1");
        assertThat(summary.get("commissioned").asLong()).isEqualTo(10);
        assertThat(summary.get("unserialisedRemaining").asLong()).isEqualTo(90);
        assertThat(stock(f, GTIN, "LOT1", MANUFACTURER_GLN)).isEqualTo(90);

        final JsonNode event = f.lastEvent();
        assertThat(event.get("type").asText()).isEqualTo("PacksCommissioned");
        assertThat(event.get("actor").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(event.get("txId").asText()).isEqualTo(f.ledger.lastTxId());
        assertThat(event.at("/data/commissioned").asLong()).isEqualTo(10);
        assertThat(event.at("/data/custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(event.at("/data/status").asText()).isEqualTo("ACTIVE");
        assertThat(texts(event.at("/data/serials"))).containsExactlyElementsOf(serials("S", 1, 10));

        final JsonNode verdict = verify(f, GTIN, "S0007", "LOT1");
        assertThat(verdict.get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verdict.get("packStatus").asText()).isEqualTo("ACTIVE");
        assertThat(verdict.get("custodianGln").asText()).isEqualTo(MANUFACTURER_GLN);
        assertThat(verdict.get("ledgerLot").asText()).isEqualTo("LOT1");
        assertThat(verdict.has("lastTxId")).as("a pack's last transaction is in its history").isFalse();
        assertThat(verdict.get("lastChangedAt").asText()).isEqualTo(at.toString());
        assertThat(verify(f, GTIN, "S0011", "LOT1").get("verdict").asText()).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void commissioningTheLastUnitsLeavesNoUnserialisedStock() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 3);

        final JsonNode summary = f.commission(GTIN, "LOT1", List.of("A", "B", "C"));

        assertThat(summary.get("unserialisedRemaining").asLong()).isZero();
        assertThat(stock(f, GTIN, "LOT1", MANUFACTURER_GLN)).isZero();
        assertThat(f.query(f.regulator, ctx -> f.contract.getBatch(ctx, GTIN, "LOT1")).get("quantity").asLong())
                .as("the batch's quantity counts serialised and unserialised packs alike").isEqualTo(3);
    }

    @Test
    void tenThousandSerialsInOneCallIsTheMaximumAndIsAccepted() {
        assertThat(Packs.MAX_PACKS_PER_CALL).isEqualTo(10_000);
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "BIG", EXPIRY, 10_000);
        final List<String> serials = serials("N", 1, Packs.MAX_PACKS_PER_CALL);

        final JsonNode summary = f.commission(GTIN, "BIG", serials);

        assertThat(summary.get("commissioned").asLong()).isEqualTo(10_000);
        assertThat(summary.get("unserialisedRemaining").asLong()).isZero();
        assertThat(f.ledger.snapshotAsStrings().keySet())
                .filteredOn(key -> key.startsWith(CompositeKey.NAMESPACE + Keys.PACK + CompositeKey.NAMESPACE))
                .hasSize(10_000);
        assertThat(verify(f, GTIN, "N10000", "BIG").get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verify(f, GTIN, "N0001", "BIG").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void tenThousandAndOneSerialsInOneCallAreTooMany() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "BIG", EXPIRY, 20_000);
        final List<String> serials = serials("N", 1, Packs.MAX_PACKS_PER_CALL + 1);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "BIG", json(serials)),
                ErrorCode.TOO_MANY_ITEMS);

        assertThat(verify(f, GTIN, "N0001", "BIG").get("verdict").asText()).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void aTwentyCharacterSerialOfEveryAllowedKindIsAccepted() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
        final String twenty = "ABCDEFGHIJ0123456789";
        final String punctuation = "a!\"%&'()*+,-./:;<=>?_";
        final String punctuation20 = punctuation.substring(0, 20);

        f.commission(GTIN, "LOT1", List.of(twenty, punctuation20, "1"));

        assertThat(verify(f, GTIN, twenty, "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verify(f, GTIN, punctuation20, "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verify(f, GTIN, "1", "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    // ------------------------------------------------------------------ serial uniqueness

    @Test
    void aSerialAlreadyCommissionedInAnotherBatchOfTheSameGtinIsRefused() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "LOT2", EXPIRY, 100);

        final var refusal = f.refused(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT2", json(List.of("S0001"))),
                ErrorCode.SERIAL_ALREADY_COMMISSIONED);

        assertThat(refusal.getMessage()).contains("S0001");
        assertThat(verify(f, GTIN, "S0001", "").get("ledgerLot").asText()).isEqualTo("LOT1");
    }

    @Test
    void aSerialAlreadyCommissionedInTheSameBatchIsRefused() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("S0010"))),
                ErrorCode.SERIAL_ALREADY_COMMISSIONED);
    }

    @Test
    void oneTakenSerialAmongNewOnesCommissionsNoneOfThem() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerBatch(GTIN, "LOT2", EXPIRY, 100);

        f.refused(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT2", json(List.of("NEW1", "NEW2", "S0005", "NEW3"))),
                ErrorCode.SERIAL_ALREADY_COMMISSIONED);

        assertThat(verify(f, GTIN, "NEW1", "").get("verdict").asText()).isEqualTo("UNKNOWN_SERIAL");
        assertThat(stock(f, GTIN, "LOT2", MANUFACTURER_GLN)).isEqualTo(100);
    }

    @Test
    void theSameSerialUnderAnotherGtinIsADifferentPack() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.registerProduct(f.manufacturer, OTHER_GTIN);
        f.registerBatch(OTHER_GTIN, "OTHER", EXPIRY, 5);

        f.commission(OTHER_GTIN, "OTHER", List.of("S0001"));

        assertThat(verify(f, OTHER_GTIN, "S0001", "OTHER").get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verify(f, GTIN, "S0001", "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(verify(f, OTHER_GTIN, "S0001", "LOT1").get("verdict").asText()).isEqualTo("LOT_MISMATCH");
    }

    @Test
    void aSerialRepeatedWithinOneCallIsRefused() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);

        final var refusal = f.refused(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("A1", "A2", "A1"))),
                ErrorCode.DUPLICATE_SERIAL);

        assertThat(refusal.getMessage()).contains("A1");
    }

    @Test
    void serialsDifferingOnlyInCaseAreDifferentSerials() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);

        f.commission(GTIN, "LOT1", List.of("abc1", "ABC1"));

        assertThat(verify(f, GTIN, "abc1", "LOT1").get("serial").asText()).isEqualTo("abc1");
        assertThat(verify(f, GTIN, "ABC1", "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    // ------------------------------------------------------------------ malformed arguments

    @ParameterizedTest(name = "serial \"{0}\"")
    @ValueSource(strings = {"", "S 1", "S#1", "S$1", "S@1", "S~1", "Sé1", "S\u001D1", "ABCDEFGHIJ01234567890"})
    void aMalformedSerialRefusesTheWholeCall(final String bad) {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
        final List<String> serials = new ArrayList<>(List.of("GOOD1", "GOOD2"));
        serials.add(bad);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials)),
                ErrorCode.INVALID_ARGUMENT);

        assertThat(verify(f, GTIN, "GOOD1", "LOT1").get("verdict").asText()).isEqualTo("UNKNOWN_SERIAL");
    }

    @ParameterizedTest(name = "serials {0}")
    @ValueSource(strings = {"", " ", "[]", "null", "[null]", "not json", "[\"A1\"", "{\"serials\":[\"A1\"]}",
        "[[\"A1\"]]", "[{\"serial\":\"A1\"}]"})
    void malformedOrEmptySerialListsAreRefused(final String serialsJson) {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", serialsJson),
                ErrorCode.INVALID_ARGUMENT);
    }

    /**
     * Exposes a bug: the JSON reader stops after the first value, so a client that sends two lists (or a stray
     * bracket) has part of its request silently dropped instead of refused.
     */
    @ParameterizedTest(name = "serials {0}")
    @ValueSource(strings = {"[\"T1\"] [\"T2\"]", "[\"T1\"]]", "[\"T1\"] and more"})
    void aSerialListFollowedByMoreTextIsMalformed(final String serialsJson) {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 100);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", serialsJson),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void aMalformedGtinOrLotIsRefused() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        final String badCheckDigit = GTIN.substring(0, 13) + ((GTIN.charAt(13) - '0' + 1) % 10);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, badCheckDigit, "LOT1", json(List.of("X"))),
                ErrorCode.INVALID_ARGUMENT);
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT 1", json(List.of("X"))),
                ErrorCode.INVALID_ARGUMENT);
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "", json(List.of("X"))),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anUnknownBatchIsRefused() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "NOLOT", json(List.of("X"))),
                ErrorCode.BATCH_NOT_FOUND);
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, OTHER_GTIN, "LOT1", json(List.of("X"))),
                ErrorCode.BATCH_NOT_FOUND);
    }

    // ------------------------------------------------------------------ stock

    @Test
    void moreSerialsThanTheBatchHasUnitsAreRefused() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 5);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials("S", 1, 6))),
                ErrorCode.INSUFFICIENT_STOCK);
        assertThat(stock(f, GTIN, "LOT1", MANUFACTURER_GLN)).isEqualTo(5);
    }

    @Test
    void moreSerialsThanTheBatchHasLeftAfterEarlierCommissioningAreRefused() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 12);
        f.commission(GTIN, "LOT1", serials("S", 1, 10));

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials("S", 11, 13))),
                ErrorCode.INSUFFICIENT_STOCK);

        final JsonNode summary = f.commission(GTIN, "LOT1", serials("S", 11, 12));
        assertThat(summary.get("unserialisedRemaining").asLong()).isZero();
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("S0013"))),
                ErrorCode.INSUFFICIENT_STOCK);
    }

    @Test
    void unitsShippedAwayCanNoLongerBeCommissionedByTheOwner() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 5);
        final String id = shipUnits(f, "LOT1", 3);

        // Even serials for the units the owner still holds: the batch would be part serialised, part not.
        final var inTransit = f.refused(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials("S", 1, 2))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);
        assertThat(inTransit.getMessage()).contains(GTIN, "LOT1");
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("S0001"))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);

        assertThat(stock(f, GTIN, "LOT1", MANUFACTURER_GLN)).isEqualTo(2);
        assertThat(stock(f, GTIN, "LOT1", DISTRIBUTOR_GLN)).isEqualTo(3);
        assertThat(serialisedMarker(f, GTIN, "LOT1")).isEmpty();
    }

    @Test
    void aBatchWhoseUnitsCameBackByRejectionMayBeSerialisedAgain() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 5);
        final String id = shipUnits(f, "LOT1", 3);
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("S0001"))),
                ErrorCode.BATCH_SERIALISATION_CONFLICT);

        f.call(f.distributor, ctx -> f.contract.rejectShipment(ctx, id, "not ordered"));

        final JsonNode summary = f.commission(GTIN, "LOT1", serials("S", 1, 5));
        assertThat(summary.get("commissioned").asLong()).isEqualTo(5);
        assertThat(summary.get("unserialisedRemaining").asLong()).isZero();
        assertThat(verify(f, GTIN, "S0005", "LOT1").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theFirstCommissioningMarksTheBatchSerialisedAndARefusedOneDoesNot() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 5);
        f.registerBatch(GTIN, "LOT2", EXPIRY, 5);
        assertThat(serialisedMarker(f, GTIN, "LOT1")).isEmpty();

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(serials("S", 1, 6))),
                ErrorCode.INSUFFICIENT_STOCK);
        assertThat(serialisedMarker(f, GTIN, "LOT1")).isEmpty();

        f.commission(GTIN, "LOT1", List.of("S0001"));
        assertThat(serialisedMarker(f, GTIN, "LOT1")).isPresent();
        assertThat(serialisedMarker(f, GTIN, "LOT2")).as("only the commissioned batch").isEmpty();
    }

    @Test
    void aSerialisedBatchKeepsCommissioningItsRemainingUnitsAfterItsPacksHaveMoved() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "LOT1", EXPIRY, 5);
        f.commission(GTIN, "LOT1", serials("S", 1, 2));
        final String id = f.ship(f.manufacturer, DISTRIBUTOR_GLN, serials("S", 1, 2));
        f.call(f.distributor, ctx -> f.contract.receiveShipment(ctx, id));

        final JsonNode summary = f.commission(GTIN, "LOT1", serials("S", 3, 5));

        assertThat(summary.get("unserialisedRemaining").asLong()).isZero();
    }

    // ------------------------------------------------------------------ who may commission

    @Test
    void anotherManufacturerMayNotCommissionInTheOwnersBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        final var refusal = f.refused(f.manufacturer2,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))), ErrorCode.NOT_OWNER);

        assertThat(refusal.getMessage()).contains(MANUFACTURER_GLN);
    }

    @Test
    void anImporterMayNotCommissionInAManufacturersBatch() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        f.refused(f.importer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                ErrorCode.NOT_OWNER);
    }

    @Test
    void partiesThatDoNotMakeOrImportMayNotCommission() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();

        for (final TestIdentity who : List.of(f.distributor, f.pharmacy, f.regulator)) {
            f.refused(who, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }
        f.refused(f.outsider, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                ErrorCode.CALLER_NOT_REGISTERED);
    }

    @Test
    void aSuspendedOwnerMayNotCommission() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, MANUFACTURER_GLN, "SUSPENDED", "audit"));

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                ErrorCode.CALLER_NOT_ACTIVE);
    }

    @Test
    void anImporterCommissionsItsImportWhileItWaitsForClearance() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.importer, IMPORTED_GTIN);
        f.declareImport(IMPORTED_GTIN, "IMP1", 50);

        final JsonNode summary = f.call(f.importer,
                ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "IMP1", json(serials("I", 1, 20))));

        assertThat(summary.get("commissioned").asLong()).isEqualTo(20);
        assertThat(summary.get("unserialisedRemaining").asLong()).isEqualTo(30);
        assertThat(f.lastEvent().get("actor").asText()).isEqualTo(IMPORTER_GLN);
        final JsonNode pending = verify(f, IMPORTED_GTIN, "I0001", "IMP1");
        assertThat(pending.get("verdict").asText()).isEqualTo("NOT_RELEASED");
        assertThat(pending.get("packStatus").asText()).isEqualTo("ACTIVE");
        assertThat(pending.get("custodianGln").asText()).isEqualTo(IMPORTER_GLN);

        f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, "IMP1", "RELEASE", "lab tests passed"));
        assertThat(verify(f, IMPORTED_GTIN, "I0001", "IMP1").get("verdict").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aManufacturerMayNotCommissionInAnImportersBatch() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.importer, IMPORTED_GTIN);
        f.declareImport(IMPORTED_GTIN, "IMP1", 50);

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "IMP1", json(List.of("X"))),
                ErrorCode.NOT_OWNER);
    }

    // ------------------------------------------------------------------ batch and product standing

    @Test
    void aRecalledBatchMayNotBeCommissioned() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                ErrorCode.BATCH_RECALLED);
    }

    @Test
    void aRejectedImportMayNotBeCommissioned() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.importer, IMPORTED_GTIN);
        f.declareImport(IMPORTED_GTIN, "IMP1", 50);
        f.call(f.regulator, ctx -> f.contract.clearImport(ctx, IMPORTED_GTIN, "IMP1", "REJECT", "forged permit"));

        f.refused(f.importer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "IMP1", json(List.of("X1"))),
                ErrorCode.BATCH_NOT_RELEASED);
    }

    @Test
    void aQuarantinedBatchMayStillBeSerialisedButItsPacksDoNotVerifyAsSellable() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.quarantineBatch(ctx, GTIN, "LOT1", "investigation"));

        f.commission(GTIN, "LOT1", List.of("Q1"));

        assertThat(verify(f, GTIN, "Q1", "LOT1").get("verdict").asText()).isEqualTo("NOT_RELEASED");
    }

    @Test
    void anExpiredBatchMayNotBeCommissionedButItsLastDayStillCounts() {
        final LedgerFixture f = LedgerFixture.licensed();
        f.registerProduct(f.manufacturer, GTIN);
        f.registerBatch(GTIN, "SHORT", "260131", 10);

        f.ledger.setTime(Instant.parse("2026-01-31T23:59:59Z"));
        f.commission(GTIN, "SHORT", List.of("LASTDAY"));

        f.ledger.setTime(Instant.parse("2026-02-01T00:00:00Z"));
        final var refusal = f.refused(f.manufacturer,
                ctx -> f.contract.commissionPacks(ctx, GTIN, "SHORT", json(List.of("TOOLATE"))),
                ErrorCode.BATCH_EXPIRED);
        assertThat(refusal.getMessage()).contains("2026-01-31");
    }

    @Test
    void aWithdrawnProductsBatchMayNotBeCommissioned() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));

        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", json(List.of("X1"))),
                ErrorCode.PRODUCT_WITHDRAWN);
    }

    // ------------------------------------------------------------------ helpers

    /** The manufacturer ships units of a batch of {@link LedgerFixture#GTIN} to the distributor, without serials. */
    private static String shipUnits(final LedgerFixture f, final String lot, final long quantity) {
        return f.call(f.manufacturer, ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN,
                json(Map.of("quantities", List.of(Map.of("gtin", GTIN, "lot", lot, "quantity", quantity))))))
                .get("shipmentId").asText();
    }

    /** The marker CommissionPacks writes when a batch's first serial is commissioned. */
    private static java.util.Optional<String> serialisedMarker(final LedgerFixture f, final String gtin,
            final String lot) {
        return f.ledger.stateAsString(new CompositeKey(Keys.SERIALISED_BATCH, gtin, lot).toString());
    }

    private static JsonNode verify(final LedgerFixture f, final String gtin, final String serial, final String lot) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, gtin, serial, lot, ""));
    }

    /** Units of a batch a party holds without serials, read from the world state. */
    private static long stock(final LedgerFixture f, final String gtin, final String lot, final String holderGln) {
        return f.ledger.stateAsString(new CompositeKey(Keys.STOCK, gtin, lot, holderGln).toString())
                .map(LedgerFixture::parse).map(node -> node.get("quantity").asLong()).orElse(0L);
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
