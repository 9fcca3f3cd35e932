package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_MSP;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read listings the web pages need: ListDispensedPacks, ListAlertsByRaiser, ListProductsByOwner, ListProducts and
 * ListParticipants, and the indexes behind the first three. The pharmacy holds the fixture's packs S0001…S0005.
 */
class ReadListingsTest {
    private static final Instant DAY_ONE = Instant.parse("2026-01-15T09:00:00Z");
    private static final String DAY_ONE_DATE = "2026-01-15";
    private static final String DAY_TWO_DATE = "2026-01-16";
    private static final String UNKNOWN_SERIAL = "X9999";
    /** A second product of the manufacturer, under its prefix. */
    private static final String GTIN2 = LedgerFixture.gtin("0950600013436");
    /** A foreign product no licence's prefix numbers. */
    private static final String FOREIGN_GTIN2 = LedgerFixture.gtin("0401234588888");

    private LedgerFixture f;

    @BeforeEach
    void deliverFivePacksToThePharmacy() {
        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 5));
        f.ledger.setTime(DAY_ONE);
    }

    @Nested
    class ListDispensedPacks extends OnePartysListing {
        ListDispensedPacks() {
            super("PHARMACY", (gln, size, bookmark) -> ctx -> f.contract.listDispensedPacks(ctx, gln, DAY_ONE_DATE,
                    size, bookmark));
        }

        @Test
        void aPharmacyListsThePacksItDispensedOnADayInTheOrderItDispensedThem() {
            dispense(f.pharmacy, "S0003");
            f.ledger.advance(Duration.ofMinutes(1));
            dispense(f.pharmacy, "S0001");
            f.ledger.advance(Duration.ofDays(1));
            dispense(f.pharmacy, "S0002");

            final JsonNode page = list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "", "");

            assertThat(serialsOf(page)).containsExactly("S0003", "S0001");
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(2);
            assertThat(page.get("bookmark").asText()).isEmpty();
            final JsonNode first = page.get("records").get(0);
            assertThat(first.get("gtin").asText()).isEqualTo(GTIN);
            assertThat(first.get("lot").asText()).isEqualTo("LOT1");
            assertThat(first.get("status").asText()).isEqualTo("SUPPLIED");
            assertThat(first.get("decommissionedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(first.get("decommissionedAt").asText()).isEqualTo(DAY_ONE.toString());
            assertThat(first.get("lastAction").asText()).isEqualTo("DISPENSED");
            assertThat(serialsOf(list(f.pharmacy, PHARMACY_GLN, DAY_TWO_DATE, "", ""))).containsExactly("S0002");
            assertThat(serialsOf(list(f.regulator, PHARMACY_GLN, DAY_ONE_DATE, "", "")))
                    .containsExactly("S0003", "S0001");
            assertThat(records(list(f.pharmacy, PHARMACY_GLN, "2026-01-14", "", ""))).isEmpty();
            assertThat(records(list(f.pharmacy2, PHARMACY2_GLN, DAY_ONE_DATE, "", ""))).isEmpty();
        }

        @Test
        void theDayIsTheUtcDayOfTheDispense() {
            f.ledger.setTime(Instant.parse("2026-01-15T23:59:59.999Z"));
            dispense(f.pharmacy, "S0001");
            f.ledger.advance(Duration.ofMillis(1));
            dispense(f.pharmacy, "S0002");

            assertThat(serialsOf(list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "", ""))).containsExactly("S0001");
            assertThat(serialsOf(list(f.pharmacy, PHARMACY_GLN, DAY_TWO_DATE, "", ""))).containsExactly("S0002");
        }

        @Test
        void theIndexEntryNamesDispenserDayTimeWithNineFractionDigitsAndPack() {
            dispense(f.pharmacy, "S0001");

            assertThat(index(Keys.DISPENSED_PACK)).containsExactly(new CompositeKey(Keys.DISPENSED_PACK,
                    PHARMACY_GLN, DAY_ONE_DATE, "2026-01-15T09:00:00.000000000Z", GTIN, "S0001").toString());
        }

        @Test
        void dispensedPacksArePagedWithBookmarks() {
            for (final String serial : serials("S", 1, 5)) {
                f.ledger.advance(Duration.ofMinutes(1));
                dispense(f.pharmacy, serial);
            }

            final List<JsonNode> pages = pages(bookmark -> list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "2",
                    bookmark));

            assertPaged(pages, 2, ReadListingsTest::serialsOf, serials("S", 1, 5));
            assertThat(pages).extracting(p -> p.get("fetchedRecordsCount").asInt()).containsExactly(2, 2, 1);
        }

        @Test
        void anUndoneDispenseIsNoLongerListedAndADispenseAfterItIsListedOnce() {
            dispense(f.pharmacy, "S0001");
            f.ledger.advance(Duration.ofHours(1));

            f.call(f.pharmacy, ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"));

            assertThat(records(list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "", ""))).isEmpty();
            assertThat(index(Keys.DISPENSED_PACK)).isEmpty();

            f.ledger.advance(Duration.ofHours(1));
            dispense(f.pharmacy, "S0001");

            final JsonNode page = list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "", "");
            assertThat(serialsOf(page)).containsExactly("S0001");
            assertThat(page.get("records").get(0).get("decommissionedAt").asText())
                    .isEqualTo("2026-01-15T11:00:00Z");
            assertThat(index(Keys.DISPENSED_PACK)).hasSize(1);
        }

        @Test
        void refusedDispensesAndOtherDecommissionsAreNotListed() {
            dispense(f.pharmacy, "S0001");
            final List<String> before = index(Keys.DISPENSED_PACK);

            final JsonNode again = f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx,
                    packsJson(List.of("S0001", UNKNOWN_SERIAL))));
            f.call(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0002"))));
            f.call(f.pharmacy, ctx -> f.contract.decommissionPacks(ctx, packsJson(List.of("S0003")), "SAMPLE"));
            f.refused(f.distributor, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0004"))),
                    ErrorCode.ROLE_NOT_PERMITTED);

            assertThat(again.findValuesAsText("accepted")).containsOnly("false");
            assertThat(index(Keys.DISPENSED_PACK)).isEqualTo(before);
            assertThat(serialsOf(list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "", ""))).containsExactly("S0001");
            assertThat(records(list(f.pharmacy2, PHARMACY2_GLN, DAY_ONE_DATE, "", ""))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "2026-1-15", "2026-01-15T00:00:00Z", "15-01-2026", "2026/01/15", "2026-02-30",
            "2026-13-01", " 2026-01-15", "2026-01-15 ", "\uff12026-01-15", "2019-12-31", "2200-01-01", "20260115"})
        void aDateThatIsNotARealYyyyMmDdDateIsRefused(final String date) {
            f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, date, "", ""), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aNullDateIsRefused() {
            f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, null, "", ""), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aBookmarkOfAnotherDaysListingIsRefused() {
            dispense(f.pharmacy, "S0001");
            dispense(f.pharmacy, "S0002");
            final String dayOne = list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "1", "").get("bookmark").asText();
            assertThat(dayOne).isNotEmpty();

            f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, DAY_TWO_DATE, "1", dayOne), ErrorCode.INVALID_ARGUMENT);
            assertThat(serialsOf(list(f.pharmacy, PHARMACY_GLN, DAY_ONE_DATE, "1", dayOne))).containsExactly("S0002");
        }

        private Function<Context, String> listing(final String gln, final String date, final String pageSize,
                final String bookmark) {
            return ctx -> f.contract.listDispensedPacks(ctx, gln, date, pageSize, bookmark);
        }

        private JsonNode list(final TestIdentity who, final String gln, final String date, final String pageSize,
                final String bookmark) {
            return f.query(who, listing(gln, date, pageSize, bookmark));
        }
    }

    @Nested
    class ListAlertsByRaiser extends OnePartysListing {
        ListAlertsByRaiser() {
            super("PHARMACY", (gln, size, bookmark) -> ctx -> f.contract.listAlertsByRaiser(ctx, gln, size, bookmark));
        }

        @Test
        void aPartyListsTheAlertsItRaisedNewestFirst() {
            final String failedDispense = failedDispense(f.pharmacy).get(0);
            f.ledger.advance(Duration.ofMinutes(1));
            final String report = report(f.pharmacy, "S0002");
            f.ledger.advance(Duration.ofMinutes(1));
            final String distributors = report(f.distributor, "S0003");

            final JsonNode page = list(f.pharmacy, PHARMACY_GLN, "", "");

            assertThat(idsOf(page)).containsExactly(report, failedDispense);
            assertThat(page.get("fetchedRecordsCount").asInt()).isEqualTo(2);
            assertThat(page.get("bookmark").asText()).isEmpty();
            final JsonNode newest = page.get("records").get(0);
            assertThat(newest.get("code").asText()).isEqualTo("SUSPECT_REPORTED");
            assertThat(newest.get("raisedBy").asText()).isEqualTo(PHARMACY_GLN);
            assertThat(newest.get("status").asText()).isEqualTo("OPEN");
            assertThat(page.get("records").get(1).get("serial").asText()).isEqualTo(UNKNOWN_SERIAL);
            assertThat(idsOf(list(f.regulator, PHARMACY_GLN, "", ""))).containsExactly(report, failedDispense);
            assertThat(idsOf(list(f.distributor, DISTRIBUTOR_GLN, "", ""))).containsExactly(distributors);
            assertThat(records(list(f.manufacturer, MANUFACTURER_GLN, "", ""))).isEmpty();
        }

        @Test
        void newestFirstHoldsWithinOneSecondAndAlertsOfOneCallListInTheOrderRaised() {
            f.ledger.setTime(Instant.parse("2026-01-15T10:00:00Z"));
            final List<String> firstCall = failedDispense(f.pharmacy, UNKNOWN_SERIAL, "X9998");
            f.ledger.advance(Duration.ofNanos(1));
            final String later = report(f.pharmacy, "S0001");

            assertThat(firstCall).hasSize(2);
            assertThat(idsOf(list(f.pharmacy, PHARMACY_GLN, "", ""))).containsExactly(later, firstCall.get(0),
                    firstCall.get(1));
        }

        @Test
        void theIndexEntryNamesRaiserTimeInvertedAndAlert() {
            final String id = report(f.pharmacy, "S0001");
            final long nanos = DAY_ONE.getEpochSecond() * 1_000_000_000L;

            assertThat(index(Keys.ALERT_BY_RAISER)).containsExactly(new CompositeKey(Keys.ALERT_BY_RAISER,
                    PHARMACY_GLN, String.format("%019d", Long.MAX_VALUE - nanos), id).toString());
            assertThat(Ledger.newestFirst("2026-01-15T09:00:00.000000001Z"))
                    .isLessThan(Ledger.newestFirst("2026-01-15T09:00:00Z"))
                    .isLessThan(Ledger.newestFirst("2026-01-14T09:00:00Z")).hasSize(19);
        }

        @Test
        void aResolvedAlertStaysListedWithItsFinding() {
            final String id = report(f.pharmacy, "S0001");
            f.call(f.regulator, ctx -> f.contract.resolveAlert(ctx, id, "FALSE_ALARM", "print was fine"));

            final JsonNode alert = list(f.pharmacy, PHARMACY_GLN, "", "").get("records").get(0);
            assertThat(alert.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(alert.get("finding").asText()).isEqualTo("FALSE_ALARM");
            assertThat(index(Keys.ALERT_BY_RAISER)).hasSize(1);
        }

        @Test
        void alertsArePagedWithBookmarks() {
            final List<String> raised = new ArrayList<>();
            for (final String serial : serials("S", 1, 5)) {
                f.ledger.advance(Duration.ofMinutes(1));
                raised.add(0, report(f.pharmacy, serial));
            }

            final List<JsonNode> pages = pages(bookmark -> list(f.pharmacy, PHARMACY_GLN, "2", bookmark));

            assertPaged(pages, 2, ReadListingsTest::idsOf, raised);
        }

        @Test
        void aRefusedReportWritesNoIndexEntry() {
            final Map<String, String> before = f.ledger.snapshotAsStrings();
            f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN, "S0001", "", "", ""),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        }

        @Test
        void aBookmarkOfAnotherRaisersListingIsRefused() {
            report(f.distributor, "S0001");
            report(f.distributor, "S0002");
            final String distributors = list(f.regulator, DISTRIBUTOR_GLN, "1", "").get("bookmark").asText();
            assertThat(distributors).isNotEmpty();

            f.refusedQuery(f.pharmacy, listing(PHARMACY_GLN, "1", distributors), ErrorCode.INVALID_ARGUMENT);
        }

        private List<String> failedDispense(final TestIdentity pharmacy, final String... serials) {
            final List<String> unknown = serials.length == 0 ? List.of(UNKNOWN_SERIAL) : List.of(serials);
            final JsonNode outcomes = f.call(pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(unknown)));
            return outcomes.findValuesAsText("alertId");
        }

        private String report(final TestIdentity who, final String serial) {
            return f.call(who, ctx -> f.contract.reportSuspectPack(ctx, GTIN, serial, "", "", "print smudged"))
                    .get("alertId").asText();
        }

    }

    @Nested
    class ListProductsByOwner extends OnePartysListing {
        ListProductsByOwner() {
            super("MANUFACTURER", (gln, size, bookmark) -> ctx -> f.contract.listProductsByOwner(ctx, gln, size,
                    bookmark));
        }

        @Test
        void anOwnerListsTheProductsItRegisteredInGtinOrderWhateverTheirStatus() {
            f.registerPendingProduct(f.manufacturer, GTIN2);
            f.registerProduct(f.importer, IMPORTED_GTIN);

            final JsonNode page = list(f.manufacturer, MANUFACTURER_GLN, "", "");

            assertThat(gtinsOf(page)).containsExactly(GTIN, GTIN2);
            assertThat(page.get("records").get(0).get("status").asText()).isEqualTo("APPROVED");
            assertThat(page.get("records").get(1).get("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(page.get("records").get(1).get("ownerGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(page.get("bookmark").asText()).isEmpty();
            assertThat(gtinsOf(list(f.importer, IMPORTER_GLN, "", ""))).containsExactly(IMPORTED_GTIN);
            assertThat(gtinsOf(list(f.regulator, MANUFACTURER_GLN, "", ""))).containsExactly(GTIN, GTIN2);
            assertThat(records(list(f.manufacturer2, MANUFACTURER2_GLN, "", ""))).isEmpty();
        }

        @Test
        void theIndexEntryNamesOwnerAndGtin() {
            assertThat(index(Keys.PRODUCT_BY_OWNER)).containsExactly(
                    new CompositeKey(Keys.PRODUCT_BY_OWNER, MANUFACTURER_GLN, GTIN).toString());
        }

        @Test
        void aRejectedGtinRegisteredAgainByAnotherPartyListsUnderItsNewOwnerOnly() {
            final TestIdentity importer2 = TestIdentity.of(IMPORTER_MSP, "User2");
            final String importer2Gln = LedgerFixture.gln("950000000009");
            f.register(importer2, importer2Gln, "IMPORTER");
            f.registerPendingProduct(f.importer, FOREIGN_GTIN2);
            f.call(f.regulator, ctx -> f.contract.rejectProduct(ctx, FOREIGN_GTIN2, "dossier incomplete"));
            assertThat(gtinsOf(list(f.importer, IMPORTER_GLN, "", ""))).as("rejected, still its application")
                    .containsExactly(FOREIGN_GTIN2);

            f.registerPendingProduct(importer2, FOREIGN_GTIN2);

            assertThat(records(list(f.importer, IMPORTER_GLN, "", ""))).isEmpty();
            assertThat(gtinsOf(list(importer2, importer2Gln, "", ""))).containsExactly(FOREIGN_GTIN2);
            assertThat(index(Keys.PRODUCT_BY_OWNER)).hasSize(2);
        }

        @Test
        void aRejectedGtinRegisteredAgainByItsOwnerIsListedOnce() {
            f.registerPendingProduct(f.manufacturer, GTIN2);
            f.call(f.regulator, ctx -> f.contract.rejectProduct(ctx, GTIN2, "dossier incomplete"));
            f.registerPendingProduct(f.manufacturer, GTIN2);

            assertThat(gtinsOf(list(f.manufacturer, MANUFACTURER_GLN, "", ""))).containsExactly(GTIN, GTIN2);
        }

        @Test
        void productsArePagedWithBookmarks() {
            final List<String> gtins = new ArrayList<>(List.of(GTIN));
            for (int i = 0; i < 4; i++) {
                final String gtin = LedgerFixture.gtin("095060001350" + i);
                f.registerPendingProduct(f.manufacturer, gtin);
                gtins.add(gtin);
            }
            final List<String> sorted = gtins.stream().sorted().toList();

            final List<JsonNode> pages = pages(bookmark -> list(f.manufacturer, MANUFACTURER_GLN, "2", bookmark));

            assertPaged(pages, 2, ReadListingsTest::gtinsOf, sorted);
        }

        @Test
        void aRefusedRegistrationWritesNoIndexEntry() {
            final Map<String, String> before = f.ledger.snapshotAsStrings();
            f.refused(f.manufacturer2, ctx -> f.contract.registerProduct(ctx, GTIN2, "Paracetamol", "500 mg",
                    "tablet", "REG-2", ""), ErrorCode.NOT_OWNER);
            f.refused(f.manufacturer, ctx -> f.contract.registerProduct(ctx, GTIN, "Paracetamol", "500 mg",
                    "tablet", "REG-2", ""), ErrorCode.PRODUCT_ALREADY_EXISTS);
            assertThat(f.ledger.snapshotAsStrings()).isEqualTo(before);
        }

    }

    @Nested
    class ListProducts extends RegulatorsListing {
        ListProducts() {
            super((size, bookmark) -> ctx -> f.contract.listProducts(ctx, size, bookmark));
        }


        @Test
        void theRegulatorListsEveryProductInGtinOrderPaged() {
            f.registerPendingProduct(f.manufacturer, GTIN2);
            f.registerProduct(f.importer, IMPORTED_GTIN);
            f.call(f.regulator, ctx -> f.contract.setRegulatedPrice(ctx, GTIN, "3450", "2026-01-01", "SRO 1"));
            final List<String> sorted = Stream.of(GTIN, GTIN2, IMPORTED_GTIN).sorted().toList();

            final List<JsonNode> pages = pages(bookmark -> f.query(f.regulator,
                    ctx -> f.contract.listProducts(ctx, "2", bookmark)));

            assertPaged(pages, 2, ReadListingsTest::gtinsOf, sorted);
            assertThat(pages).flatExtracting(ReadListingsTest::records)
                    .allSatisfy(product -> assertThat(product.has("regulatedPrices")).isFalse());
            assertThat(gtinsOf(f.query(f.regulator, ctx -> f.contract.listProducts(ctx, "", ""))))
                    .containsExactlyElementsOf(sorted);
        }

        @Test
        void pendingRegistrationsAreNotListedTwice() {
            f.registerPendingProduct(f.manufacturer, GTIN2);
            assertThat(gtinsOf(f.query(f.regulator, ctx -> f.contract.listProducts(ctx, "", ""))))
                    .as("product~pending lies outside the product range").containsExactly(GTIN, GTIN2);
        }

        @Test
        void aBookmarkOfAnotherListingIsRefused() {
            f.registerPendingProduct(f.manufacturer, GTIN2);
            final String owners = f.query(f.regulator, ctx -> f.contract.listProductsByOwner(ctx, MANUFACTURER_GLN,
                    "1", "")).get("bookmark").asText();
            assertThat(owners).isNotEmpty();
            f.refusedQuery(f.regulator, ctx -> f.contract.listProducts(ctx, "1", owners), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class ListParticipants extends RegulatorsListing {
        ListParticipants() {
            super((size, bookmark) -> ctx -> f.contract.listParticipants(ctx, size, bookmark));
        }


        @Test
        void theRegulatorListsEveryParticipantInGlnOrderPaged() {
            f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, PHARMACY2_GLN, "SUSPENDED", "audit"));
            final List<String> glns = Stream.of(REGULATOR_GLN, MANUFACTURER_GLN, MANUFACTURER2_GLN, IMPORTER_GLN,
                    DISTRIBUTOR_GLN, PHARMACY_GLN, PHARMACY2_GLN).sorted().toList();

            final List<JsonNode> pages = pages(bookmark -> f.query(f.regulator,
                    ctx -> f.contract.listParticipants(ctx, "3", bookmark)));

            assertPaged(pages, 3, ReadListingsTest::glnsOf, glns);
            final List<JsonNode> all = pages.stream().flatMap(p -> records(p).stream()).toList();
            assertThat(all).filteredOn(p -> p.get("gln").asText().equals(PHARMACY2_GLN)).singleElement()
                    .satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("SUSPENDED"));
            assertThat(all.get(0).get("role").asText()).isEqualTo("REGULATOR");
            assertThat(all.get(0).has("mspId")).isTrue();
        }

        @Test
        void aForgedBookmarkIsRefused() {
            final String identity = new CompositeKey(Keys.IDENTITY, "RegulatorMSP").toString();
            f.refusedQuery(f.regulator, ctx -> f.contract.listParticipants(ctx, "1", identity),
                    ErrorCode.INVALID_ARGUMENT);
        }
    }

    /**
     * What the listings of one party's records share: that party and the regulator list them, no other party does,
     * and the GLN and page size are checked with coded errors.
     */
    abstract class OnePartysListing {
        private final String role;
        private final PartyListing listing;

        /**
         * @param role the role of the fixture's party whose records are listed: PHARMACY or MANUFACTURER
         * @param listing the listing as the transaction is called
         */
        OnePartysListing(final String role, final PartyListing listing) {
            this.role = role;
            this.listing = listing;
        }

        Function<Context, String> listing(final String gln, final String pageSize, final String bookmark) {
            return listing.of(gln, pageSize, bookmark);
        }

        TestIdentity party() {
            return f.party(role);
        }

        JsonNode list(final TestIdentity who, final String gln, final String pageSize, final String bookmark) {
            return f.query(who, listing(gln, pageSize, bookmark));
        }

        @Test
        void thePartyAndTheRegulatorMayListAndNoOtherPartyMay() {
            final String gln = glnOf(party());
            assertThat(list(party(), gln, "", "").get("records").isArray()).isTrue();
            assertThat(list(f.regulator, gln, "", "").get("records").isArray()).isTrue();
            for (final TestIdentity other : List.of(f.manufacturer, f.manufacturer2, f.importer, f.distributor,
                    f.pharmacy, f.pharmacy2)) {
                if (other != party()) {
                    f.refusedQuery(other, listing(gln, "", ""), ErrorCode.ACCESS_DENIED);
                }
            }
            f.refusedQuery(f.outsider, listing(gln, "", ""), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aPartyThatIsNotActiveMayNotListEvenItsOwn(final String status) {
            final String gln = glnOf(party());
            f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
            f.refusedQuery(party(), listing(gln, "", ""), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void anUnregisteredGlnGivesTheRegulatorAnEmptyPage() {
            final JsonNode page = list(f.regulator, LedgerFixture.gln("950000000099"), "", "");
            assertThat(page.get("records")).isEmpty();
            assertThat(page.get("bookmark").asText()).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.ReadListingsTest#malformedGlns")
        void aMalformedGlnIsRefused(final String gln) {
            f.refusedQuery(f.regulator, listing(gln, "", ""), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.ReadListingsTest#badPageSizes")
        void aBadPageSizeIsRefused(final String pageSize) {
            f.refusedQuery(party(), listing(glnOf(party()), pageSize, ""), ErrorCode.INVALID_ARGUMENT);
        }
    }

    /** A listing of one party's records, called with its GLN, page size and bookmark. */
    @FunctionalInterface
    interface PartyListing {
        Function<Context, String> of(String gln, String pageSize, String bookmark);
    }

    /** What the regulator's listings of everything share: no other party lists, and the page size is checked. */
    abstract class RegulatorsListing {
        /** The listing as the transaction is called, with its page size and bookmark. */
        private final BiFunction<String, String, Function<Context, String>> listing;

        RegulatorsListing(final BiFunction<String, String, Function<Context, String>> listing) {
            this.listing = listing;
        }

        Function<Context, String> listing(final String pageSize, final String bookmark) {
            return listing.apply(pageSize, bookmark);
        }

        @Test
        void noOtherRoleNorAnInactiveRegulatorMayList() {
            for (final String role : List.of("MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY")) {
                f.refusedQuery(f.party(role), listing("", ""), ErrorCode.ROLE_NOT_PERMITTED);
            }
            f.refusedQuery(f.outsider, listing("", ""), ErrorCode.CALLER_NOT_REGISTERED);
            f.refusedQuery(f.regulatorWhoIs("SUSPENDED"), listing("", ""), ErrorCode.CALLER_NOT_ACTIVE);
            assertThat(f.query(f.regulator, listing("", "")).get("records")).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.ReadListingsTest#badPageSizes")
        void aBadPageSizeIsRefused(final String pageSize) {
            f.refusedQuery(f.regulator, listing(pageSize, ""), ErrorCode.INVALID_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ helpers

    static Stream<String> malformedGlns() {
        return ListShipmentsByReceiverTest.malformedGlns();
    }

    static Stream<String> badPageSizes() {
        return Stream.of("0", "-1", "1001", "ten", "1.5", " 1");
    }

    private String glnOf(final TestIdentity party) {
        return party == f.pharmacy ? PHARMACY_GLN : MANUFACTURER_GLN;
    }

    private void dispense(final TestIdentity pharmacy, final String serial) {
        final JsonNode outcome = f.call(pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of(serial))));
        assertThat(outcome.get(0).get("accepted").asBoolean()).as("dispensed %s", serial).isTrue();
    }

    /** The entries of one index in the world state, in key order. */
    private List<String> index(final String objectType) {
        final String prefix = new CompositeKey(objectType).toString();
        return f.ledger.snapshotAsStrings().keySet().stream().filter(key -> key.startsWith(prefix)).toList();
    }

    /** Reads every page of a listing, from the first, and returns the pages. */
    private static List<JsonNode> pages(final Function<String, JsonNode> page) {
        final List<JsonNode> pages = new ArrayList<>();
        String bookmark = "";
        do {
            final JsonNode next = page.apply(bookmark);
            assertThat(next.get("fetchedRecordsCount").asInt()).isEqualTo(next.get("records").size());
            pages.add(next);
            bookmark = next.get("bookmark").asText();
            assertThat(pages).as("pages").hasSizeLessThan(20);
        } while (!bookmark.isEmpty());
        return pages;
    }

    /** Asserts that the pages hold the expected items in order, full pages of the size and then the rest. */
    private static void assertPaged(final List<JsonNode> pages, final int size,
            final Function<JsonNode, List<String>> items, final List<String> expected) {
        final List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < expected.size(); from += size) {
            chunks.add(expected.subList(from, Math.min(from + size, expected.size())));
        }
        assertThat(chunks).as("a listing in more than one page").hasSizeGreaterThan(1);
        assertThat(pages).extracting(items).containsExactlyElementsOf(chunks);
    }

    private static List<JsonNode> records(final JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false).toList();
    }

    private static List<String> texts(final JsonNode page, final String field) {
        return records(page).stream().map(r -> r.get(field).asText()).toList();
    }

    private static List<String> serialsOf(final JsonNode page) {
        return texts(page, "serial");
    }

    private static List<String> idsOf(final JsonNode page) {
        return texts(page, "alertId");
    }

    private static List<String> gtinsOf(final JsonNode page) {
        return texts(page, "gtin");
    }

    private static List<String> glnsOf(final JsonNode page) {
        return texts(page, "gln");
    }
}
