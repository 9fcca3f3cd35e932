package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTED_GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.gln;
import static org.dawaledger.chaincode.LedgerFixture.gtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.testing.RecordedEvent;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RegisterProduct, ApproveProduct, RejectProduct, ListPendingProducts, WithdrawProduct and GetProduct. */
class ProductRulesTest {
    private static final int MAX_TEXT = org.dawaledger.chaincode.ledger.Arguments.MAX_TEXT;
    private static final int MAX_REFERENCE = org.dawaledger.chaincode.ledger.Arguments.MAX_REFERENCE;
    /** A valid GTIN nobody registered. */
    private static final String UNKNOWN_GTIN = gtin("0950600077777");

    private final LedgerFixture f = LedgerFixture.licensed();

    // ------------------------------------------------------------------ helpers

    private static String glnOf(final String role) {
        return switch (role) {
            case "MANUFACTURER" -> MANUFACTURER_GLN;
            case "IMPORTER" -> IMPORTER_GLN;
            default -> throw new IllegalArgumentException(role);
        };
    }

    private static void setStatus(final LedgerFixture f, final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    private static String withWrongCheckDigit(final String code) {
        final int last = code.length() - 1;
        return code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + 1) % 10);
    }

    private static JsonNode event(final LedgerFixture f, final String type, final String actor) {
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

    private static void refusedRead(final LedgerFixture f, final TestIdentity who,
            final Function<Context, String> query, final ErrorCode expected) {
        assertThatThrownBy(() -> f.ledger.evaluate(who, query))
                .isInstanceOfSatisfying(ChaincodeException.class, e -> {
                    assertThat(e.getMessage()).startsWith("[" + expected.name() + "] ");
                    assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo(expected.name());
                });
    }

    /** A manufacturer's registration: no foreign maker. */
    private Function<Context, String> register(final String gtin, final String name, final String strength,
            final String dosageForm, final String registrationNumber) {
        return register(gtin, name, strength, dosageForm, registrationNumber, "");
    }

    private Function<Context, String> register(final String gtin, final String name, final String strength,
            final String dosageForm, final String registrationNumber, final String foreignManufacturer) {
        return ctx -> f.contract.registerProduct(ctx, gtin, name, strength, dosageForm, registrationNumber,
                foreignManufacturer);
    }

    private Function<Context, String> withdraw(final String gtin, final String reason) {
        return ctx -> f.contract.withdrawProduct(ctx, gtin, reason);
    }

    private JsonNode product(final String gtin) {
        return f.query(f.outsider, ctx -> f.contract.getProduct(ctx, gtin));
    }

    // ------------------------------------------------------------------ RegisterProduct

    @Nested
    class RegisterProduct {
        @Test
        void aManufacturerRegistersAProductUnderItsCompanyPrefixAndItWaitsForApproval() {
            final JsonNode product = f.call(f.manufacturer, register(GTIN, "Panadol", "500 mg", "tablet",
                    "DRAP-REG-0042"));

            assertThat(product.get("gtin").asText()).isEqualTo(GTIN);
            assertThat(product.get("name").asText()).isEqualTo("Panadol");
            assertThat(product.get("strength").asText()).isEqualTo("500 mg");
            assertThat(product.get("dosageForm").asText()).isEqualTo("tablet");
            assertThat(product.get("registrationNumber").asText()).isEqualTo("DRAP-REG-0042");
            assertThat(product.get("ownerGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(product.get("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(product.has("foreignManufacturer")).isFalse();
            assertThat(product.has("statusReason")).isFalse();
            assertThat(product.has("decidedBy")).isFalse();
            assertThat(product.get("registeredAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(product.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(product.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());

            final JsonNode event = event(f, "ProductRegistered", MANUFACTURER_GLN);
            assertThat(event.at("/data/product")).isEqualTo(product);
            assertThat(product(GTIN)).isEqualTo(product);
        }

        @Test
        void anImporterRegistersAForeignProductUnderItsMakersGtinAndNamesTheMaker() {
            final JsonNode product = f.call(f.importer, register(IMPORTED_GTIN, "Augmentin", "625 mg", "tablet",
                    "DRAP-REG-0777", "Beecham Pharmaceuticals (Pte) Ltd"));

            assertThat(product.get("ownerGln").asText()).isEqualTo(IMPORTER_GLN);
            assertThat(product.get("foreignManufacturer").asText()).isEqualTo("Beecham Pharmaceuticals (Pte) Ltd");
            assertThat(product.get("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(event(f, "ProductRegistered", IMPORTER_GLN).at("/data/product")).isEqualTo(product);
        }

        @Test
        void theOwnerCanRegisterBatchesOfTheNewProductButAnotherManufacturerCannot() {
            f.registerProduct(f.manufacturer, GTIN);
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
            f.refused(f.manufacturer2, ctx -> f.contract.registerBatch(ctx, GTIN, "LOT2", EXPIRY, "10"),
                    ErrorCode.NOT_OWNER);
        }

        @Test
        void aShortGtinIsStoredInItsFourteenDigitForm() {
            final String gtin13 = GTIN.substring(1);
            final JsonNode product = f.call(f.manufacturer, register(gtin13, "Panadol", "500 mg", "tablet", "R-1"));
            assertThat(product.get("gtin").asText()).isEqualTo(GTIN);
            assertThat(product(GTIN)).isEqualTo(product);
            assertThat(product(gtin13)).isEqualTo(product);
        }

        @Test
        void aGtin8IsPaddedToFourteenDigits() {
            final String gtin8 = gtin("9638507");
            final JsonNode product = f.call(f.importer, register(gtin8, "Brufen", "400 mg", "tablet", "R-8",
                    "Abbott GmbH"));
            assertThat(product.get("gtin").asText()).isEqualTo("000000" + gtin8);
        }

        @Test
        void aGtinIsRegisteredOnlyOnceWhateverFormItIsWrittenIn() {
            f.registerProduct(f.manufacturer, GTIN);
            f.refused(f.manufacturer, register(GTIN, "Panadol Extra", "500 mg", "tablet", "R-2"),
                    ErrorCode.PRODUCT_ALREADY_EXISTS);
            f.refused(f.manufacturer, register(GTIN.substring(1), "Panadol Extra", "500 mg", "tablet", "R-2"),
                    ErrorCode.PRODUCT_ALREADY_EXISTS);
        }

        @Test
        void anotherPartyCannotTakeOverARegisteredGtin() {
            f.registerProduct(f.manufacturer, GTIN);
            f.refused(f.manufacturer2, register(GTIN, "Knock-off", "500 mg", "tablet", "R-3"),
                    ErrorCode.NOT_OWNER);
            f.refused(f.importer, register(GTIN, "Knock-off", "500 mg", "tablet", "R-3", "Elsewhere Ltd"),
                    ErrorCode.NOT_OWNER);
            assertThat(product(GTIN).get("ownerGln").asText()).isEqualTo(MANUFACTURER_GLN);
        }

        @Test
        void aSecondImporterCannotTakeOverAForeignProductThatIsRegisteredOrPending() {
            final TestIdentity importer2 = TestIdentity.of(LedgerFixture.IMPORTER_MSP, "User2");
            f.register(importer2, gln("950000000011"), "IMPORTER");
            f.registerPendingProduct(f.importer, IMPORTED_GTIN);

            f.refused(importer2, register(IMPORTED_GTIN, "Augmentin", "625 mg", "tablet", "R-9", "Beecham"),
                    ErrorCode.PRODUCT_ALREADY_EXISTS);
            f.call(f.regulator, ctx -> f.contract.approveProduct(ctx, IMPORTED_GTIN, "dossier complete"));
            f.refused(importer2, register(IMPORTED_GTIN, "Augmentin", "625 mg", "tablet", "R-9", "Beecham"),
                    ErrorCode.PRODUCT_ALREADY_EXISTS);
            assertThat(product(IMPORTED_GTIN).get("ownerGln").asText()).isEqualTo(IMPORTER_GLN);
        }

        @Test
        void aWithdrawnGtinCannotBeRegisteredAgain() {
            f.registerProduct(f.manufacturer, GTIN);
            f.call(f.regulator, withdraw(GTIN, "unsafe"));
            f.refused(f.manufacturer, register(GTIN, "Panadol New", "500 mg", "tablet", "R-4"),
                    ErrorCode.PRODUCT_ALREADY_EXISTS);
        }

        @Test
        void anUnregisteredIdentityCannotRegisterAProduct() {
            f.refused(f.outsider, register(GTIN, "Panadol", "500 mg", "tablet", "R-1"),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void onlyManufacturersAndImportersRegisterProducts(final String role) {
            f.refused(f.party(role), register(GTIN, "Panadol", "500 mg", "tablet", "R-1"),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aManufacturerThatIsNotActiveCannotRegisterAProduct(final String status) {
            setStatus(f, MANUFACTURER_GLN, status);
            f.refused(f.manufacturer, register(GTIN, "Panadol", "500 mg", "tablet", "R-1"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void anImporterThatIsNotActiveCannotRegisterAProduct(final String status) {
            setStatus(f, IMPORTER_GLN, status);
            f.refused(f.importer, register(IMPORTED_GTIN, "Augmentin", "625 mg", "tablet", "R-1", "Beecham"),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        static Stream<Arguments> badProducts() {
            final String ok = "Panadol";
            return Stream.of(
                    Arguments.of(withWrongCheckDigit(GTIN), ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(withWrongCheckDigit(GTIN.substring(1)), ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(GTIN.substring(3), ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of("0" + GTIN, ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(GTIN.substring(0, 13) + "A", ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(" " + GTIN, ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(GTIN + " ", ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of("", ok, "500 mg", "tablet", "R-1", "gtin"),
                    Arguments.of(GTIN, "", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "  ", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "P".repeat(MAX_TEXT + 1), "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, " Panadol", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "Panadol\t", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "Pana\u0000dol", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, ok, "", "tablet", "R-1", "strength"),
                    Arguments.of(GTIN, ok, "5".repeat(MAX_REFERENCE + 1), "tablet", "R-1", "strength"),
                    Arguments.of(GTIN, ok, "500\nmg", "tablet", "R-1", "strength"),
                    Arguments.of(GTIN, ok, "500 mg", "", "R-1", "dosageForm"),
                    Arguments.of(GTIN, ok, "500 mg", "t".repeat(MAX_REFERENCE + 1), "R-1", "dosageForm"),
                    Arguments.of(GTIN, ok, "500 mg", " tablet", "R-1", "dosageForm"),
                    Arguments.of(GTIN, ok, "500 mg", "tablet", "", "registrationNumber"),
                    Arguments.of(GTIN, ok, "500 mg", "tablet", "   ", "registrationNumber"),
                    Arguments.of(GTIN, ok, "500 mg", "tablet", "R".repeat(MAX_REFERENCE + 1),
                            "registrationNumber"),
                    Arguments.of(GTIN, ok, "500 mg", "tablet", "R-1\u007f", "registrationNumber"),
                    Arguments.of(GTIN, "\u00a0", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "\u200b\u2060", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "Panadol\u00a0", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "\ufeffPanadol", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, "Pana\u200bdol", "500 mg", "tablet", "R-1", "name"),
                    Arguments.of(GTIN, ok, "500 mg", "tablet", "R-1\u202f", "registrationNumber"));
        }

        @Test
        void aManufacturerNamesNoForeignMaker() {
            final ChaincodeException refusal = f.refused(f.manufacturer, register(GTIN, "Panadol", "500 mg",
                    "tablet", "R-1", "Foreign Pharma GmbH"), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains("foreignManufacturer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\u00a0", "\u200b", "Beecham\u2007"})
        void anImporterMustNameTheForeignMaker(final String maker) {
            final ChaincodeException refusal = f.refused(f.importer, register(IMPORTED_GTIN, "Augmentin", "625 mg",
                    "tablet", "R-1", maker), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains("foreignManufacturer");
        }

        @ParameterizedTest(name = "[{index}] bad {5}")
        @MethodSource("badProducts")
        void registrationRefusesEachMalformedArgument(final String gtin, final String name, final String strength,
                final String dosageForm, final String registrationNumber, final String argument) {
            final ChaincodeException refusal = f.refused(f.manufacturer,
                    register(gtin, name, strength, dosageForm, registrationNumber), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void fieldsUpToTheirLimitsAreAccepted() {
            final JsonNode product = f.call(f.manufacturer, register(GTIN, "N".repeat(MAX_TEXT),
                    "S".repeat(MAX_REFERENCE), "D".repeat(MAX_REFERENCE), "R".repeat(MAX_REFERENCE)));
            assertThat(product(GTIN)).isEqualTo(product);
            assertThat(product.get("name").asText()).hasSize(MAX_TEXT);
            assertThat(product.get("registrationNumber").asText()).hasSize(MAX_REFERENCE);
        }
    }

    // ------------------------------------------------------------------ who may number which GTIN

    @Nested
    class CompanyPrefixes {
        @Test
        void aManufacturerCannotRegisterAForeignGtinAndTheRealImporterIsNotLockedOut() {
            // Before the fix the manufacturer took the GTIN, its batches were sellable at once without clearance,
            // and the importer got PRODUCT_ALREADY_EXISTS.
            final ChaincodeException refusal = f.refused(f.manufacturer, register(IMPORTED_GTIN, "Augmentin",
                    "625 mg", "tablet", "R-1"), ErrorCode.NOT_OWNER);
            assertThat(refusal.getMessage()).contains(IMPORTED_GTIN).contains(LedgerFixture.MANUFACTURER_PREFIX);

            f.registerProduct(f.importer, IMPORTED_GTIN);
            assertThat(product(IMPORTED_GTIN).get("ownerGln").asText()).isEqualTo(IMPORTER_GLN);
        }

        @Test
        void aManufacturerCannotRegisterAGtinUnderAnotherManufacturersPrefix() {
            final ChaincodeException refusal = f.refused(f.manufacturer2, register(GTIN, "Panadol", "500 mg",
                    "tablet", "R-1"), ErrorCode.NOT_OWNER);
            assertThat(refusal.getMessage()).contains(LedgerFixture.MANUFACTURER_PREFIX).contains(MANUFACTURER_GLN);
        }

        @Test
        void aManufacturerRegistersUnderEachOfItsPrefixes() {
            final String other = gtin("0950600500001");
            f.refused(f.manufacturer2, register(other, "Brufen", "400 mg", "tablet", "R-2"), ErrorCode.NOT_OWNER);
            f.call(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, LedgerFixture.MANUFACTURER2_GLN,
                    "[\"9506001\",\"9506005\"]", "GS1 allocated a second prefix"));
            assertThat(f.call(f.manufacturer2, register(other, "Brufen", "400 mg", "tablet", "R-2"))
                    .get("ownerGln").asText()).isEqualTo(LedgerFixture.MANUFACTURER2_GLN);
        }

        @Test
        void anImporterCannotRegisterAGtinUnderADomesticManufacturersPrefix() {
            final ChaincodeException refusal = f.refused(f.importer, register(GTIN, "Panadol", "500 mg", "tablet",
                    "R-1", "Foreign Pharma GmbH"), ErrorCode.NOT_OWNER);
            assertThat(refusal.getMessage()).contains("not a foreign product");
        }

        @Test
        void aPrefixTakenOutOfALicenceNumbersNoNewProduct() {
            f.call(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, "[\"9506002\"]",
                    "prefix returned to GS1"));
            f.refused(f.manufacturer, register(GTIN, "Panadol", "500 mg", "tablet", "R-1"), ErrorCode.NOT_OWNER);
        }
    }

    // ------------------------------------------------------------------ ApproveProduct, RejectProduct

    @Nested
    class Approval {
        @Test
        void theRegulatorApprovesAPendingRegistrationAndOnlyThenDoBatchesFollow() {
            f.registerPendingProduct(f.manufacturer, GTIN);
            f.refused(f.manufacturer, ctx -> f.contract.registerBatch(ctx, GTIN, "LOT1", EXPIRY, "10"),
                    ErrorCode.PRODUCT_NOT_APPROVED);
            f.ledger.advance(Duration.ofDays(14));

            final JsonNode approved = f.call(f.regulator, ctx -> f.contract.approveProduct(ctx, GTIN,
                    "Registration 0042 confirmed"));

            assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
            assertThat(approved.get("statusReason").asText()).isEqualTo("Registration 0042 confirmed");
            assertThat(approved.get("decidedBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(approved.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(event(f, "ProductApproved", REGULATOR_GLN).at("/data/product")).isEqualTo(approved);
            assertThat(product(GTIN)).isEqualTo(approved);
            f.registerBatch(GTIN, "LOT1", EXPIRY, 10);
        }

        @Test
        void anUnapprovedImportedProductTakesNoImports() {
            f.registerPendingProduct(f.importer, IMPORTED_GTIN);
            f.refused(f.importer, ctx -> f.contract.declareImport(ctx, IMPORTED_GTIN, "LOT1", EXPIRY, "10",
                    "PERMIT-1", "Karachi Port", "Foreign Pharma GmbH"), ErrorCode.PRODUCT_NOT_APPROVED);
        }

        @Test
        void aPackOfAProductNobodyApprovedIsNotApproved() {
            f.registerPendingProduct(f.manufacturer, GTIN);

            final JsonNode verdict = f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1",
                    EXPIRY));

            assertThat(verdict.get("verdict").asText()).isEqualTo("NOT_APPROVED");
            assertThat(verdict.get("productStatus").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(verdict.get("findings")).extracting(JsonNode::asText).containsExactly("NOT_APPROVED",
                    "UNKNOWN_SERIAL", "UNKNOWN_BATCH");
        }

        @Test
        void theRegulatorRejectsARegistrationAndTheGtinMayBeAppliedForAgain() {
            f.registerPendingProduct(f.importer, IMPORTED_GTIN);

            final JsonNode rejected = f.call(f.regulator, ctx -> f.contract.rejectProduct(ctx, IMPORTED_GTIN,
                    "No marketing authorisation in the country of origin"));

            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
            assertThat(event(f, "ProductRejected", REGULATOR_GLN).at("/data/product")).isEqualTo(rejected);
            f.refused(f.importer, ctx -> f.contract.declareImport(ctx, IMPORTED_GTIN, "LOT1", EXPIRY, "10",
                    "PERMIT-1", "Karachi Port", "Foreign Pharma GmbH"), ErrorCode.PRODUCT_NOT_APPROVED);
            assertThat(f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, IMPORTED_GTIN, "", "LOT1", ""))
                    .get("verdict").asText()).isEqualTo("NOT_APPROVED");

            final TestIdentity importer2 = TestIdentity.of(LedgerFixture.IMPORTER_MSP, "User2");
            f.register(importer2, gln("950000000011"), "IMPORTER");
            final JsonNode again = f.call(importer2, register(IMPORTED_GTIN, "Augmentin", "625 mg", "tablet",
                    "R-2", "Beecham"));
            assertThat(again.get("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(again.get("ownerGln").asText()).isEqualTo(gln("950000000011"));
        }

        @Test
        void onlyAPendingRegistrationIsDecided() {
            f.registerProduct(f.manufacturer, GTIN);
            f.refused(f.regulator, ctx -> f.contract.approveProduct(ctx, GTIN, "again"),
                    ErrorCode.INVALID_STATUS_TRANSITION);
            f.refused(f.regulator, ctx -> f.contract.rejectProduct(ctx, GTIN, "changed my mind"),
                    ErrorCode.INVALID_STATUS_TRANSITION);
            f.call(f.regulator, withdraw(GTIN, "unsafe"));
            f.refused(f.regulator, ctx -> f.contract.approveProduct(ctx, GTIN, "back on the market"),
                    ErrorCode.INVALID_STATUS_TRANSITION);
        }

        @Test
        void aPendingRegistrationIsRejectedNotWithdrawn() {
            f.registerPendingProduct(f.manufacturer, GTIN);
            f.refused(f.regulator, withdraw(GTIN, "unsafe"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(product(GTIN).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyARegulatorDecidesARegistrationNotEvenItsApplicant(final String role) {
            f.registerPendingProduct(f.manufacturer, GTIN);
            f.refused(f.party(role), ctx -> f.contract.approveProduct(ctx, GTIN, "self-approved"),
                    ErrorCode.ROLE_NOT_PERMITTED);
            f.refused(f.party(role), ctx -> f.contract.rejectProduct(ctx, GTIN, "sabotage"),
                    ErrorCode.ROLE_NOT_PERMITTED);
            f.refused(f.outsider, ctx -> f.contract.approveProduct(ctx, GTIN, "self-approved"),
                    ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveDecidesNothing(final String status) {
            f.registerPendingProduct(f.manufacturer, GTIN);
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, ctx -> f.contract.approveProduct(ctx, GTIN, "ok"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void anUnknownProductOrAMissingReasonIsRefused() {
            f.registerPendingProduct(f.manufacturer, GTIN);
            f.refused(f.regulator, ctx -> f.contract.approveProduct(ctx, UNKNOWN_GTIN, "ok"),
                    ErrorCode.PRODUCT_NOT_FOUND);
            f.refused(f.regulator, ctx -> f.contract.approveProduct(ctx, GTIN, "\u2060"), ErrorCode.INVALID_ARGUMENT);
            f.refused(f.regulator, ctx -> f.contract.rejectProduct(ctx, "123", "no"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ ListPendingProducts

    @Nested
    class ListPendingProducts {
        @Test
        void theRegulatorListsRegistrationsAwaitingItsDecisionOldestFirst() {
            f.registerPendingProduct(f.importer, IMPORTED_GTIN);
            f.ledger.advance(Duration.ofMinutes(5));
            f.registerPendingProduct(f.manufacturer, GTIN);

            final JsonNode first = f.query(f.regulator, ctx -> f.contract.listPendingProducts(ctx, "1", ""));
            assertThat(first.get("records").get(0).get("gtin").asText()).isEqualTo(IMPORTED_GTIN);
            final String bookmark = first.get("bookmark").asText();
            final JsonNode second = f.query(f.regulator, ctx -> f.contract.listPendingProducts(ctx, "1", bookmark));
            assertThat(second.get("records").get(0).get("gtin").asText()).isEqualTo(GTIN);
            assertThat(second.get("bookmark").asText()).as("a full last page ends the listing on LevelDB").isEmpty();

            f.call(f.regulator, ctx -> f.contract.approveProduct(ctx, GTIN, "ok"));
            assertThat(f.query(f.regulator, ctx -> f.contract.listPendingProducts(ctx, "", "")).get("records"))
                    .extracting(node -> node.get("gtin").asText()).containsExactly(IMPORTED_GTIN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyTheRegulatorListsThem(final String role) {
            refusedRead(f, f.party(role), ctx -> f.contract.listPendingProducts(ctx, "", ""),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void aBookmarkOfAnotherListingIsRefused() {
            f.registerProduct(f.manufacturer, GTIN);
            for (final String lot : java.util.List.of("L1", "L2")) {
                f.registerBatch(GTIN, lot, EXPIRY, 1);
            }
            f.registerPendingProduct(f.importer, IMPORTED_GTIN);
            final String batchBookmark = f.query(f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN,
                    "1", "")).get("bookmark").asText();
            refusedRead(f, f.regulator, ctx -> f.contract.listPendingProducts(ctx, "1", batchBookmark),
                    ErrorCode.INVALID_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ WithdrawProduct

    @Nested
    class WithdrawProduct {
        @Test
        void theRegulatorWithdrawsAProductForGood() {
            final JsonNode registered = f.registerProduct(f.manufacturer, GTIN);
            f.ledger.advance(Duration.ofDays(30));
            final JsonNode withdrawn = f.call(f.regulator, withdraw(GTIN, "hepatotoxicity signal"));

            assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(withdrawn.get("statusReason").asText()).isEqualTo("hepatotoxicity signal");
            assertThat(withdrawn.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(withdrawn.get("registeredAt")).isEqualTo(registered.get("registeredAt"));
            assertThat(withdrawn.get("ownerGln").asText()).isEqualTo(MANUFACTURER_GLN);
            assertThat(withdrawn.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId())
                    .isNotEqualTo(registered.get("lastTxId").asText());

            final JsonNode event = event(f, "ProductWithdrawn", REGULATOR_GLN);
            assertThat(event.at("/data/product")).isEqualTo(withdrawn);
            assertThat(product(GTIN)).isEqualTo(withdrawn);
        }

        @Test
        void aWithdrawnProductTakesNoNewBatches() {
            f.registerProduct(f.manufacturer, GTIN);
            f.call(f.regulator, withdraw(GTIN, "unsafe"));
            f.refused(f.manufacturer, ctx -> f.contract.registerBatch(ctx, GTIN, "LOT1", EXPIRY, "10"),
                    ErrorCode.PRODUCT_WITHDRAWN);
        }

        @Test
        void aWithdrawnImportedProductTakesNoNewImports() {
            f.registerProduct(f.importer, IMPORTED_GTIN);
            f.call(f.regulator, withdraw(IMPORTED_GTIN, "unsafe"));
            f.refused(f.importer, ctx -> f.contract.declareImport(ctx, IMPORTED_GTIN, "LOT1", EXPIRY, "10",
                    "PERMIT-1", "Karachi Port", "Foreign Pharma GmbH"), ErrorCode.PRODUCT_WITHDRAWN);
        }

        @Test
        void aProductCannotBeWithdrawnTwice() {
            f.registerProduct(f.manufacturer, GTIN);
            f.call(f.regulator, withdraw(GTIN, "unsafe"));
            f.refused(f.regulator, withdraw(GTIN, "still unsafe"), ErrorCode.PRODUCT_WITHDRAWN);
            assertThat(product(GTIN).get("statusReason").asText()).isEqualTo("unsafe");
        }

        @Test
        void anUnknownProductIsNotFound() {
            f.refused(f.regulator, withdraw(UNKNOWN_GTIN, "unsafe"), ErrorCode.PRODUCT_NOT_FOUND);
        }

        @Test
        void anUnregisteredIdentityCannotWithdrawAProduct() {
            f.registerProduct(f.manufacturer, GTIN);
            f.refused(f.outsider, withdraw(GTIN, "unsafe"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyARegulatorMayWithdrawAProductNotEvenItsOwner(final String role) {
            f.registerProduct(f.manufacturer, GTIN);
            f.refused(f.party(role), withdraw(GTIN, "unsafe"), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotWithdrawAProduct(final String status) {
            f.registerProduct(f.manufacturer, GTIN);
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, withdraw(GTIN, "unsafe"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        static Stream<Arguments> badWithdrawals() {
            return Stream.of(
                    Arguments.of(withWrongCheckDigit(GTIN), "unsafe", "gtin"),
                    Arguments.of("12345", "unsafe", "gtin"),
                    Arguments.of("", "unsafe", "gtin"),
                    Arguments.of(GTIN, "", "reason"),
                    Arguments.of(GTIN, "   ", "reason"),
                    Arguments.of(GTIN, "r".repeat(MAX_TEXT + 1), "reason"),
                    Arguments.of(GTIN, "unsafe ", "reason"),
                    Arguments.of(GTIN, "un\u0008safe", "reason"));
        }

        @ParameterizedTest(name = "[{index}] bad {2}")
        @MethodSource("badWithdrawals")
        void aWithdrawalRefusesEachMalformedArgument(final String gtin, final String reason,
                final String argument) {
            f.registerProduct(f.manufacturer, GTIN);
            final ChaincodeException refusal = f.refused(f.regulator, withdraw(gtin, reason),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }
    }

    // ------------------------------------------------------------------ GetProduct

    @Nested
    class GetProduct {
        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void anyPartyCanReadAProduct(final String role) {
            final JsonNode registered = f.registerProduct(f.manufacturer, GTIN);
            assertThat(f.query(f.party(role), ctx -> f.contract.getProduct(ctx, GTIN))).isEqualTo(registered);
        }

        @Test
        void aPatientsUnregisteredAppCanReadAProduct() {
            final JsonNode registered = f.registerProduct(f.importer, IMPORTED_GTIN);
            assertThat(f.query(f.outsider, ctx -> f.contract.getProduct(ctx, IMPORTED_GTIN))).isEqualTo(registered);
        }

        @Test
        void anUnknownProductIsNotFound() {
            refusedRead(f, f.pharmacy, ctx -> f.contract.getProduct(ctx, UNKNOWN_GTIN), ErrorCode.PRODUCT_NOT_FOUND);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.ProductRulesTest#malformedGtins")
        void aMalformedGtinIsRefused(final String gtin) {
            f.registerProduct(f.manufacturer, GTIN);
            refusedRead(f, f.pharmacy, ctx -> f.contract.getProduct(ctx, gtin), ErrorCode.INVALID_ARGUMENT);
        }
    }

    static Stream<String> malformedGtins() {
        return Stream.of("", withWrongCheckDigit(GTIN), GTIN.substring(3), "0" + GTIN, " " + GTIN,
                GTIN.substring(0, 13) + "x", GTIN.replace('9', '-'));
    }
}
