package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.IMPORTER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_GLN;
import static org.dawaledger.chaincode.LedgerFixture.MANUFACTURER_MSP;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY2_GLN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_MSP;
import static org.dawaledger.chaincode.LedgerFixture.gln;
import static org.dawaledger.chaincode.LedgerFixture.gtin;
import static org.dawaledger.chaincode.LedgerFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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

/**
 * The GS1 company prefixes a manufacturer's licence records: RegisterParticipant's {@code companyPrefixes},
 * SetCompanyPrefixes, and RegisterProduct under them. The manufacturer holds 9506000, manufacturer2 9506001.
 */
class CompanyPrefixLicenceTest {
    /** A manufacturer nobody registered yet. */
    private static final TestIdentity NEWCOMER = TestIdentity.of(MANUFACTURER_MSP, "Newcomer");
    private static final String NEWCOMER_GLN = gln("950000000010");
    /** A prefix no party holds, overlapping none that is held. */
    private static final String FREE_PREFIX = "9506123";
    /** A second regulator, to make one that is suspended or revoked. */
    private static final TestIdentity DEPUTY = TestIdentity.of(REGULATOR_MSP, "Deputy");
    private static final String DEPUTY_GLN = gln("950000000008");

    private final LedgerFixture f = LedgerFixture.licensed();

    // ------------------------------------------------------------------ argument sources

    /** Prefix lists every licence refuses as malformed, whatever else is held. */
    static Stream<Arguments> malformedPrefixLists() {
        final List<String> twentyOne = IntStream.range(0, 21)
                .mapToObj(i -> String.format(Locale.ROOT, "950620%02d", i)).toList();
        return Stream.of(
                Arguments.of("three digits", "[\"950\"]"),
                Arguments.of("thirteen digits", "[\"9506123456789\"]"),
                Arguments.of("a letter", "[\"95061A3\"]"),
                Arguments.of("only letters", "[\"ABCDEFG\"]"),
                Arguments.of("full-width digits", "[\"\uFF19\uFF15\uFF10\uFF16\uFF11\uFF12\uFF13\"]"),
                Arguments.of("Arabic-Indic digits", "[\"\u0669\u0665\u0660\u0666\u0661\u0662\u0663\"]"),
                Arguments.of("leading space", "[\" 9506123\"]"),
                Arguments.of("inner space", "[\"9506 123\"]"),
                Arguments.of("trailing space", "[\"9506123 \"]"),
                Arguments.of("a sign", "[\"+9506123\"]"),
                Arguments.of("an empty string", "[\"\"]"),
                Arguments.of("a number, not a string", "[9506123]"),
                Arguments.of("a null element", "[\"9506123\",null]"),
                Arguments.of("a good prefix, then a bad one", "[\"9506123\",\"12\"]"),
                Arguments.of("a string, not a list", "\"9506123\""),
                Arguments.of("bare digits, not a list", "9506123"),
                Arguments.of("an object", "{\"prefix\":\"9506123\"}"),
                Arguments.of("JSON null", "null"),
                Arguments.of("not JSON", "[9506123"),
                Arguments.of("a repeated prefix", "[\"9506123\",\"9506123\"]"),
                Arguments.of("a longer prefix after a shorter one", "[\"9506123\",\"95061234\"]"),
                Arguments.of("a shorter prefix after a longer one", "[\"95061234\",\"9506123\"]"),
                Arguments.of("an overlap not next to each other", "[\"9506123\",\"9507\",\"950612399\"]"),
                Arguments.of("twenty-one prefixes", json(twentyOne)));
    }

    /** Lists that name no prefix: refused for a manufacturer, and the only ones other roles may pass. */
    static Stream<String> noPrefixes() {
        return Stream.of("", "[]");
    }

    /** Prefixes that overlap the manufacturer's 9506000 or manufacturer2's 9506001. */
    static Stream<Arguments> prefixesHeldByAnother() {
        return Stream.of(
                Arguments.of("equal to the manufacturer's", "9506000"),
                Arguments.of("equal to manufacturer2's", "9506001"),
                Arguments.of("longer than a held one", "95060001"),
                Arguments.of("twelve digits under a held one", "950600012345"),
                Arguments.of("shorter than a held one", "950600"),
                Arguments.of("four digits above both held ones", "9506"));
    }

    static Stream<Arguments> otherRolesWithNoPrefixes() {
        return Stream.of("IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR")
                .flatMap(role -> noPrefixes().map(prefixes -> Arguments.of(role, prefixes)));
    }

    static Stream<Arguments> otherRolesWithPrefixes() {
        return Stream.of("IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR")
                .flatMap(role -> Stream.of("[\"" + FREE_PREFIX + "\"]", "[\"9506000\"]", "[\"950\"]", " ", "[ ]",
                        "null", "[\"\"]", "{}").map(prefixes -> Arguments.of(role, prefixes)));
    }

    // ------------------------------------------------------------------ RegisterParticipant

    @Nested
    class RegisterParticipant {

        @Test
        void aManufacturersLicenceRecordsItsPrefixesSorted() {
            final JsonNode participant = registerNewcomer("[\"9506300\",\"9506123\",\"9506200\"]");

            assertThat(texts(participant.get("companyPrefixes"))).containsExactly("9506123", "9506200", "9506300");
            assertThat(participant.get("role").asText()).isEqualTo("MANUFACTURER");
            assertThat(event("ParticipantRegistered").at("/data/participant")).isEqualTo(participant);
            assertThat(participant(NEWCOMER_GLN)).isEqualTo(participant);
        }

        @Test
        void theFixturesManufacturersHoldTheirPrefixes() {
            assertThat(texts(participant(MANUFACTURER_GLN).get("companyPrefixes"))).containsExactly("9506000");
            assertThat(texts(participant(MANUFACTURER2_GLN).get("companyPrefixes"))).containsExactly("9506001");
        }

        @Test
        void prefixesOfFourAndOfTwelveDigitsAreAcceptedAndEachNumbersTheManufacturersProducts() {
            final JsonNode participant = registerNewcomer("[\"950812345678\",\"9507\"]");
            assertThat(texts(participant.get("companyPrefixes"))).containsExactly("9507", "950812345678");

            assertThat(ownerOf(NEWCOMER, gtin("0950700000001"))).isEqualTo(NEWCOMER_GLN);
            assertThat(ownerOf(NEWCOMER, gtin("0950812345678"))).isEqualTo(NEWCOMER_GLN);
            refusedProduct(NEWCOMER, gtin("0950812345670"));
            refusedProduct(NEWCOMER, GTIN);
        }

        @Test
        void twentyPrefixesAreAccepted() {
            final List<String> twenty = IntStream.range(0, 20)
                    .mapToObj(i -> String.format(Locale.ROOT, "950620%02d", 19 - i)).toList();

            final JsonNode participant = registerNewcomer(json(twenty));

            assertThat(texts(participant.get("companyPrefixes"))).hasSize(20).isSorted()
                    .containsExactlyInAnyOrderElementsOf(twenty);
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#noPrefixes")
        void aManufacturersLicenceNeedsAtLeastOnePrefix(final String prefixes) {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", prefixes, NEWCOMER),
                    ErrorCode.INVALID_ARGUMENT);
            assertNotRegistered();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#malformedPrefixLists")
        void aMalformedPrefixListIsRefused(final String what, final String prefixes) {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", prefixes, NEWCOMER),
                    ErrorCode.INVALID_ARGUMENT);
            assertNotRegistered();
        }

        @ParameterizedTest(name = "{0} with \"{1}\"")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#otherRolesWithNoPrefixes")
        void everyOtherRoleIsLicensedWithoutPrefixesAndItsRecordHasNoPrefixField(final String role,
                final String prefixes) {
            final TestIdentity who = newcomerOf(role);

            final JsonNode participant = f.call(f.regulator, registration(NEWCOMER_GLN, role, prefixes, who));

            assertThat(participant.get("role").asText()).isEqualTo(role);
            assertThat(participant.has("companyPrefixes")).isFalse();
            assertThat(participant(NEWCOMER_GLN).has("companyPrefixes")).isFalse();
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#otherRolesWithPrefixes")
        void everyOtherRoleIsRefusedAnyPrefixArgument(final String role, final String prefixes) {
            final TestIdentity who = newcomerOf(role);

            f.refused(f.regulator, registration(NEWCOMER_GLN, role, prefixes, who), ErrorCode.INVALID_ARGUMENT);

            refusedRead(ctx -> f.contract.getParticipant(ctx, NEWCOMER_GLN), ErrorCode.PARTICIPANT_NOT_FOUND);
        }

        @Test
        void theFixturesOtherPartiesHaveNoPrefixField() {
            for (final String gln : List.of(REGULATOR_GLN, IMPORTER_GLN, DISTRIBUTOR_GLN, PHARMACY_GLN,
                    PHARMACY2_GLN)) {
                assertThat(participant(gln).has("companyPrefixes")).as(gln).isFalse();
            }
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#prefixesHeldByAnother")
        void aPrefixOverlappingAnotherPartysIsTakenAndTheRegistrationLeavesNothing(final String what,
                final String prefix) {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", json(List.of(prefix)), NEWCOMER),
                    ErrorCode.COMPANY_PREFIX_TAKEN);
            assertNotRegistered();
        }

        @Test
        void oneTakenPrefixRefusesTheWholeListAndItsFreePrefixesStayFree() {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER",
                    json(List.of(FREE_PREFIX, "95060007")), NEWCOMER), ErrorCode.COMPANY_PREFIX_TAKEN);
            assertNotRegistered();

            final TestIdentity other = TestIdentity.of(MANUFACTURER_MSP, "OtherMaker");
            final String otherGln = gln("950000000011");
            f.call(f.regulator, registration(otherGln, "MANUFACTURER", json(List.of(FREE_PREFIX)), other));
            assertThat(ownerOf(other, gtin("0950612300001"))).isEqualTo(otherGln);
        }

        @Test
        void aRefusedRegistrationLeavesGlnAndIdentityFreeForALaterOne() {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", "[\"9506000\"]", NEWCOMER),
                    ErrorCode.COMPANY_PREFIX_TAKEN);

            final JsonNode participant = registerNewcomer(json(List.of(FREE_PREFIX)));

            assertThat(participant.get("gln").asText()).isEqualTo(NEWCOMER_GLN);
            assertThat(f.query(NEWCOMER, f.contract::whoAmI).at("/participant/gln").asText())
                    .isEqualTo(NEWCOMER_GLN);
        }

        @Test
        void theHolderKeepsItsPrefixWhenAnotherIsRefusedIt() {
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", "[\"95060001\"]", NEWCOMER),
                    ErrorCode.COMPANY_PREFIX_TAKEN);

            assertThat(texts(participant(MANUFACTURER_GLN).get("companyPrefixes"))).containsExactly("9506000");
            assertThat(ownerOf(f.manufacturer, gtin("0950600010001"))).isEqualTo(MANUFACTURER_GLN);
        }
    }

    // ------------------------------------------------------------------ SetCompanyPrefixes

    @Nested
    class SetCompanyPrefixes {

        @Test
        void theRegulatorReplacesAManufacturersPrefixesAndTheChangeIsAnnounced() {
            final JsonNode before = participant(MANUFACTURER_GLN);
            f.ledger.advance(Duration.ofDays(3));

            final JsonNode changed = set(MANUFACTURER_GLN, "[\"9506003\",\"9506002\"]");

            assertThat(texts(changed.get("companyPrefixes"))).containsExactly("9506002", "9506003");
            for (final String unchanged : List.of("gln", "role", "legalName", "licenceNumber", "mspId",
                    "identityId", "status", "registeredAt", "registeredBy")) {
                assertThat(changed.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
            }
            assertThat(participant(MANUFACTURER_GLN)).isEqualTo(changed);

            final JsonNode event = event("CompanyPrefixesChanged");
            assertThat(event.get("actor").asText()).isEqualTo(REGULATOR_GLN);
            assertThat(event.get("txId").asText()).isEqualTo(f.ledger.lastTxId());
            assertThat(event.get("timestamp").asText()).isEqualTo(f.ledger.now().toString());
            assertThat(fieldNames(event.get("data"))).containsExactlyInAnyOrder("participant", "from");
            assertThat(event.at("/data/participant")).isEqualTo(changed);
            assertThat(texts(event.at("/data/from"))).containsExactly("9506000");
        }

        @Test
        void theEventNamesEveryPrefixTheLicenceHeldBefore() {
            set(MANUFACTURER2_GLN, "[\"9506009\",\"9506001\",\"9506008\"]");

            set(MANUFACTURER2_GLN, "[\"9506001\"]");

            assertThat(texts(event("CompanyPrefixesChanged").at("/data/from")))
                    .containsExactly("9506001", "9506008", "9506009");
        }

        @Test
        void afterAChangeTheManufacturerRegistersProductsOnlyUnderItsNewPrefixes() {
            set(MANUFACTURER_GLN, "[\"9506002\",\"95060031\"]");

            assertThat(ownerOf(f.manufacturer, gtin("0950600200001"))).isEqualTo(MANUFACTURER_GLN);
            assertThat(ownerOf(f.manufacturer, gtin("0950600310001"))).isEqualTo(MANUFACTURER_GLN);
            // An indicator digit other than 0 leaves the prefix where it is.
            assertThat(ownerOf(f.manufacturer, gtin("1950600200002"))).isEqualTo(MANUFACTURER_GLN);
            // A GTIN-13 is compared in its 14-digit form, behind the indicator digit 0.
            assertThat(ownerOf(f.manufacturer, gtin("0950600200003").substring(1))).isEqualTo(MANUFACTURER_GLN);

            refusedProduct(f.manufacturer, GTIN);
            refusedProduct(f.manufacturer, gtin("0950600000009"));
            refusedProduct(f.manufacturer, gtin("0950600320001"));
            refusedProduct(f.manufacturer, gtin("0950600300001"));
            refusedProduct(f.manufacturer, gtin("0950600100001"));
            // Its 14 digits start 9506002, but behind the indicator digit they read 506002…
            refusedProduct(f.manufacturer, gtin("9506002000001"));
        }

        @Test
        void aManufacturerMayKeepItsPrefixAndStillNumbersProductsUnderIt() {
            final JsonNode kept = set(MANUFACTURER_GLN, "[\"9506000\"]");

            assertThat(texts(kept.get("companyPrefixes"))).containsExactly("9506000");
            assertThat(ownerOf(f.manufacturer, GTIN)).isEqualTo(MANUFACTURER_GLN);
            f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", "[\"9506000\"]", NEWCOMER),
                    ErrorCode.COMPANY_PREFIX_TAKEN);
        }

        @Test
        void aManufacturerMayReorderItsPrefixesAndKeepsEachOfThem() {
            set(MANUFACTURER_GLN, "[\"9506000\",\"9506005\"]");

            final JsonNode reordered = set(MANUFACTURER_GLN, "[\"9506005\",\"9506000\"]");

            assertThat(texts(reordered.get("companyPrefixes"))).containsExactly("9506000", "9506005");
            assertThat(ownerOf(f.manufacturer, GTIN)).isEqualTo(MANUFACTURER_GLN);
            assertThat(ownerOf(f.manufacturer, gtin("0950600500001"))).isEqualTo(MANUFACTURER_GLN);
            for (final String held : List.of("9506000", "9506005")) {
                f.refused(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", json(List.of(held)), NEWCOMER),
                        ErrorCode.COMPANY_PREFIX_TAKEN);
            }
        }

        @Test
        void aManufacturerMayNarrowItsOwnPrefix() {
            final JsonNode narrowed = set(MANUFACTURER_GLN, "[\"95060001\"]");

            assertThat(texts(narrowed.get("companyPrefixes"))).containsExactly("95060001");
            assertThat(ownerOf(f.manufacturer, GTIN)).isEqualTo(MANUFACTURER_GLN);
            refusedProduct(f.manufacturer, gtin("0950600020001"));
        }

        @Test
        void aPrefixGivenUpIsFreeForANewManufacturersLicence() {
            set(MANUFACTURER_GLN, "[\"9506002\"]");

            final JsonNode newcomer = registerNewcomer("[\"9506000\"]");

            assertThat(texts(newcomer.get("companyPrefixes"))).containsExactly("9506000");
            assertThat(ownerOf(NEWCOMER, GTIN)).isEqualTo(NEWCOMER_GLN);
            refusedProduct(f.manufacturer, gtin("0950600010001"));
        }

        @Test
        void aPrefixGivenUpIsFreeForAnotherManufacturersNewList() {
            set(MANUFACTURER_GLN, "[\"9506002\"]");

            final JsonNode changed = set(MANUFACTURER2_GLN, "[\"9506001\",\"95060004\"]");

            assertThat(texts(changed.get("companyPrefixes"))).containsExactly("95060004", "9506001");
            assertThat(ownerOf(f.manufacturer2, gtin("0950600040001"))).isEqualTo(MANUFACTURER2_GLN);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#prefixesHeldByAnother")
        void aPrefixOverlappingAnotherPartysIsTakenAndTheLicenceIsUnchanged(final String what,
                final String prefix) {
            // Each overlaps a prefix of the manufacturer's; 9506001 is manufacturer2's own, so it goes to the other.
            final String target = prefix.equals("9506001") ? MANUFACTURER_GLN : MANUFACTURER2_GLN;
            final JsonNode before = participant(target);

            // The list's other prefix, 9507123, is free and overlaps none of them.
            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, target,
                    json(List.of("9507123", prefix)), "GS1 allocation"), ErrorCode.COMPANY_PREFIX_TAKEN);

            assertThat(participant(target)).isEqualTo(before);
            assertThat(ownerOf(f.manufacturer, GTIN)).isEqualTo(MANUFACTURER_GLN);
            assertThat(texts(registerNewcomer("[\"9507123\"]").get("companyPrefixes"))).as("9507123 stayed free")
                    .containsExactly("9507123");
        }

        @ParameterizedTest
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#noPrefixes")
        void aManufacturerCannotBeLeftWithoutPrefixes(final String prefixes) {
            final JsonNode before = participant(MANUFACTURER_GLN);
            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, prefixes,
                    "prefix returned"), ErrorCode.INVALID_ARGUMENT);
            assertThat(participant(MANUFACTURER_GLN)).isEqualTo(before);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.dawaledger.chaincode.CompanyPrefixLicenceTest#malformedPrefixLists")
        void aMalformedPrefixListIsRefused(final String what, final String prefixes) {
            final JsonNode before = participant(MANUFACTURER_GLN);
            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, prefixes,
                    "GS1 allocation"), ErrorCode.INVALID_ARGUMENT);
            assertThat(participant(MANUFACTURER_GLN)).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", " padded", "line\nbreak"})
        void aReasonIsRequired(final String reason) {
            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, "[\"9506002\"]",
                    reason), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
        void onlyARegulatorMayChangePrefixes(final String role) {
            final TestIdentity who = switch (role) {
                case "MANUFACTURER" -> f.manufacturer;
                case "IMPORTER" -> f.importer;
                case "DISTRIBUTOR" -> f.distributor;
                default -> f.pharmacy;
            };
            f.refused(who, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN,
                    "[\"9506000\",\"9506002\"]", "more room"), ErrorCode.ROLE_NOT_PERMITTED);
            assertThat(texts(participant(MANUFACTURER_GLN).get("companyPrefixes"))).containsExactly("9506000");
        }

        @Test
        void aManufacturerCannotChangeAnotherManufacturersPrefixesEither() {
            f.refused(f.manufacturer, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER2_GLN, "[\"9506002\"]",
                    "take over"), ErrorCode.ROLE_NOT_PERMITTED);
            assertThat(texts(participant(MANUFACTURER2_GLN).get("companyPrefixes"))).containsExactly("9506001");
        }

        @Test
        void anUnregisteredCallerCannotChangePrefixes() {
            f.refused(f.outsider, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, "[\"9506002\"]",
                    "GS1 allocation"), ErrorCode.CALLER_NOT_REGISTERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUSPENDED", "REVOKED"})
        void aRegulatorThatIsNotActiveCannotChangePrefixes(final String status) {
            f.register(DEPUTY, DEPUTY_GLN, "REGULATOR");
            setStatus(DEPUTY_GLN, status);

            f.refused(DEPUTY, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, "[\"9506002\"]",
                    "GS1 allocation"), ErrorCode.CALLER_NOT_ACTIVE);
        }

        @Test
        void aSecondActiveRegulatorMayChangePrefixes() {
            f.register(DEPUTY, DEPUTY_GLN, "REGULATOR");

            f.call(DEPUTY, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER_GLN, "[\"9506002\"]",
                    "GS1 allocation"));

            assertThat(event("CompanyPrefixesChanged").get("actor").asText()).isEqualTo(DEPUTY_GLN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMPORTER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"})
        void onlyAManufacturersLicenceHoldsPrefixes(final String role) {
            final String target = switch (role) {
                case "IMPORTER" -> IMPORTER_GLN;
                case "DISTRIBUTOR" -> DISTRIBUTOR_GLN;
                case "PHARMACY" -> PHARMACY_GLN;
                default -> REGULATOR_GLN;
            };

            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, target, json(List.of(FREE_PREFIX)),
                    "GS1 allocation"), ErrorCode.ROLE_NOT_PERMITTED);

            assertThat(participant(target).has("companyPrefixes")).isFalse();
            registerNewcomer(json(List.of(FREE_PREFIX)));
            assertThat(ownerOf(NEWCOMER, gtin("0950612300001"))).as("the prefix stayed free").isEqualTo(NEWCOMER_GLN);
        }

        @Test
        void aRevokedManufacturersPrefixesCannotBeChanged() {
            setStatus(MANUFACTURER2_GLN, "REVOKED");

            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, MANUFACTURER2_GLN, "[\"9506002\"]",
                    "GS1 allocation"), ErrorCode.INVALID_STATUS_TRANSITION);
            assertThat(texts(participant(MANUFACTURER2_GLN).get("companyPrefixes"))).containsExactly("9506001");
        }

        @Test
        void aSuspendedManufacturersPrefixesCanBeChanged() {
            setStatus(MANUFACTURER2_GLN, "SUSPENDED");

            final JsonNode changed = set(MANUFACTURER2_GLN, "[\"9506001\",\"9506007\"]");

            assertThat(texts(changed.get("companyPrefixes"))).containsExactly("9506001", "9506007");
            assertThat(changed.get("status").asText()).isEqualTo("SUSPENDED");
        }

        @Test
        void anUnknownParticipantIsNotFound() {
            f.refused(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, gln("950000000099"), "[\"9506002\"]",
                    "GS1 allocation"), ErrorCode.PARTICIPANT_NOT_FOUND);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Function<Context, String> registration(final String gln, final String role, final String prefixes,
            final TestIdentity who) {
        return ctx -> f.contract.registerParticipant(ctx, gln, role, "New Co " + role, "LIC-" + gln, prefixes,
                who.mspId(), who.certificatePem());
    }

    private JsonNode registerNewcomer(final String prefixes) {
        return f.call(f.regulator, registration(NEWCOMER_GLN, "MANUFACTURER", prefixes, NEWCOMER));
    }

    /** A new identity of the role's MSP (a REGULATOR must be of the regulator's). */
    private static TestIdentity newcomerOf(final String role) {
        final String msp = switch (role) {
            case "REGULATOR" -> REGULATOR_MSP;
            case "IMPORTER" -> LedgerFixture.IMPORTER_MSP;
            case "DISTRIBUTOR" -> LedgerFixture.DISTRIBUTOR_MSP;
            case "PHARMACY" -> LedgerFixture.PHARMACY_MSP;
            default -> MANUFACTURER_MSP;
        };
        return TestIdentity.of(msp, "Newcomer");
    }

    private JsonNode set(final String gln, final String prefixes) {
        return f.call(f.regulator, ctx -> f.contract.setCompanyPrefixes(ctx, gln, prefixes, "GS1 allocation"));
    }

    private void setStatus(final String gln, final String status) {
        f.call(f.regulator, ctx -> f.contract.setParticipantStatus(ctx, gln, status, "licence audit"));
    }

    private JsonNode participant(final String gln) {
        return f.query(f.regulator, ctx -> f.contract.getParticipant(ctx, gln));
    }

    /** The newcomer is on the ledger neither by its GLN nor by its identity. */
    private void assertNotRegistered() {
        refusedRead(ctx -> f.contract.getParticipant(ctx, NEWCOMER_GLN), ErrorCode.PARTICIPANT_NOT_FOUND);
        assertThat(f.query(NEWCOMER, f.contract::whoAmI).has("participant")).isFalse();
    }

    /** Registers a product as the manufacturer and returns its owner. */
    private String ownerOf(final TestIdentity manufacturer, final String gtin) {
        return f.registerPendingProduct(manufacturer, gtin).get("ownerGln").asText();
    }

    private void refusedProduct(final TestIdentity manufacturer, final String gtin) {
        f.refused(manufacturer, ctx -> f.contract.registerProduct(ctx, gtin, "Paracetamol", "500 mg", "tablet",
                "REG-" + gtin, ""), ErrorCode.NOT_OWNER);
    }

    private void refusedRead(final Function<Context, String> query, final ErrorCode expected) {
        assertThatThrownBy(() -> f.ledger.evaluate(f.regulator, query))
                .isInstanceOfSatisfying(ChaincodeException.class, e -> {
                    assertThat(e.getMessage()).startsWith("[" + expected.name() + "] ");
                    assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo(expected.name());
                });
    }

    /** The last committed event's payload, which must be of this type. */
    private JsonNode event(final String type) {
        final RecordedEvent recorded = f.ledger.lastEvent().orElseThrow();
        assertThat(recorded.name()).isEqualTo(type);
        return f.lastEvent();
    }

    private static List<String> texts(final JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        assertThat(array.isArray()).as("%s is a JSON array", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> fieldNames(final JsonNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
