package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_MSP;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_MSP;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_MSP;
import static org.dawaledger.chaincode.LedgerFixture.gln;

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

/** InitLedger, RegisterParticipant, SetParticipantStatus, GetParticipant and WhoAmI. */
class ParticipantRulesTest {
    /** A second regulator, to make a regulator that is suspended or revoked. */
    private static final TestIdentity REGULATOR2 = TestIdentity.of(REGULATOR_MSP, "Inspector");
    private static final String REGULATOR2_GLN = gln("950000000008");
    /** A distributor nobody registered yet, for registration tests. */
    private static final TestIdentity NEWCOMER = TestIdentity.of(DISTRIBUTOR_MSP, "Newcomer");
    private static final String NEWCOMER_GLN = gln("950000000010");
    /** A GS1 company prefix no party of the fixture holds. */
    private static final String NEWCOMER_PREFIX = "9506123";
    private static final String UNKNOWN_GLN = gln("950000000099");
    private static final int MAX_TEXT = org.dawaledger.chaincode.ledger.Arguments.MAX_TEXT;
    private static final int MAX_REFERENCE = org.dawaledger.chaincode.ledger.Arguments.MAX_REFERENCE;

    /** The same digits with a wrong last (check) digit. */
    private static String withWrongCheckDigit(final String code) {
        final int last = code.length() - 1;
        return code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + 1) % 10);
    }

    private final LedgerFixture f = LedgerFixture.licensed();

    // ------------------------------------------------------------------ helpers

    private static JsonNode setStatus(final LedgerFixture f, final String gln, final String status) {
        return f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    /** A second regulator with the given standing. */
    /** Checks the last committed event's name, transaction, time and actor, and returns its payload. */
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

    /** A registration; a MANUFACTURER is licensed with {@link #NEWCOMER_PREFIX}. */
    private Function<Context, String> registerNewcomer(final String gln, final String role, final String name,
            final String licence, final String mspId, final String pem) {
        return registerNewcomer(gln, role, name, licence, role.equals("MANUFACTURER") ? "[\"" + NEWCOMER_PREFIX
                + "\"]" : "", mspId, pem);
    }

    private Function<Context, String> registerNewcomer(final String gln, final String role, final String name,
            final String licence, final String prefixes, final String mspId, final String pem) {
        return ctx -> f.contract.registerParticipant(ctx, gln, role, name, licence, prefixes, mspId, pem);
    }

    // ------------------------------------------------------------------ InitLedger

    @Nested
    class InitLedger {
        private final LedgerFixture fresh = new LedgerFixture();

        private Function<Context, String> init(final String msp, final String gln, final String name,
                final String licence) {
            return ctx -> fresh.contract.initLedger(ctx, msp, gln, name, licence);
        }

        @Test
        void aClientOfTheRegulatorsMspWhoIsNoAdministratorCannotBecomeTheRootRegulator() {
            // Before the fix any identity of the pinned MSP could call InitLedger first.
            final TestIdentity clerk = TestIdentity.of(REGULATOR_MSP, "Clerk");
            final TestIdentity namedAdmin = TestIdentity.withSubject(REGULATOR_MSP, "cn-admin",
                    new org.bouncycastle.asn1.x500.X500NameBuilder(org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE)
                            .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.OU, "client")
                            .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "admin").build(), 0);

            for (final TestIdentity caller : java.util.List.of(clerk, namedAdmin)) {
                assertThat(fresh.refused(caller, init(REGULATOR_MSP, REGULATOR_GLN, "Authority", "DRAP-001"),
                        ErrorCode.ROLE_NOT_PERMITTED)).hasMessageContaining("administrator");
            }
            fresh.call(fresh.regulator, init(REGULATOR_MSP, REGULATOR_GLN, "Authority", "DRAP-001"));
        }

        @Test
        void anAdministratorWhoseNodeOuSharesAMultiValuedRdnMayInitialiseTheLedger() {
            final var builder = new org.bouncycastle.asn1.x500.X500NameBuilder(
                    org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE).addRDN(
                    org.bouncycastle.asn1.x500.style.BCStyle.C, "PK");
            builder.addMultiValuedRDN(new org.bouncycastle.asn1.x500.AttributeTypeAndValue[] {
                new org.bouncycastle.asn1.x500.AttributeTypeAndValue(org.bouncycastle.asn1.x500.style.BCStyle.OU,
                        new org.bouncycastle.asn1.DERUTF8String("admin")),
                new org.bouncycastle.asn1.x500.AttributeTypeAndValue(org.bouncycastle.asn1.x500.style.BCStyle.CN,
                        new org.bouncycastle.asn1.DERUTF8String("Registrar, Licensing Division"))});
            final TestIdentity registrar = TestIdentity.withSubject(REGULATOR_MSP, "registrar", builder.build(), 1);

            final JsonNode regulator = fresh.call(registrar, init(REGULATOR_MSP, REGULATOR_GLN, "Authority",
                    "DRAP-001"));

            assertThat(regulator.get("identityId").asText()).isEqualTo(registrar.identityId());
        }

        @Test
        void theRegulatorInitialisesTheLedgerAndBecomesItsFirstActiveRegulator() {
            final JsonNode regulator = fresh.call(fresh.regulator,
                    init(REGULATOR_MSP, REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001"));

            assertThat(regulator.get("gln").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(regulator.get("role").asText()).isEqualTo("REGULATOR");
            assertThat(regulator.get("legalName").asText()).isEqualTo("Drug Regulatory Authority");
            assertThat(regulator.get("licenceNumber").asText()).isEqualTo("DRAP-001");
            assertThat(regulator.get("mspId").asText()).isEqualTo(REGULATOR_MSP);
            assertThat(regulator.get("identityId").asText()).isEqualTo(fresh.regulator.identityId());
            assertThat(regulator.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(regulator.has("statusReason")).isFalse();
            assertThat(regulator.get("registeredBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(regulator.get("registeredAt").asText()).isEqualTo(fresh.ledger.now().toString());
            assertThat(regulator.get("lastTxId").asText()).isEqualTo(fresh.ledger.lastTxId());

            final JsonNode event = event(fresh, "LedgerInitialised", REGULATOR_GLN);
            assertThat(event.at("/data/regulatorMspId").asText()).isEqualTo(REGULATOR_MSP);
            assertThat(event.at("/data/participant")).isEqualTo(regulator);

            assertThat(fresh.query(fresh.outsider, ctx -> fresh.contract.getParticipant(ctx, REGULATOR_GLN)))
                    .isEqualTo(regulator);
            assertThat(fresh.query(fresh.regulator, fresh.contract::whoAmI).get("participant"))
                    .isEqualTo(regulator);
        }

        @Test
        void theFirstRegulatorCanRegisterParticipantsRightAfterInitialising() {
            fresh.call(fresh.regulator, init(REGULATOR_MSP, REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001"));
            fresh.register(fresh.manufacturer, MANUFACTURER_GLN, "MANUFACTURER");
            assertThat(fresh.query(fresh.manufacturer, fresh.contract::whoAmI).at("/participant/gln").asText())
                    .isEqualTo(MANUFACTURER_GLN);
        }

        @Test
        void theLedgerCannotBeInitialisedTwice() {
            f.refused(f.regulator, ctx -> f.contract.initLedger(ctx, REGULATOR_MSP, gln("950000000011"),
                    "Another Authority", "DRAP-002"), ErrorCode.LEDGER_ALREADY_INITIALISED);
        }

        @Test
        void aSecondInitLedgerNamingAnotherMspIsRefusedAndTheRegulatorMspStays() {
            f.refused(f.manufacturer, ctx -> f.contract.initLedger(ctx, MANUFACTURER_MSP, gln("950000000011"),
                    "Usurper", "X-1"), ErrorCode.LEDGER_ALREADY_INITIALISED);
            // the manufacturer is still only a manufacturer, and cannot license anyone
            f.refused(f.manufacturer, registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR", "New Co", "LIC-1",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void anIdentityOfAnotherMspCannotInitialiseTheLedgerAsTheRegulator() {
            fresh.refused(fresh.manufacturer, init(REGULATOR_MSP, REGULATOR_GLN, "Drug Regulatory Authority",
                    "DRAP-001"), ErrorCode.ROLE_NOT_PERMITTED);
            // the real regulator still can
            fresh.call(fresh.regulator, init(REGULATOR_MSP, REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001"));
        }

        static Stream<Arguments> badInitArguments() {
            return Stream.of(
                    Arguments.of("", REGULATOR_GLN, "Authority", "DRAP-001", "mspId"),
                    Arguments.of("Regulator MSP", REGULATOR_GLN, "Authority", "DRAP-001", "mspId"),
                    Arguments.of(" RegulatorMSP", REGULATOR_GLN, "Authority", "DRAP-001", "mspId"),
                    Arguments.of("M".repeat(65), REGULATOR_GLN, "Authority", "DRAP-001", "mspId"),
                    Arguments.of(REGULATOR_MSP, "9500000000010", "Authority", "DRAP-001", "gln"),
                    Arguments.of(REGULATOR_MSP, "950000000001", "Authority", "DRAP-001", "gln"),
                    Arguments.of(REGULATOR_MSP, "", "Authority", "DRAP-001", "gln"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "", "DRAP-001", "legalName"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "   ", "DRAP-001", "legalName"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "A".repeat(501), "DRAP-001", "legalName"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "Authority\u0000", "DRAP-001", "legalName"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "Authority", "", "licenceNumber"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "Authority", "L".repeat(65), "licenceNumber"),
                    Arguments.of(REGULATOR_MSP, REGULATOR_GLN, "Authority", "DRAP-001 ", "licenceNumber"));
        }

        @ParameterizedTest(name = "[{index}] bad {4}")
        @MethodSource("badInitArguments")
        void initLedgerRefusesEachMalformedArgument(final String msp, final String gln, final String name,
                final String licence, final String argument) {
            final ChaincodeException refusal = fresh.refused(fresh.regulator, init(msp, gln, name, licence),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void everyWriteBeforeInitLedgerIsRefusedAsNotInitialised() {
            fresh.refused(fresh.regulator, ctx -> fresh.contract.registerParticipant(ctx, MANUFACTURER_GLN,
                    "MANUFACTURER", "Maker", "LIC-1", "[\"9506000\"]", MANUFACTURER_MSP,
                    fresh.manufacturer.certificatePem()),
                    ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.setParticipantStatus(ctx, MANUFACTURER_GLN,
                    "SUSPENDED", "audit"), ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.manufacturer, ctx -> fresh.contract.registerProduct(ctx, GTIN, "Paracetamol",
                    "500 mg", "tablet", "REG-1", ""), ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.withdrawProduct(ctx, GTIN, "unsafe"),
                    ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.manufacturer, ctx -> fresh.contract.registerBatch(ctx, GTIN, "LOT1",
                    LedgerFixture.EXPIRY, "10"), ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.importer, ctx -> fresh.contract.declareImport(ctx, GTIN, "LOT1",
                    LedgerFixture.EXPIRY, "10", "P-1", "Port", "Foreign"), ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.clearImport(ctx, GTIN, "LOT1", "RELEASE", "why"),
                    ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.quarantineBatch(ctx, GTIN, "LOT1", "why"),
                    ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.releaseBatch(ctx, GTIN, "LOT1", "why"),
                    ErrorCode.LEDGER_NOT_INITIALISED);
            fresh.refused(fresh.regulator, ctx -> fresh.contract.recallBatch(ctx, GTIN, "LOT1", "why"),
                    ErrorCode.LEDGER_NOT_INITIALISED);
        }

        @Test
        void beforeInitLedgerNoParticipantIsKnownButWhoAmIStillAnswers() {
            refusedRead(fresh, fresh.regulator, ctx -> fresh.contract.getParticipant(ctx, REGULATOR_GLN),
                    ErrorCode.PARTICIPANT_NOT_FOUND);
            final JsonNode me = fresh.query(fresh.regulator, fresh.contract::whoAmI);
            assertThat(me.get("mspId").asText()).isEqualTo(REGULATOR_MSP);
            assertThat(me.get("identityId").asText()).isEqualTo(fresh.regulator.identityId());
            assertThat(me.has("participant")).isFalse();
        }
    }

    // ------------------------------------------------------------------ RegisterParticipant

    @Nested
    class RegisterParticipant {
        @Test
        void theRegulatorLicensesADistributorBoundToItsCertificate() {
            f.ledger.advance(Duration.ofHours(2));
            final JsonNode participant = f.call(f.regulator, registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR",
                    "New Distribution Ltd", "DIST-2026-7", DISTRIBUTOR_MSP, NEWCOMER.certificatePem()));

            assertThat(participant.get("gln").asText()).isEqualTo(NEWCOMER_GLN);
            assertThat(participant.get("role").asText()).isEqualTo("DISTRIBUTOR");
            assertThat(participant.get("legalName").asText()).isEqualTo("New Distribution Ltd");
            assertThat(participant.get("licenceNumber").asText()).isEqualTo("DIST-2026-7");
            assertThat(participant.get("mspId").asText()).isEqualTo(DISTRIBUTOR_MSP);
            assertThat(participant.get("identityId").asText()).isEqualTo(NEWCOMER.identityId());
            assertThat(participant.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(participant.has("statusReason")).isFalse();
            assertThat(participant.get("registeredBy").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(participant.get("registeredAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(participant.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(participant.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());

            final JsonNode event = event(f, "ParticipantRegistered", REGULATOR_GLN);
            assertThat(event.at("/data/participant")).isEqualTo(participant);

            assertThat(f.query(f.pharmacy, ctx -> f.contract.getParticipant(ctx, NEWCOMER_GLN)))
                    .isEqualTo(participant);
            assertThat(f.query(NEWCOMER, f.contract::whoAmI).get("participant")).isEqualTo(participant);
            // and the newcomer may now act as an active participant
            assertThat(f.query(NEWCOMER, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", ""))
                    .get("records")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void theRegulatorCanLicenseEverySupplyChainRole(final String role) {
            final JsonNode participant = f.call(f.regulator, registerNewcomer(NEWCOMER_GLN, role, "New Co",
                    "LIC-9", DISTRIBUTOR_MSP, NEWCOMER.certificatePem()));
            assertThat(participant.get("role").asText()).isEqualTo(role);
            assertThat(f.query(NEWCOMER, f.contract::whoAmI).at("/participant/role").asText()).isEqualTo(role);
        }

        @Test
        void aSecondRegulatorOfTheRegulatorMspCanBeLicensedAndThenLicensesOthers() {
            final JsonNode second = f.register(REGULATOR2, REGULATOR2_GLN, "REGULATOR");
            assertThat(second.get("role").asText()).isEqualTo("REGULATOR");
            final JsonNode newcomer = f.call(REGULATOR2, registerNewcomer(NEWCOMER_GLN, "PHARMACY", "New Pharmacy",
                    "PH-1", DISTRIBUTOR_MSP, NEWCOMER.certificatePem()));
            assertThat(newcomer.get("registeredBy").asText()).isEqualTo(REGULATOR2_GLN);
            event(f, "ParticipantRegistered", REGULATOR2_GLN);
        }

        @Test
        void theRegulatorRoleCannotBeGivenToAnIdentityOfAnotherMsp() {
            f.refused(f.regulator, registerNewcomer(NEWCOMER_GLN, "REGULATOR", "Fake Authority", "DRAP-9",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @Test
        void anUnregisteredIdentityCannotLicenseAnyone() {
            f.refused(f.outsider, registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR", "New Co", "LIC-1",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyARegulatorMayLicenseParties(final String role) {
            f.refused(f.party(role), registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR", "New Co", "LIC-1",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotLicenseParties(final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR", "New Co", "LIC-1",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void aGlnAlreadyLicensedCannotBeRegisteredAgain() {
            f.refused(f.regulator, registerNewcomer(DISTRIBUTOR_GLN, "DISTRIBUTOR", "Copy Co", "LIC-1",
                    DISTRIBUTOR_MSP, NEWCOMER.certificatePem()), ErrorCode.PARTICIPANT_ALREADY_EXISTS);
        }

        @Test
        void anIdentityAlreadyBoundToAParticipantCannotBeBoundToASecondOne() {
            final ChaincodeException refusal = f.refused(f.regulator, registerNewcomer(NEWCOMER_GLN, "PHARMACY",
                    "Second Hat Ltd", "LIC-1", MANUFACTURER_MSP, f.manufacturer.certificatePem()),
                    ErrorCode.IDENTITY_ALREADY_REGISTERED);
            assertThat(refusal.getMessage()).contains(MANUFACTURER_GLN);
        }

        @Test
        void aRevokedPartysIdentityStaysBoundAndCannotBeRelicensedUnderANewGln() {
            setStatus(f, PHARMACY_GLN, "REVOKED");
            f.refused(f.regulator, registerNewcomer(NEWCOMER_GLN, "PHARMACY", "Reborn Pharmacy", "LIC-1",
                    LedgerFixture.PHARMACY_MSP, f.pharmacy.certificatePem()), ErrorCode.IDENTITY_ALREADY_REGISTERED);
        }

        static Stream<Arguments> badRegistrations() {
            final String pem = NEWCOMER.certificatePem();
            final String gln = NEWCOMER_GLN;
            final String wrongCheckDigit = withWrongCheckDigit(gln);
            return Stream.of(
                    Arguments.of(wrongCheckDigit, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of(gln.substring(0, 12), "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of(gln + "0", "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of("95000000001A", "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of(" " + gln, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of("", "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "gln"),
                    Arguments.of(gln, "distributor", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "role"),
                    Arguments.of(gln, "WHOLESALER", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "role"),
                    Arguments.of(gln, "", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "role"),
                    Arguments.of(gln, "DISTRIBUTOR ", "New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "role"),
                    Arguments.of(gln, "DISTRIBUTOR", "", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", " \t ", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", "N".repeat(501), "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", " New Co", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co ", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", "New\nCo", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", "New\u0007Co", "LIC-1", DISTRIBUTOR_MSP, pem, "legalName"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "", DISTRIBUTOR_MSP, pem, "licenceNumber"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "L".repeat(65), DISTRIBUTOR_MSP, pem, "licenceNumber"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC\u00851", DISTRIBUTOR_MSP, pem, "licenceNumber"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", "", pem, "mspId"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", "Distributor MSP", pem, "mspId"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", "-DistributorMSP", pem, "mspId"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", "D".repeat(65), pem, "mspId"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, "", "certificate"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP, "not a certificate",
                            "certificate"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP,
                            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "certificate"),
                    Arguments.of(gln, "DISTRIBUTOR", "New Co", "LIC-1", DISTRIBUTOR_MSP,
                            pem.substring(0, pem.length() / 2), "certificate"));
        }

        @ParameterizedTest(name = "[{index}] bad {6}")
        @MethodSource("badRegistrations")
        void registrationRefusesEachMalformedArgument(final String gln, final String role, final String name,
                final String licence, final String mspId, final String pem, final String argument) {
            final ChaincodeException refusal = f.refused(f.regulator,
                    registerNewcomer(gln, role, name, licence, mspId, pem), ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void namesAndReferencesUpToTheirLimitsAreAccepted() {
            final String name = "N".repeat(MAX_TEXT);
            final String licence = "L".repeat(MAX_REFERENCE);
            final JsonNode participant = f.call(f.regulator, registerNewcomer(NEWCOMER_GLN, "DISTRIBUTOR",
                    name, licence, DISTRIBUTOR_MSP, NEWCOMER.certificatePem()));
            assertThat(participant.get("legalName").asText()).isEqualTo(name);
            assertThat(participant.get("licenceNumber").asText()).isEqualTo(licence);
        }

        @Test
        void nonAsciiLegalNamesAreStoredUnchanged() {
            final String name = "Shifa Dawakhana — شفا دواخانہ";
            final JsonNode participant = f.call(f.regulator, registerNewcomer(NEWCOMER_GLN, "PHARMACY", name,
                    "PH-7", DISTRIBUTOR_MSP, NEWCOMER.certificatePem()));
            assertThat(f.query(f.outsider, ctx -> f.contract.getParticipant(ctx, NEWCOMER_GLN))
                    .get("legalName").asText()).isEqualTo(name).isEqualTo(participant.get("legalName").asText());
        }
    }

    // ------------------------------------------------------------------ SetParticipantStatus

    @Nested
    class SetParticipantStatus {
        private Function<Context, String> change(final String gln, final String status, final String reason) {
            return ctx -> f.contract.setParticipantStatus(ctx, gln, status, reason);
        }

        @Test
        void theRegulatorSuspendsAManufacturerWhoThenCannotAct() {
            final String registeredAt = f.query(f.regulator, ctx -> f.contract.getParticipant(ctx, MANUFACTURER_GLN))
                    .get("registeredAt").asText();
            f.ledger.advance(Duration.ofDays(3));
            final JsonNode suspended = f.call(f.regulator, change(MANUFACTURER_GLN, "SUSPENDED",
                    "GMP inspection failed"));

            assertThat(suspended.get("status").asText()).isEqualTo("SUSPENDED");
            assertThat(suspended.get("statusReason").asText()).isEqualTo("GMP inspection failed");
            assertThat(suspended.get("updatedAt").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(suspended.get("registeredAt").asText()).isEqualTo(registeredAt).isNotEqualTo(
                    f.ledger.now().toString());
            assertThat(suspended.get("lastTxId").asText()).isEqualTo(f.ledger.lastTxId());
            assertThat(suspended.get("role").asText()).isEqualTo("MANUFACTURER");

            final JsonNode event = event(f, "ParticipantStatusChanged", REGULATOR_GLN);
            assertThat(event.at("/data/from").asText()).isEqualTo("ACTIVE");
            assertThat(event.at("/data/participant")).isEqualTo(suspended);

            assertThat(f.query(f.outsider, ctx -> f.contract.getParticipant(ctx, MANUFACTURER_GLN)))
                    .isEqualTo(suspended);
            f.refused(f.manufacturer, ctx -> f.contract.registerProduct(ctx, GTIN, "Paracetamol", "500 mg",
                    "tablet", "REG-1", ""), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void aSuspendedParticipantCanBeReinstatedAndActsAgain() {
            setStatus(f, MANUFACTURER_GLN, "SUSPENDED");
            final JsonNode reinstated = f.call(f.regulator, change(MANUFACTURER_GLN, "ACTIVE", "corrective action done"));
            assertThat(reinstated.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(reinstated.get("statusReason").asText()).isEqualTo("corrective action done");
            assertThat(event(f, "ParticipantStatusChanged", REGULATOR_GLN).at("/data/from").asText())
                    .isEqualTo("SUSPENDED");
            f.registerProduct(f.manufacturer, GTIN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACTIVE", "SUSPENDED"})
        void aLicenceCanBeRevokedFromActiveOrSuspended(final String from) {
            if (!from.equals("ACTIVE")) {
                setStatus(f, PHARMACY_GLN, from);
            }
            final JsonNode revoked = f.call(f.regulator, change(PHARMACY_GLN, "REVOKED", "counterfeits sold"));
            assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
            assertThat(event(f, "ParticipantStatusChanged", REGULATOR_GLN).at("/data/from").asText())
                    .isEqualTo(from);
            refusedRead(f, f.pharmacy, ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", ""),
                    ErrorCode.CALLER_NOT_ACTIVE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACTIVE", "SUSPENDED", "REVOKED"})
        void revocationIsFinal(final String target) {
            setStatus(f, PHARMACY_GLN, "REVOKED");
            f.refused(f.regulator, change(PHARMACY_GLN, target, "second chance"),
                    ErrorCode.INVALID_STATUS_TRANSITION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACTIVE", "SUSPENDED"})
        void settingTheStatusAParticipantAlreadyHasIsRefused(final String status) {
            if (!status.equals("ACTIVE")) {
                setStatus(f, PHARMACY_GLN, status);
            }
            f.refused(f.regulator, change(PHARMACY_GLN, status, "again"), ErrorCode.INVALID_STATUS_TRANSITION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorCannotChangeItsOwnStatus(final String status) {
            f.refused(f.regulator, change(REGULATOR_GLN, status, "stepping down"),
                    ErrorCode.INVALID_STATUS_TRANSITION);
        }

        @Test
        void aRegulatorCanSuspendAnotherRegulatorWhoThenCannotAct() {
            f.register(REGULATOR2, REGULATOR2_GLN, "REGULATOR");
            f.call(f.regulator, change(REGULATOR2_GLN, "SUSPENDED", "conflict of interest"));
            f.refused(REGULATOR2, change(PHARMACY_GLN, "SUSPENDED", "audit"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void anUnregisteredIdentityCannotChangeAStatus() {
            f.refused(f.outsider, change(PHARMACY_GLN, "SUSPENDED", "audit"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyARegulatorMayChangeAStatus(final String role) {
            f.refused(f.party(role), change(PHARMACY2_GLN, "SUSPENDED", "competitor"),
                    ErrorCode.ROLE_NOT_PERMITTED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotChangeAStatus(final String status) {
            final TestIdentity inactive = f.regulatorWhoIs(status);
            f.refused(inactive, change(PHARMACY_GLN, "SUSPENDED", "audit"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void anUnknownParticipantIsNotFound() {
            f.refused(f.regulator, change(UNKNOWN_GLN, "SUSPENDED", "audit"), ErrorCode.PARTICIPANT_NOT_FOUND);
        }

        static Stream<Arguments> badStatusChanges() {
            final String wrongCheckDigit = withWrongCheckDigit(PHARMACY_GLN);
            return Stream.of(
                    Arguments.of(wrongCheckDigit, "SUSPENDED", "audit", "gln"),
                    Arguments.of(PHARMACY_GLN.substring(1), "SUSPENDED", "audit", "gln"),
                    Arguments.of("abcdefghijklm", "SUSPENDED", "audit", "gln"),
                    Arguments.of("", "SUSPENDED", "audit", "gln"),
                    Arguments.of(PHARMACY_GLN, "suspended", "audit", "status"),
                    Arguments.of(PHARMACY_GLN, "Suspended", "audit", "status"),
                    Arguments.of(PHARMACY_GLN, "DELETED", "audit", "status"),
                    Arguments.of(PHARMACY_GLN, "", "audit", "status"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", "", "reason"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", "   ", "reason"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", "r".repeat(501), "reason"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", " audit", "reason"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", "audit\r", "reason"),
                    Arguments.of(PHARMACY_GLN, "SUSPENDED", "au\u001bdit", "reason"));
        }

        @ParameterizedTest(name = "[{index}] bad {3}")
        @MethodSource("badStatusChanges")
        void aStatusChangeRefusesEachMalformedArgument(final String gln, final String status, final String reason,
                final String argument) {
            final ChaincodeException refusal = f.refused(f.regulator, change(gln, status, reason),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).contains(argument);
        }

        @Test
        void aReasonOfExactlyTheMaximumLengthIsAccepted() {
            final String reason = "r".repeat(MAX_TEXT);
            assertThat(f.call(f.regulator, change(PHARMACY_GLN, "SUSPENDED", reason)).get("statusReason").asText())
                    .isEqualTo(reason);
        }
    }

    // ------------------------------------------------------------------ GetParticipant

    static Stream<String> malformedGlns() {
        return Stream.of("", REGULATOR_GLN.substring(1), REGULATOR_GLN + "0", withWrongCheckDigit(REGULATOR_GLN),
                REGULATOR_GLN.substring(0, 12) + "X", " " + REGULATOR_GLN, REGULATOR_GLN + "\n");
    }

    @Nested
    class GetParticipant {
        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void anyoneCanLookUpALicenceByGln(final String role) {
            final JsonNode participant = f.query(f.party(role),
                    ctx -> f.contract.getParticipant(ctx, IMPORTER_GLN));
            assertThat(participant.get("gln").asText()).isEqualTo(IMPORTER_GLN);
            assertThat(participant.get("role").asText()).isEqualTo("IMPORTER");
            assertThat(participant.get("identityId").asText()).isEqualTo(f.importer.identityId());
            assertThat(participant.get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void evenAnUnregisteredIdentityCanCheckWhetherAPartyIsLicensed() {
            assertThat(f.query(f.outsider, ctx -> f.contract.getParticipant(ctx, PHARMACY_GLN))
                    .get("licenceNumber").asText()).isEqualTo("LIC-" + PHARMACY_GLN);
        }

        @Test
        void anUnknownGlnIsNotFound() {
            refusedRead(f, f.regulator, ctx -> f.contract.getParticipant(ctx, UNKNOWN_GLN),
                    ErrorCode.PARTICIPANT_NOT_FOUND);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.ParticipantRulesTest#malformedGlns")
        void aMalformedGlnIsRefused(final String gln) {
            refusedRead(f, f.regulator, ctx -> f.contract.getParticipant(ctx, gln), ErrorCode.INVALID_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ WhoAmI

    @Nested
    class WhoAmI {
        @Test
        void aLicensedCallerSeesItsIdentityAndItsParticipantRecord() {
            final JsonNode me = f.query(f.distributor, f.contract::whoAmI);
            assertThat(me.get("mspId").asText()).isEqualTo(DISTRIBUTOR_MSP);
            assertThat(me.get("identityId").asText()).isEqualTo(f.distributor.identityId());
            assertThat(me.get("participant")).isEqualTo(
                    f.query(f.regulator, ctx -> f.contract.getParticipant(ctx, DISTRIBUTOR_GLN)));
        }

        @Test
        void anUnregisteredCallerSeesItsIdentityButNoParticipant() {
            final JsonNode me = f.query(f.outsider, f.contract::whoAmI);
            assertThat(me.get("mspId").asText()).isEqualTo(f.outsider.mspId());
            assertThat(me.get("identityId").asText()).isEqualTo(f.outsider.identityId());
            assertThat(me.has("participant")).isFalse();
        }

        @Test
        void twoUsersOfOneMspAreDifferentParticipants() {
            assertThat(f.query(f.pharmacy2, f.contract::whoAmI).at("/participant/gln").asText())
                    .isEqualTo(LedgerFixture.PHARMACY2_GLN);
            assertThat(f.query(f.pharmacy, f.contract::whoAmI).at("/participant/gln").asText())
                    .isEqualTo(PHARMACY_GLN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aParticipantThatIsNotActiveStillLearnsItsStanding(final String status) {
            setStatus(f, MANUFACTURER_GLN, status);
            final JsonNode me = f.query(f.manufacturer, f.contract::whoAmI);
            assertThat(me.at("/participant/status").asText()).isEqualTo(status);
            assertThat(me.at("/participant/statusReason").asText()).isEqualTo("licence audit");
        }

    }
}
