package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY_ISO;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_MSP;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.gln;
import static org.dawaledger.chaincode.LedgerFixture.gtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.RecordedEvent;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RegisterBatch, DeclareImport, ClearImport, QuarantineBatch, ReleaseBatch, RecallBatch, GetBatch and the batch
 * listings. The ledger clock reads 2026-01-15.
 */
class BatchRulesTest {
    private static final TestIdentity IMPORTER2 = TestIdentity.of(IMPORTER_MSP, "User2");
    private static final String IMPORTER2_GLN = gln("950000000009");
    private static final String IMPORTER2_GTIN = gtin("0401234588888");
    private static final String UNKNOWN_GTIN = gtin("0950600077777");
    private static final int MAX_TEXT = org.dawaledger.chaincode.ledger.Arguments.MAX_TEXT;
    private static final int MAX_REFERENCE = org.dawaledger.chaincode.ledger.Arguments.MAX_REFERENCE;

    private final LedgerFixture f = LedgerFixture.licensed();

    @BeforeEach
    void products() {
        f.registerProduct(f.manufacturer, GTIN);
        f.registerProduct(f.importer, IMPORTED_GTIN);
    }

    // ------------------------------------------------------------------ helpers

    private void setStatus(final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    private void licenseSecondImporter() {
        f.register(IMPORTER2, IMPORTER2_GLN, "IMPORTER");
        f.registerProduct(IMPORTER2, IMPORTER2_GTIN);
    }

    private static String withWrongCheckDigit(final String code) {
        final int last = code.length() - 1;
        return code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + 1) % 10);
    }

    private JsonNode event(final String type, final String actor) {
        final RecordedEvent recorded = f.ledger.lastEvent().orElseThrow();
        assertThat(recorded.name()).isEqualTo(type);
        assertThat(recorded.txId()).isEqualTo(f.ledger.lastTxId());
        final JsonNode payload = f.lastEvent();
        assertThat(payload.get("type").asText()).isEqualTo(type);
        assertThat(payload.get("txId").asText()).isEqualTo(f.ledger.lastTxId());
        assertThat(payload.get("timestamp").asText()).isEqualTo(f.ledger.now().toString());
        assertThat(payload.get("actor").asText()).isEqualTo(actor);
        return payload;
    }

    private void refusedRead(final TestIdentity who, final Function<Context, String> query,
            final ErrorCode expected) {
        f.refusedQuery(who, query, expected);
    }

    private JsonNode batch(final String gtin, final String lot) {
        return f.query(f.pharmacy, ctx -> f.contract.getBatch(ctx, gtin, lot));
    }

    private String status(final String gtin, final String lot) {
        return batch(gtin, lot).get("status").asText();
    }

    /** The units the party holds at batch level, as stored. */
    private long stock(final String gtin, final String lot, final String holderGln) {
        return f.ledger.stateAsString(new CompositeKey("stock", gtin, lot, holderGln).toString())
                .map(LedgerFixture::parse).map(node -> node.get("quantity").asLong()).orElse(0L);
    }

    /** The pending-import index entries in the world state. */
    private List<String> pendingIndex() {
        final String prefix = new CompositeKey("import~pending").toString();
        return f.ledger.snapshotAsStrings().keySet().stream().filter(key -> key.startsWith(prefix)).toList();
    }

    private static List<String> lots(final JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false).map(r -> r.get("lot").asText())
                .toList();
    }

    private static List<String> keys(final JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false)
                .map(r -> r.get("gtin").asText() + "/" + r.get("lot").asText()).toList();
    }

    /** Reads every page of a listing, checking each page's size and bookmark, and returns the pages. */
    private List<JsonNode> allPages(final TestIdentity who, final int pageSize,
            final PagedQuery query) {
        final List<JsonNode> pages = new ArrayList<>();
        String bookmark = "";
        do {
            final String current = bookmark;
            final JsonNode page = f.query(who, ctx -> query.page(ctx, Integer.toString(pageSize), current));
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(page.get("records").size())
                    .isLessThanOrEqualTo(pageSize);
            pages.add(page);
            bookmark = page.get("bookmark").asText();
            assertThat(pages).as("listing should end").hasSizeLessThan(50);
        } while (!bookmark.isEmpty());
        return pages;
    }

    private interface PagedQuery {
        String page(Context ctx, String pageSize, String bookmark);
    }

    private Function<Context, String> registerBatch(final String gtin, final String lot, final String expiry,
            final String quantity) {
        return ctx -> f.contract.registerBatch(ctx, gtin, lot, expiry, quantity);
    }

    private Function<Context, String> declare(final String gtin, final String lot, final String expiry,
            final String quantity, final String permit, final String port, final String foreign) {
        return ctx -> f.contract.declareImport(ctx, gtin, lot, expiry, quantity, permit, port, foreign);
    }

    private Function<Context, String> clear(final String gtin, final String lot, final String decision,
            final String reason) {
        return ctx -> f.contract.clearImport(ctx, gtin, lot, decision, reason);
    }

    private Function<Context, String> quarantine(final String gtin, final String lot, final String reason) {
        return ctx -> f.contract.quarantineBatch(ctx, gtin, lot, reason);
    }

    private Function<Context, String> release(final String gtin, final String lot, final String reason) {
        return ctx -> f.contract.releaseBatch(ctx, gtin, lot, reason);
    }

    private Function<Context, String> recall(final String gtin, final String lot, final String reason) {
        return ctx -> f.contract.recallBatch(ctx, gtin, lot, reason);
    }

    /** Brings batch GTIN/LOT1 (domestic) or IMPORTED_GTIN/LOT1 (imported) to a status. */
    private String batchIn(final String status) {
        switch (status) {
            case "RELEASED" -> f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            case "QUARANTINED" -> {
                f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
                f.call(f.regulator, quarantine(GTIN, "LOT1", "sampling"));
            }
            case "RECALLED" -> {
                f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
                f.call(f.regulator, recall(GTIN, "LOT1", "contamination"));
            }
            case "PENDING_CLEARANCE" -> {
                f.declareImport(IMPORTED_GTIN, "LOT1", 100);
                return IMPORTED_GTIN;
            }
            case "REJECTED" -> {
                f.declareImport(IMPORTED_GTIN, "LOT1", 100);
                f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "REJECT", "forged permit"));
                return IMPORTED_GTIN;
            }
            default -> throw new IllegalArgumentException(status);
        }
        return GTIN;
    }

    // ------------------------------------------------------------------ RegisterBatch

    @Nested
    class RegisterBatch {
        @Test
        void aManufacturerRegistersAReleasedBatchAndHoldsAllItsUnits() {
            final JsonNode batch = f.call(f.manufacturer, registerBatch(GTIN, "LOT1", EXPIRY, "250"));

            assertThat(batch.get("gtin").asText()).isEqualTo(GTIN);
            assertThat(batch.get("lot").asText()).isEqualTo("LOT1");
            assertThat(batch.get("expiry").asText()).isEqualTo(EXPIRY);
            assertThat(batch.get("expiryDate").asText()).isEqualTo(EXPIRY_ISO);
            assertThat(batch.get("quantity").asLong()).isEqualTo(250);
            assertThat(batch.get("ownerGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(batch.get("origin").asText()).isEqualTo("DOMESTIC");
            assertThat(batch.get("status").asText()).isEqualTo("RELEASED");
            assertThat(batch.has("importDetails")).isFalse();
            assertThat(batch.has("statusReason")).isFalse();
            assertThat(batch.get("registeredAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(batch.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());

            assertThat(event("BatchRegistered", MANUFACTURER_GLN).at("/data/batch")).isEqualTo(batch);
            assertThat(batch(GTIN, "LOT1")).isEqualTo(batch);
            assertThat(stock(GTIN, "LOT1", MANUFACTURER_GLN)).isEqualTo(250);
            assertThat(lots(f.query(f.distributor, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", ""))))
                    .containsExactly("LOT1");
            assertThat(pendingIndex()).isEmpty();
        }

        @ParameterizedTest(name = "expiry {0} is stored as {1}")
        @CsvSource({
            "280200, 2028-02-29",
            "270200, 2027-02-28",
            "261200, 2026-12-31",
            "260400, 2026-04-30",
            "260100, 2026-01-31"})
        void expiryDay00MeansTheLastDayOfTheMonth(final String expiry, final String lastDay) {
            final JsonNode batch = f.call(f.manufacturer, registerBatch(GTIN, "LOT1", expiry, "10"));
            assertThat(batch.get("expiry").asText()).isEqualTo(expiry);
            assertThat(batch.get("expiryDate").asText()).isEqualTo(lastDay);
            assertThat(batch(GTIN, "LOT1").get("expiryDate").asText()).isEqualTo(lastDay);
        }

        @Test
        void anIsoExpiryIsAcceptedAndStoredInBothForms() {
            final JsonNode batch = f.call(f.manufacturer, registerBatch(GTIN, "LOT1", "2028-06-30", "10"));
            assertThat(batch.get("expiry").asText()).isEqualTo("280630");
            assertThat(batch.get("expiryDate").asText()).isEqualTo("2028-06-30");
        }

        @Test
        void aBatchExpiringTodayMayStillBeRegistered() {
            assertThat(f.today()).hasToString("2026-01-15");
            final JsonNode batch = f.call(f.manufacturer, registerBatch(GTIN, "LOT1", "260115", "10"));
            assertThat(batch.get("expiryDate").asText()).isEqualTo("2026-01-15");
        }

        @ParameterizedTest
        @ValueSource(strings = {"260114", "251231", "251200", "2026-01-14", "991231"})
        void anExpiryInThePastIsRefused(final String expiry) {
            f.refused(f.manufacturer, registerBatch(GTIN, "LOT1", expiry, "10"), ErrorCode.EXPIRY_IN_PAST);
        }

        @Test
        void theClockDecidesWhatIsPast() {
            f.ledger.advance(Duration.ofDays(365));
            f.refused(f.manufacturer, registerBatch(GTIN, "LOT1", "261231", "10"), ErrorCode.EXPIRY_IN_PAST);
            f.call(f.manufacturer, registerBatch(GTIN, "LOT1", "270115", "10"));
        }

        static Stream<Arguments> badBatches() {
            return Stream.of(
                    Arguments.of(withWrongCheckDigit(GTIN), "LOT1", EXPIRY, "10", "gtin"),
                    Arguments.of(GTIN.substring(3), "LOT1", EXPIRY, "10", "gtin"),
                    Arguments.of("", "LOT1", EXPIRY, "10", "gtin"),
                    Arguments.of(GTIN.substring(0, 13) + "?", "LOT1", EXPIRY, "10", "gtin"),
                    Arguments.of(GTIN, "", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "LOT 1", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, " LOT1", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "LOT1\n", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "LOT\u001d1", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "LOTé", EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "L".repeat(21), EXPIRY, "10", "lot"),
                    Arguments.of(GTIN, "LOT1", "250230", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "251300", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "280000", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "280631", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "270229", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "2806", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "2806000", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "28O600", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", " 80600", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "2028-06-00", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", "2028/06/30", "10", "expiry"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "0", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "-5", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "ten", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "1.5", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "1e3", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, " 10", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "100000001", "quantity"),
                    Arguments.of(GTIN, "LOT1", EXPIRY, "99999999999999999999", "quantity"));
        }

        @ParameterizedTest(name = "[{index}] bad {4}")
        @MethodSource("badBatches")
        void registrationRefusesEachMalformedArgument(final String gtin, final String lot, final String expiry,
                final String quantity, final String argument) {
            final ChaincodeException refusal = f.refused(f.manufacturer, registerBatch(gtin, lot, expiry, quantity),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void theLargestAllowedQuantityAndLongestLotAreAccepted() {
            final String lot = "ABCDEFGHIJ-0123456/9";
            final JsonNode batch = f.call(f.manufacturer, registerBatch(GTIN, lot, EXPIRY, "100000000"));
            assertThat(batch.get("quantity").asLong()).isEqualTo(100_000_000L);
            assertThat(batch(GTIN, lot).get("lot").asText()).isEqualTo(lot);
        }

        @Test
        void anUnknownProductIsNotFound() {
            f.refused(f.manufacturer, registerBatch(UNKNOWN_GTIN, "LOT1", EXPIRY, "10"),
                    ErrorCode.PRODUCT_NOT_FOUND);
        }

        @Test
        void anotherManufacturerCannotRegisterBatchesOfTheProduct() {
            f.refused(f.manufacturer2, registerBatch(GTIN, "LOT1", EXPIRY, "10"), ErrorCode.NOT_OWNER);
        }

        @Test
        void aManufacturerCannotRegisterABatchOfAnImportersProduct() {
            f.refused(f.manufacturer, registerBatch(IMPORTED_GTIN, "LOT1", EXPIRY, "10"), ErrorCode.NOT_OWNER);
        }

        @Test
        void aLotIsRegisteredOnlyOncePerProduct() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.manufacturer, registerBatch(GTIN, "LOT1", "290100", "5"), ErrorCode.BATCH_ALREADY_EXISTS);
            assertThat(batch(GTIN, "LOT1").get("quantity").asLong()).isEqualTo(100);
            assertThat(stock(GTIN, "LOT1", MANUFACTURER_GLN)).isEqualTo(100);
        }

        @Test
        void aRecalledLotCannotBeRegisteredAgain() {
            batchIn("RECALLED");
            f.refused(f.manufacturer, registerBatch(GTIN, "LOT1", EXPIRY, "10"), ErrorCode.BATCH_ALREADY_EXISTS);
            assertThat(status(GTIN, "LOT1")).isEqualTo("RECALLED");
        }

        @Test
        void theSameLotNumberMayExistForDifferentProducts() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.declareImport(IMPORTED_GTIN, "LOT1", 40);
            assertThat(batch(GTIN, "LOT1").get("quantity").asLong()).isEqualTo(100);
            assertThat(batch(IMPORTED_GTIN, "LOT1").get("quantity").asLong()).isEqualTo(40);
        }

        @Test
        void anUnregisteredIdentityCannotRegisterABatch() {
            f.refused(f.outsider, registerBatch(GTIN, "LOT1", EXPIRY, "10"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void onlyAManufacturerRegistersDomesticBatches(final String role) {
            f.refused(f.party(role), registerBatch(GTIN, "LOT1", EXPIRY, "10"), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aManufacturerThatIsNotActiveCannotRegisterABatch(final String status) {
            setStatus(MANUFACTURER_GLN, status);
            f.refused(f.manufacturer, registerBatch(GTIN, "LOT1", EXPIRY, "10"), ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ DeclareImport

    @Nested
    class DeclareImport {
        @Test
        void anImporterDeclaresABatchThatWaitsForClearance() {
            final JsonNode batch = f.call(f.importer, declare(IMPORTED_GTIN, "IMP-7", EXPIRY, "500", "PERMIT-2026-11",
                    "Karachi Port", "Foreign Pharma GmbH"));

            assertThat(batch.get("gtin").asText()).isEqualTo(IMPORTED_GTIN);
            assertThat(batch.get("lot").asText()).isEqualTo("IMP-7");
            assertThat(batch.get("expiryDate").asText()).isEqualTo(EXPIRY_ISO);
            assertThat(batch.get("quantity").asLong()).isEqualTo(500);
            assertThat(batch.get("ownerGln").asText()).isEqualTo(IMPORTER_GLN);
            assertThat(batch.get("origin").asText()).isEqualTo("IMPORTED");
            assertThat(batch.get("status").asText()).isEqualTo("PENDING_CLEARANCE");
            assertThat(batch.at("/importDetails/permitNumber").asText()).isEqualTo("PERMIT-2026-11");
            assertThat(batch.at("/importDetails/portOfEntry").asText()).isEqualTo("Karachi Port");
            assertThat(batch.at("/importDetails/foreignManufacturer").asText()).isEqualTo("Foreign Pharma GmbH");
            assertThat(batch.get("registeredAt").asText()).isEqualTo(f.ledger.now().toString());

            assertThat(event("ImportDeclared", IMPORTER_GLN).at("/data/batch")).isEqualTo(batch);
            assertThat(batch(IMPORTED_GTIN, "IMP-7")).isEqualTo(batch);
            assertThat(stock(IMPORTED_GTIN, "IMP-7", IMPORTER_GLN)).isEqualTo(500);
            assertThat(keys(f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", ""))))
                    .containsExactly(IMPORTED_GTIN + "/IMP-7");
            assertThat(keys(f.query(f.importer, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""))))
                    .containsExactly(IMPORTED_GTIN + "/IMP-7");
        }

        @Test
        void anImporterCannotDeclareAnImportOfAManufacturersProduct() {
            f.refused(f.importer, declare(GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "Foreign"), ErrorCode.NOT_OWNER);
        }

        @Test
        void anImporterCannotDeclareAnImportOfAnotherImportersProduct() {
            licenseSecondImporter();
            f.refused(IMPORTER2, declare(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "Foreign"),
                    ErrorCode.NOT_OWNER);
        }

        @Test
        void anUnknownProductIsNotFound() {
            f.refused(f.importer, declare(UNKNOWN_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "Foreign"),
                    ErrorCode.PRODUCT_NOT_FOUND);
        }

        @Test
        void aDeclaredLotCannotBeDeclaredAgain() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.refused(f.importer, declare(IMPORTED_GTIN, "LOT1", EXPIRY, "20", "P-2", "Port", "Foreign"),
                    ErrorCode.BATCH_ALREADY_EXISTS);
            assertThat(pendingIndex()).hasSize(1);
        }

        @Test
        void aRejectedLotCannotBeDeclaredAgainUnderTheSameNumber() {
            batchIn("REJECTED");
            f.refused(f.importer, declare(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-2", "Port", "Foreign"),
                    ErrorCode.BATCH_ALREADY_EXISTS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"260114", "251200"})
        void anImportThatExpiredAlreadyIsRefused(final String expiry) {
            f.refused(f.importer, declare(IMPORTED_GTIN, "LOT1", expiry, "10", "P-1", "Port", "Foreign"),
                    ErrorCode.EXPIRY_IN_PAST);
        }

        @Test
        void anImportWithExpiryDay00IsStoredWithTheLastDayOfTheMonth() {
            final JsonNode batch = f.call(f.importer, declare(IMPORTED_GTIN, "LOT1", "280200", "10", "P-1", "Port",
                    "Foreign"));
            assertThat(batch.get("expiryDate").asText()).isEqualTo("2028-02-29");
        }

        static Stream<Arguments> badImports() {
            return Stream.of(
                    Arguments.of(withWrongCheckDigit(IMPORTED_GTIN), "LOT1", EXPIRY, "10", "P-1", "Port", "F", "gtin"),
                    Arguments.of(IMPORTED_GTIN, "LOT 1", EXPIRY, "10", "P-1", "Port", "F", "lot"),
                    Arguments.of(IMPORTED_GTIN, "", EXPIRY, "10", "P-1", "Port", "F", "lot"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", "251300", "10", "P-1", "Port", "F", "expiry"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", "250230", "10", "P-1", "Port", "F", "expiry"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "0", "P-1", "Port", "F", "quantity"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "-1", "P-1", "Port", "F", "quantity"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "many", "P-1", "Port", "F", "quantity"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "100000001", "P-1", "Port", "F", "quantity"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "", "Port", "F", "permitNumber"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "  ", "Port", "F", "permitNumber"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P".repeat(MAX_REFERENCE + 1), "Port", "F",
                            "permitNumber"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1 ", "Port", "F", "permitNumber"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-\u00001", "Port", "F", "permitNumber"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "", "F", "portOfEntry"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "p".repeat(MAX_TEXT + 1), "F",
                            "portOfEntry"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "\tPort", "F", "portOfEntry"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "", "foreignManufacturer"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "F".repeat(MAX_TEXT + 1),
                            "foreignManufacturer"),
                    Arguments.of(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "Foreign\nGmbH",
                            "foreignManufacturer"));
        }

        @ParameterizedTest(name = "[{index}] bad {7}")
        @MethodSource("badImports")
        void aDeclarationRefusesEachMalformedArgument(final String gtin, final String lot, final String expiry,
                final String quantity, final String permit, final String port, final String foreign,
                final String argument) {
            final ChaincodeException refusal = f.refused(f.importer,
                    declare(gtin, lot, expiry, quantity, permit, port, foreign), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void anUnregisteredIdentityCannotDeclareAnImport() {
            f.refused(f.outsider, declare(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "F"),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void onlyAnImporterDeclaresImports(final String role) {
            f.refused(f.party(role), declare(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "F"),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void anImporterThatIsNotActiveCannotDeclareAnImport(final String status) {
            setStatus(IMPORTER_GLN, status);
            f.refused(f.importer, declare(IMPORTED_GTIN, "LOT1", EXPIRY, "10", "P-1", "Port", "F"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ ClearImport

    @Nested
    class ClearImport {
        @BeforeEach
        void pendingImport() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 100);
        }

        @Test
        void theRegulatorReleasesAPendingImportWhichLeavesThePendingList() {
            f.ledger.advance(Duration.ofDays(2));
            final JsonNode cleared = f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"));

            assertThat(cleared.get("status").asText()).isEqualTo("RELEASED");
            assertThat(cleared.get("statusReason").asText()).isEqualTo("lab tests passed");
            assertThat(cleared.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(cleared.get("registeredAt").asText()).isNotEqualTo(f.ledger.now().toString());
            assertThat(cleared.get("origin").asText()).isEqualTo("IMPORTED");
            final JsonNode event = event("ImportCleared", REGULATOR_GLN);
            assertThat(event.at("/data/decision").asText()).isEqualTo("RELEASE");
            assertThat(event.at("/data/batch")).isEqualTo(cleared);

            assertThat(batch(IMPORTED_GTIN, "LOT1")).isEqualTo(cleared);
            assertThat(f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", "")).get("records"))
                    .isEmpty();
            assertThat(pendingIndex()).isEmpty();
            final JsonNode mine = f.query(f.importer, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN,
                    "", ""));
            assertThat(mine.get("records")).containsExactly(cleared);
            // released, its packs may now be commissioned
            f.call(f.importer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "LOT1", "[\"S1\"]"));
        }

        @Test
        void aReleaseRecordsItsReason() {
            final JsonNode cleared = f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "samples conform"));
            assertThat(cleared.get("statusReason").asText()).isEqualTo("samples conform");
            assertThat(event("ImportCleared", REGULATOR_GLN).at("/data/batch/statusReason").asText())
                    .isEqualTo("samples conform");
        }

        @Test
        void theRegulatorRejectsAPendingImportWithAReason() {
            final JsonNode rejected = f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "REJECT", "forged permit"));

            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
            assertThat(rejected.get("statusReason").asText()).isEqualTo("forged permit");
            final JsonNode event = event("ImportCleared", REGULATOR_GLN);
            assertThat(event.at("/data/decision").asText()).isEqualTo("REJECT");
            assertThat(event.at("/data/batch")).isEqualTo(rejected);
            assertThat(batch(IMPORTED_GTIN, "LOT1")).isEqualTo(rejected);
            assertThat(pendingIndex()).isEmpty();
            assertThat(f.query(f.regulator, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""))
                    .at("/records/0/status").asText()).isEqualTo("REJECTED");
            f.refused(f.importer, ctx -> f.contract.commissionPacks(ctx, IMPORTED_GTIN, "LOT1", "[\"S1\"]"),
                    ErrorCode.BATCH_NOT_RELEASED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t"})
        void aRejectionNeedsAReason(final String reason) {
            final ChaincodeException refusal = f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT1", "REJECT", reason),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains("reason");
            assertThat(status(IMPORTED_GTIN, "LOT1")).isEqualTo("PENDING_CLEARANCE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t"})
        void aReleaseNeedsAReasonToo(final String reason) {
            final ChaincodeException refusal = f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", reason),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains("reason");
            assertThat(status(IMPORTED_GTIN, "LOT1")).isEqualTo("PENDING_CLEARANCE");
            assertThat(pendingIndex()).hasSize(1);
        }

        static Stream<Arguments> badClearances() {
            return Stream.of(
                    Arguments.of("release", "", "decision"),
                    Arguments.of("Reject", "bad", "decision"),
                    Arguments.of("APPROVE", "", "decision"),
                    Arguments.of("", "", "decision"),
                    Arguments.of(" RELEASE", "", "decision"),
                    Arguments.of("RELEASE", "   ", "reason"),
                    Arguments.of("RELEASE", " ok", "reason"),
                    Arguments.of("RELEASE", "o\u0000k", "reason"),
                    Arguments.of("RELEASE", "r".repeat(MAX_TEXT + 1), "reason"),
                    Arguments.of("REJECT", "r".repeat(MAX_TEXT + 1), "reason"),
                    Arguments.of("REJECT", "forged\npermit", "reason"));
        }

        @ParameterizedTest(name = "[{index}] {0} / bad {2}")
        @MethodSource("badClearances")
        void aClearanceRefusesEachMalformedArgument(final String decision, final String reason,
                final String argument) {
            final ChaincodeException refusal = f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT1", decision, reason),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @ParameterizedTest
        @CsvSource({"RELEASE, RELEASE", "RELEASE, REJECT", "REJECT, RELEASE", "REJECT, REJECT"})
        void anImportIsClearedOnlyOnce(final String first, final String second) {
            f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", first, "decided"));
            f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT1", second, "changed my mind"),
                    ErrorCode.IMPORT_NOT_PENDING);
        }

        @Test
        void aDomesticBatchIsNeverPendingClearance() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            f.refused(f.regulator, clear(GTIN, "LOT1", "REJECT", "not imported"), ErrorCode.IMPORT_NOT_PENDING);
            assertThat(status(GTIN, "LOT1")).isEqualTo("RELEASED");
        }

        @Test
        void aRecalledImportCanNoLongerBeCleared() {
            f.call(f.importer, recall(IMPORTED_GTIN, "LOT1", "supplier warning"));
            f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.IMPORT_NOT_PENDING);
        }

        @Test
        void anUnknownBatchIsNotFound() {
            f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT2", "RELEASE", "lab tests passed"),
                    ErrorCode.BATCH_NOT_FOUND);
            f.refused(f.regulator, clear(UNKNOWN_GTIN, "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.BATCH_NOT_FOUND);
        }

        @Test
        void aMalformedBatchReferenceIsRefused() {
            f.refused(f.regulator, clear(withWrongCheckDigit(IMPORTED_GTIN), "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.INVALID_ARGUMENT);
            f.refused(f.regulator, clear(IMPORTED_GTIN, "LOT#1", "RELEASE", "lab tests passed"),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void anUnregisteredIdentityCannotClearAnImport() {
            f.refused(f.outsider, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMPORTER", "MANUFACTURER", "DISTRIBUTOR", "PHARMACY"})
        void onlyTheRegulatorClearsImportsNotEvenTheImporter(final String role) {
            f.refused(f.party(role), clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotClearAnImport(final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ QuarantineBatch and ReleaseBatch

    @Nested
    class QuarantineBatch {
        @Test
        void theRegulatorQuarantinesAReleasedBatch() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.ledger.advance(Duration.ofHours(5));
            final JsonNode held = f.call(f.regulator, quarantine(GTIN, "LOT1", "complaint cluster"));

            assertThat(held.get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(held.get("statusReason").asText()).isEqualTo("complaint cluster");
            assertThat(held.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(held.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());
            assertThat(held.get("quantity").asLong()).isEqualTo(100);
            assertThat(event("BatchQuarantined", REGULATOR_GLN).at("/data/batch")).isEqualTo(held);
            assertThat(batch(GTIN, "LOT1")).isEqualTo(held);
        }

        @Test
        void aClearedImportCanBeQuarantinedToo() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"));
            f.call(f.regulator, quarantine(IMPORTED_GTIN, "LOT1", "sampling"));
            assertThat(status(IMPORTED_GTIN, "LOT1")).isEqualTo("QUARANTINED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"QUARANTINED", "PENDING_CLEARANCE", "REJECTED", "RECALLED"})
        void onlyAReleasedBatchCanBeQuarantined(final String from) {
            final String gtin = batchIn(from);
            f.refused(f.regulator, quarantine(gtin, "LOT1", "again"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(status(gtin, "LOT1")).isEqualTo(from);
        }

        @Test
        void anUnknownBatchIsNotFound() {
            f.refused(f.regulator, quarantine(GTIN, "NOPE", "why"), ErrorCode.BATCH_NOT_FOUND);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.BatchRulesTest#badReasons")
        void aQuarantineNeedsAProperReason(final String reason) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            assertThat(f.refused(f.regulator, quarantine(GTIN, "LOT1", reason), ErrorCode.INVALID_ARGUMENT)
                    .getMessage()).contains("reason");
        }

        @Test
        void anUnregisteredIdentityCannotQuarantine() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.outsider, quarantine(GTIN, "LOT1", "why"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyTheRegulatorQuarantinesNotEvenTheOwner(final String role) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.party(role), quarantine(GTIN, "LOT1", "why"), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotQuarantine(final String status) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, quarantine(GTIN, "LOT1", "why"), ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    static Stream<String> badReasons() {
        return Stream.of("", "   ", "r".repeat(MAX_TEXT + 1), " leading", "trailing ", "line\nbreak", "bell\u0007");
    }

    @Nested
    class ReleaseBatch {
        @Test
        void theRegulatorLiftsAQuarantine() {
            batchIn("QUARANTINED");
            f.ledger.advance(Duration.ofDays(1));
            final JsonNode released = f.call(f.regulator, release(GTIN, "LOT1", "samples passed"));

            assertThat(released.get("status").asText()).isEqualTo("RELEASED");
            assertThat(released.get("statusReason").asText()).isEqualTo("samples passed");
            assertThat(released.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(event("BatchReleased", REGULATOR_GLN).at("/data/batch")).isEqualTo(released);
            assertThat(batch(GTIN, "LOT1")).isEqualTo(released);
            f.call(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", "[\"S1\"]"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RELEASED", "PENDING_CLEARANCE", "REJECTED", "RECALLED"})
        void onlyAQuarantinedBatchCanBeReleased(final String from) {
            final String gtin = batchIn(from);
            f.refused(f.regulator, release(gtin, "LOT1", "go"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(status(gtin, "LOT1")).isEqualTo(from);
        }

        @Test
        void releaseBatchDoesNotBypassImportClearance() {
            batchIn("PENDING_CLEARANCE");
            f.refused(f.regulator, release(IMPORTED_GTIN, "LOT1", "go"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(pendingIndex()).hasSize(1);
        }

        @Test
        void anUnknownBatchIsNotFound() {
            f.refused(f.regulator, release(GTIN, "NOPE", "why"), ErrorCode.BATCH_NOT_FOUND);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.BatchRulesTest#badReasons")
        void aReleaseNeedsAProperReason(final String reason) {
            batchIn("QUARANTINED");
            assertThat(f.refused(f.regulator, release(GTIN, "LOT1", reason), ErrorCode.INVALID_ARGUMENT)
                    .getMessage()).contains("reason");
        }

        @Test
        void anUnregisteredIdentityCannotRelease() {
            batchIn("QUARANTINED");
            f.refused(f.outsider, release(GTIN, "LOT1", "go"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyTheRegulatorReleasesNotEvenTheOwner(final String role) {
            batchIn("QUARANTINED");
            f.refused(f.party(role), release(GTIN, "LOT1", "go"), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotRelease(final String status) {
            batchIn("QUARANTINED");
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, release(GTIN, "LOT1", "go"), ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ RecallBatch

    @Nested
    class RecallBatch {
        @Test
        void theRegulatorRecallsAReleasedBatch() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            final JsonNode recalled = f.call(f.regulator, recall(GTIN, "LOT1", "contamination"));

            assertThat(recalled.get("status").asText()).isEqualTo("RECALLED");
            assertThat(recalled.get("statusReason").asText()).isEqualTo("contamination");
            assertThat(recalled.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());
            final JsonNode event = event("BatchRecalled", REGULATOR_GLN);
            assertThat(event.at("/data/from").asText()).isEqualTo("RELEASED");
            assertThat(event.at("/data/batch")).isEqualTo(recalled);
            assertThat(batch(GTIN, "LOT1")).isEqualTo(recalled);
            f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", "[\"S1\"]"),
                    ErrorCode.BATCH_RECALLED);
        }

        @Test
        void theOwningManufacturerRecallsItsOwnBatch() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            final JsonNode recalled = f.call(f.manufacturer, recall(GTIN, "LOT1", "label misprint"));
            assertThat(recalled.get("status").asText()).isEqualTo("RECALLED");
            assertThat(event("BatchRecalled", MANUFACTURER_GLN).at("/data/batch")).isEqualTo(recalled);
        }

        @Test
        void anImporterRecallsItsPendingImportWhichLeavesThePendingList() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.declareImport(IMPORTED_GTIN, "LOT2", 10);
            final JsonNode recalled = f.call(f.importer, recall(IMPORTED_GTIN, "LOT1", "supplier warning"));

            assertThat(recalled.get("status").asText()).isEqualTo("RECALLED");
            assertThat(event("BatchRecalled", IMPORTER_GLN).at("/data/from").asText())
                    .isEqualTo("PENDING_CLEARANCE");
            assertThat(keys(f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", ""))))
                    .containsExactly(IMPORTED_GTIN + "/LOT2");
            assertThat(pendingIndex()).hasSize(1);
            assertThat(f.query(f.importer, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""))
                    .get("records")).extracting(r -> r.get("status").asText())
                    .containsExactly("RECALLED", "PENDING_CLEARANCE");
        }

        @Test
        void aQuarantinedBatchCanBeRecalled() {
            batchIn("QUARANTINED");
            f.call(f.regulator, recall(GTIN, "LOT1", "confirmed contamination"));
            assertThat(event("BatchRecalled", REGULATOR_GLN).at("/data/from").asText()).isEqualTo("QUARANTINED");
            assertThat(status(GTIN, "LOT1")).isEqualTo("RECALLED");
        }

        @Test
        void aClearedImportCanBeRecalledByItsImporter() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.call(f.regulator, clear(IMPORTED_GTIN, "LOT1", "RELEASE", "lab tests passed"));
            f.call(f.importer, recall(IMPORTED_GTIN, "LOT1", "foreign recall"));
            assertThat(status(IMPORTED_GTIN, "LOT1")).isEqualTo("RECALLED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "REGULATOR"})
        void aRecallIsIrreversible(final String who) {
            batchIn("RECALLED");
            f.refused(f.party(who), recall(GTIN, "LOT1", "again"), ErrorCode.BATCH_RECALLED);
            f.refused(f.regulator, release(GTIN, "LOT1", "undo recall"), ErrorCode.INVALID_STATUS_TRANSITION);
            f.refused(f.regulator, quarantine(GTIN, "LOT1", "hold"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(status(GTIN, "LOT1")).isEqualTo("RECALLED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMPORTER", "REGULATOR"})
        void aRejectedImportCannotBeRecalled(final String who) {
            batchIn("REJECTED");
            f.refused(f.party(who), recall(IMPORTED_GTIN, "LOT1", "tidy up"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(status(IMPORTED_GTIN, "LOT1")).isEqualTo("REJECTED");
        }

        @Test
        void anotherManufacturerCannotRecallTheBatch() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.manufacturer2, recall(GTIN, "LOT1", "sabotage"), ErrorCode.NOT_OWNER);
        }

        @Test
        void anImporterCannotRecallAManufacturersBatch() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.importer, recall(GTIN, "LOT1", "sabotage"), ErrorCode.NOT_OWNER);
        }

        @Test
        void aManufacturerCannotRecallAnImportersBatch() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.refused(f.manufacturer, recall(IMPORTED_GTIN, "LOT1", "sabotage"), ErrorCode.NOT_OWNER);
        }

        @Test
        void anImporterCannotRecallAnotherImportersBatch() {
            licenseSecondImporter();
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            f.refused(IMPORTER2, recall(IMPORTED_GTIN, "LOT1", "sabotage"), ErrorCode.NOT_OWNER);
        }

        @Test
        void anUnknownBatchIsNotFound() {
            f.refused(f.regulator, recall(GTIN, "NOPE", "why"), ErrorCode.BATCH_NOT_FOUND);
            f.refused(f.manufacturer, recall(GTIN, "NOPE", "why"), ErrorCode.BATCH_NOT_FOUND);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.BatchRulesTest#badReasons")
        void aRecallNeedsAProperReason(final String reason) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            assertThat(f.refused(f.manufacturer, recall(GTIN, "LOT1", reason), ErrorCode.INVALID_ARGUMENT)
                    .getMessage()).contains("reason");
        }

        @Test
        void anUnregisteredIdentityCannotRecall() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.outsider, recall(GTIN, "LOT1", "why"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"DISTRIBUTOR", "PHARMACY"})
        void distributorsAndPharmaciesCannotRecall(final String role) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            f.refused(f.party(role), recall(GTIN, "LOT1", "why"), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void anOwnerThatIsNotActiveCannotRecall(final String status) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            setStatus(MANUFACTURER_GLN, status);
            f.refused(f.manufacturer, recall(GTIN, "LOT1", "why"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotRecall(final String status) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, recall(GTIN, "LOT1", "why"), ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ GetBatch

    @Nested
    class GetBatch {
        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void anyPartyCanReadABatch(final String role) {
            final JsonNode registered = f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            assertThat(f.query(f.party(role), ctx -> f.contract.getBatch(ctx, GTIN, "LOT1"))).isEqualTo(registered);
        }

        @Test
        void anUnregisteredIdentityCanReadABatchByItsShortGtin() {
            final JsonNode registered = f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            assertThat(f.query(f.outsider, ctx -> f.contract.getBatch(ctx, GTIN.substring(1), "LOT1")))
                    .isEqualTo(registered);
        }

        @Test
        void lotsAreCaseSensitiveAsPrinted() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            refusedRead(f.pharmacy, ctx -> f.contract.getBatch(ctx, GTIN, "lot1"), ErrorCode.BATCH_NOT_FOUND);
        }

        @Test
        void anUnknownBatchIsNotFound() {
            refusedRead(f.pharmacy, ctx -> f.contract.getBatch(ctx, GTIN, "LOT9"), ErrorCode.BATCH_NOT_FOUND);
            refusedRead(f.pharmacy, ctx -> f.contract.getBatch(ctx, UNKNOWN_GTIN, "LOT1"), ErrorCode.BATCH_NOT_FOUND);
        }

        @ParameterizedTest
        @CsvSource(value = {"GOOD|''", "GOOD|LOT 1", "GOOD|'LOT1 '", "GOOD|LLLLLLLLLLLLLLLLLLLLL", "BAD|LOT1",
            "SHORT|LOT1", "EMPTY|LOT1"}, delimiter = '|')
        void aMalformedGtinOrLotIsRefused(final String gtinKind, final String lot) {
            final String gtin = switch (gtinKind) {
                case "GOOD" -> GTIN;
                case "BAD" -> withWrongCheckDigit(GTIN);
                case "SHORT" -> GTIN.substring(4);
                default -> "";
            };
            f.registerBatch(GTIN, "LOT1", EXPIRY, 100);
            refusedRead(f.pharmacy, ctx -> f.contract.getBatch(ctx, gtin, lot), ErrorCode.INVALID_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ ListBatchesByProduct

    @Test
    void aBatchWhoseProductIsNoLongerApprovedIsNotSoldEvenOnALedgerThatHoldsOne() {
        // No transaction un-approves a product; a ledger written by an older or faulty version could still hold one.
        f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
        final String productKey = new org.hyperledger.fabric.shim.ledger.CompositeKey("product", GTIN).toString();
        final String pending = f.ledger.stateAsString(productKey).orElseThrow()
                .replace("\"status\":\"APPROVED\"", "\"status\":\"PENDING_APPROVAL\"");
        f.ledger.submitVoid(f.regulator, ctx -> ctx.getStub().putStringState(productKey, pending));

        f.refused(f.manufacturer, ctx -> f.contract.shipPacks(ctx, LedgerFixture.DISTRIBUTOR_GLN, LedgerFixture.json(
                java.util.Map.of("quantities", List.of(java.util.Map.of("gtin", GTIN, "lot", "LOT1",
                        "quantity", 1))))), ErrorCode.PRODUCT_NOT_APPROVED);
        f.refused(f.manufacturer, ctx -> f.contract.commissionPacks(ctx, GTIN, "LOT1", "[\"S1\"]"),
                ErrorCode.PRODUCT_NOT_APPROVED);
    }

    @Nested
    class ListBatchesByProduct {
        private JsonNode list(final TestIdentity who, final String gtin, final String pageSize,
                final String bookmark) {
            return f.query(who, ctx -> f.contract.listBatchesByProduct(ctx, gtin, pageSize, bookmark));
        }

        @Test
        void aProductsBatchesComeInLotOrderAcrossSeveralPages() {
            for (final String lot : List.of("LOT5", "LOT2", "LOT4", "LOT1", "LOT3")) {
                f.registerBatch(GTIN, lot, EXPIRY, 10);
            }
            f.declareImport(IMPORTED_GTIN, "LOT0", 10); // another product's batch stays out

            final List<JsonNode> pages = allPages(f.pharmacy, 2,
                    (ctx, size, bookmark) -> f.contract.listBatchesByProduct(ctx, GTIN, size, bookmark));

            assertThat(pages).hasSize(3);
            assertThat(lots(pages.get(0))).containsExactly("LOT1", "LOT2");
            assertThat(lots(pages.get(1))).containsExactly("LOT3", "LOT4");
            assertThat(lots(pages.get(2))).containsExactly("LOT5");
            assertThat(pages.get(0).get("bookmark").asText()).isNotEmpty();
            assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
            assertThat(pages.get(0).at("/records/0")).isEqualTo(batch(GTIN, "LOT1"));
        }

        @Test
        void aListingThatFillsItsLastPageExactlyEndsWithoutAnEmptyPage() {
            for (final String lot : List.of("A", "B", "C", "D")) {
                f.registerBatch(GTIN, lot, EXPIRY, 10);
            }
            final List<JsonNode> pages = allPages(f.distributor, 2,
                    (ctx, size, bookmark) -> f.contract.listBatchesByProduct(ctx, GTIN, size, bookmark));
            assertThat(pages).extracting(BatchRulesTest::lots)
                    .containsExactly(List.of("A", "B"), List.of("C", "D"));
        }

        @Test
        void withoutAPageSizeAPageHoldsAHundredBatches() {
            // docs/rules.md: an empty pageSize means 100.
            for (int i = 1; i <= 101; i++) {
                f.registerBatch(GTIN, String.format(Locale.ROOT, "L%03d", i), EXPIRY, 10);
            }
            final JsonNode page = list(f.regulator, GTIN, "", "");
            assertThat(page.get("records")).hasSize(100);
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(100);
            assertThat(lots(page)).startsWith("L001").endsWith("L100");
            final String bookmark = page.get("bookmark").asText();
            assertThat(bookmark).isNotEmpty();

            final JsonNode rest = list(f.regulator, GTIN, "", bookmark);
            assertThat(lots(rest)).containsExactly("L101");
        }

        @Test
        void withoutAPageSizeAFewBatchesComeOnOnePage() {
            for (int i = 1; i <= 12; i++) {
                f.registerBatch(GTIN, String.format(Locale.ROOT, "L%02d", i), EXPIRY, 10);
            }
            final JsonNode page = list(f.regulator, GTIN, "", "");
            assertThat(page.get("records")).hasSize(12);
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(12);
            assertThat(page.get("bookmark").asText()).isEmpty();
        }

        @Test
        void batchesOfAnyStatusAreListedWithTheirCurrentStatus() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            f.registerBatch(GTIN, "LOT2", EXPIRY, 10);
            f.call(f.regulator, recall(GTIN, "LOT2", "contamination"));
            assertThat(list(f.pharmacy, GTIN, "", "").get("records")).extracting(r -> r.get("status").asText())
                    .containsExactly("RELEASED", "RECALLED");
        }

        @Test
        void aProductWithoutBatchesHasAnEmptyListing() {
            final JsonNode page = list(f.pharmacy, GTIN, "10", "");
            assertThat(page.get("records")).isEmpty();
            assertThat(page.get("bookmark").asText()).isEmpty();
        }

        @Test
        void aBookmarkFromAListingThatSortsAfterThisOneIsRefused() {
            for (final String lot : List.of("LOT1", "LOT2", "LOT3")) {
                f.registerBatch(GTIN, lot, EXPIRY, 10);
                f.declareImport(IMPORTED_GTIN, lot, 10);
            }
            assertThat(IMPORTED_GTIN).isLessThan(GTIN);
            final String later = list(f.pharmacy, GTIN, "1", "").get("bookmark").asText();
            assertThat(later).isNotEmpty();
            // Before the fix this answered an empty last page, and on a loaded peer it made the peer panic.
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, IMPORTED_GTIN, "1", later),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aBookmarkFromAListingThatSortsBeforeThisOneIsRefused() {
            for (final String lot : List.of("LOT1", "LOT2", "LOT3")) {
                f.registerBatch(GTIN, lot, EXPIRY, 10);
                f.declareImport(IMPORTED_GTIN, lot, 10);
            }
            final String earlier = list(f.pharmacy, IMPORTED_GTIN, "1", "").get("bookmark").asText();
            assertThat(earlier).isNotEmpty();
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "1", earlier),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LOT9", "\u0000batch\u0000", "\u0000batch\u000009506000134352\u0000\udbff\udfff\u0000",
                "\u0000batch\u000009506000134352\u0000LOT2"})
        void aForgedBookmarkIsRefusedBeforeThePeerScansFromIt(final String forged) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "1", forged),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1001", "ten", "2.5"})
        void aBadPageSizeIsRefused(final String pageSize) {
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, pageSize, ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void theLargestPageSizeIsAccepted() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            assertThat(list(f.pharmacy, GTIN, "1000", "").get("records")).hasSize(1);
        }

        @Test
        void aMalformedGtinIsRefused() {
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, withWrongCheckDigit(GTIN), "", ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void everyActiveParticipantMayList(final String role) {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            assertThat(lots(list(f.party(role), GTIN, "", ""))).containsExactly("LOT1");
        }

        @Test
        void anUnregisteredIdentityMayNotList() {
            refusedRead(f.outsider, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", ""),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aParticipantThatIsNotActiveMayNotList(final String status) {
            setStatus(LedgerFixture.PHARMACY_GLN, status);
            refusedRead(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", ""),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------ ListPendingImports

    @Nested
    class ListPendingImports {
        @Test
        void pendingImportsComeOldestDeclarationFirstAcrossSeveralPages() {
            // declared out of lot order, an hour apart
            for (final String lot : List.of("E", "C", "A", "D", "B")) {
                f.declareImport(IMPORTED_GTIN, lot, 10);
                f.ledger.advance(Duration.ofHours(1));
            }
            final List<JsonNode> pages = allPages(f.regulator, 2,
                    (ctx, size, bookmark) -> f.contract.listPendingImports(ctx, size, bookmark));

            assertThat(pages).extracting(BatchRulesTest::lots)
                    .containsExactly(List.of("E", "C"), List.of("A", "D"), List.of("B"));
            assertThat(pages.get(0).at("/records/0")).isEqualTo(batch(IMPORTED_GTIN, "E"));
        }

        @Test
        void clearedRejectedAndRecalledImportsLeaveThePendingList() {
            licenseSecondImporter();
            for (final String lot : List.of("L1", "L2", "L3", "L4")) {
                f.declareImport(IMPORTED_GTIN, lot, 10);
            }
            f.call(IMPORTER2, declare(IMPORTER2_GTIN, "X1", EXPIRY, "5", "P-9", "Lahore Dry Port", "Other AG"));
            f.registerBatch(GTIN, "DOM1", EXPIRY, 10); // domestic: never pending

            f.call(f.regulator, clear(IMPORTED_GTIN, "L1", "RELEASE", "lab tests passed"));
            f.call(f.regulator, clear(IMPORTED_GTIN, "L3", "REJECT", "forged permit"));
            f.call(f.importer, recall(IMPORTED_GTIN, "L4", "supplier warning"));

            final JsonNode page = f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", ""));
            assertThat(keys(page)).containsExactlyInAnyOrder(IMPORTED_GTIN + "/L2", IMPORTER2_GTIN + "/X1");
            assertThat(page.get("records")).allSatisfy(r ->
                    assertThat(r.get("status").asText()).isEqualTo("PENDING_CLEARANCE"));
            assertThat(pendingIndex()).hasSize(2);

            f.call(f.regulator, clear(IMPORTED_GTIN, "L2", "RELEASE", "lab tests passed"));
            f.call(f.regulator, clear(IMPORTER2_GTIN, "X1", "REJECT", "no permit"));
            assertThat(f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "", "")).get("records"))
                    .isEmpty();
            assertThat(pendingIndex()).isEmpty();
        }

        @Test
        void anImportClearedWhileTheRegulatorPagesIsNotListedTwice() {
            for (final String lot : List.of("A", "B", "C", "D")) {
                f.declareImport(IMPORTED_GTIN, lot, 10);
            }
            final JsonNode first = f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "2", ""));
            assertThat(lots(first)).containsExactly("A", "B");
            f.call(f.regulator, clear(IMPORTED_GTIN, "A", "RELEASE", "lab tests passed"));
            final String bookmark = first.get("bookmark").asText();
            final JsonNode second = f.query(f.regulator, ctx -> f.contract.listPendingImports(ctx, "2", bookmark));
            assertThat(lots(second)).containsExactly("C", "D");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001", "x", "-2"})
        void aBadPageSizeIsRefused(final String pageSize) {
            refusedRead(f.regulator, ctx -> f.contract.listPendingImports(ctx, pageSize, ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void anUnregisteredIdentityMayNotList() {
            refusedRead(f.outsider, ctx -> f.contract.listPendingImports(ctx, "", ""),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMPORTER", "MANUFACTURER", "DISTRIBUTOR", "PHARMACY"})
        void onlyTheRegulatorSeesThePendingList(final String role) {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            refusedRead(f.party(role), ctx -> f.contract.listPendingImports(ctx, "", ""),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveMayNotList(final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);
            refusedRead(inactive, ctx -> f.contract.listPendingImports(ctx, "", ""), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void beforeInitLedgerThereIsNothingToList() {
            final LedgerFixture fresh = new LedgerFixture();
            assertThatThrownBy(() -> fresh.ledger.evaluate(fresh.regulator,
                    ctx -> fresh.contract.listPendingImports(ctx, "", "")))
                    .isInstanceOf(ChaincodeException.class)
                    .hasMessageStartingWith("[LEDGER_NOT_INITIALISED] ");
        }
    }

    // ------------------------------------------------------------------ ListImportsByImporter

    @Nested
    class ListImportsByImporter {
        private JsonNode list(final TestIdentity who, final String importerGln) {
            return f.query(who, ctx -> f.contract.listImportsByImporter(ctx, importerGln, "", ""));
        }

        @Test
        void anImporterPagesThroughAllItsImportsWhateverTheirStatus() {
            licenseSecondImporter();
            for (final String lot : List.of("L5", "L1", "L4", "L2", "L3")) {
                f.declareImport(IMPORTED_GTIN, lot, 10);
            }
            f.call(IMPORTER2, declare(IMPORTER2_GTIN, "X1", EXPIRY, "5", "P-9", "Lahore Dry Port", "Other AG"));
            f.call(f.regulator, clear(IMPORTED_GTIN, "L1", "RELEASE", "lab tests passed"));
            f.call(f.regulator, clear(IMPORTED_GTIN, "L2", "REJECT", "forged permit"));
            f.call(f.importer, recall(IMPORTED_GTIN, "L3", "supplier warning"));

            final List<JsonNode> pages = allPages(f.importer, 2,
                    (ctx, size, bookmark) -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, size, bookmark));

            assertThat(pages).extracting(BatchRulesTest::lots)
                    .containsExactly(List.of("L1", "L2"), List.of("L3", "L4"), List.of("L5"));
            assertThat(pages).flatExtracting(p -> StreamSupport.stream(p.get("records").spliterator(), false)
                    .map(r -> r.get("status").asText()).toList())
                    .containsExactly("RELEASED", "REJECTED", "RECALLED", "PENDING_CLEARANCE", "PENDING_CLEARANCE");
            assertThat(keys(list(IMPORTER2, IMPORTER2_GLN))).containsExactly(IMPORTER2_GTIN + "/X1");
        }

        @Test
        void theRegulatorListsAnyImportersImports() {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            assertThat(list(f.regulator, IMPORTER_GLN).get("records")).containsExactly(batch(IMPORTED_GTIN, "LOT1"));
        }

        @Test
        void domesticBatchesAreNotImports() {
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            assertThat(list(f.regulator, MANUFACTURER_GLN).get("records")).isEmpty();
            assertThat(list(f.importer, IMPORTER_GLN).get("records")).isEmpty();
        }

        @Test
        void aBookmarkFromAnotherImportersListingIsRefused() {
            licenseSecondImporter();
            f.declareImport(IMPORTED_GTIN, "A", 10);
            f.declareImport(IMPORTED_GTIN, "B", 10);
            f.call(IMPORTER2, declare(IMPORTER2_GTIN, "X1", EXPIRY, "5", "P-9", "Port", "Other AG"));
            assertThat(IMPORTER_GLN).isLessThan(IMPORTER2_GLN);
            final String bookmark = f.query(f.regulator,
                    ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "1", "")).get("bookmark").asText();
            assertThat(bookmark).isNotEmpty();
            refusedRead(IMPORTER2, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER2_GLN, "1", bookmark),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void anImporterMayNotListAnotherImportersImports() {
            licenseSecondImporter();
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            refusedRead(IMPORTER2, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""),
                    ErrorCode.ACCESS_DENIED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "DISTRIBUTOR", "PHARMACY"})
        void onlyImportersAndTheRegulatorListImports(final String role) {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            refusedRead(f.party(role), ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void anUnregisteredIdentityMayNotList() {
            refusedRead(f.outsider, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void anImporterThatIsNotActiveMayNotListEvenItsOwnImports(final String status) {
            f.declareImport(IMPORTED_GTIN, "LOT1", 10);
            setStatus(IMPORTER_GLN, status);
            refusedRead(f.importer, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, "", ""),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.BatchRulesTest#malformedGlns")
        void aMalformedImporterGlnIsRefused(final String gln) {
            refusedRead(f.regulator, ctx -> f.contract.listImportsByImporter(ctx, gln, "", ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001", "many"})
        void aBadPageSizeIsRefused(final String pageSize) {
            refusedRead(f.importer, ctx -> f.contract.listImportsByImporter(ctx, IMPORTER_GLN, pageSize, ""),
                    ErrorCode.INVALID_ARGUMENT);
        }
    }

    static Stream<String> malformedGlns() {
        return Stream.of("", withWrongCheckDigit(IMPORTER_GLN), IMPORTER_GLN.substring(1), IMPORTER_GLN + "1",
                IMPORTER_GLN.substring(0, 12) + "I", IMPORTER_GLN + " ");
    }
}
