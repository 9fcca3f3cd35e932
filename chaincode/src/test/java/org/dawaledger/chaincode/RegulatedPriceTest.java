package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.REGULATOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.gtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.product.Prices;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SetRegulatedPrice, and the price VerifyPack and GetProduct answer. The fixture's ledger date is 2026-01-15. */
class RegulatedPriceTest {
    private static final String NOTIFICATION = "S.R.O. 1234(I)/2026";
    /** A valid GTIN nobody registered. */
    private static final String UNKNOWN_GTIN = gtin("0950600077777");

    private final LedgerFixture f = LedgerFixture.withCommissionedPacks();

    private Function<Context, String> setPrice(final String gtin, final String paisa, final String effectiveFrom,
            final String reference) {
        return ctx -> f.contract.setRegulatedPrice(ctx, gtin, paisa, effectiveFrom, reference);
    }

    private JsonNode set(final String paisa, final String effectiveFrom) {
        return f.call(f.regulator, setPrice(GTIN, paisa, effectiveFrom, NOTIFICATION));
    }

    private JsonNode product(final String gtin) {
        return f.query(f.outsider, ctx -> f.contract.getProduct(ctx, gtin));
    }

    private JsonNode verify(final String serial, final String lot, final String expiry) {
        return f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, GTIN, serial, lot, expiry));
    }

    /** The call is refused with the code, and the world state is exactly as before. */
    private ChaincodeException refusedUnchanged(final TestIdentity who, final Function<Context, String> call,
            final ErrorCode expected) {
        final Map<String, String> before = f.ledger.snapshotAsStrings();
        final ChaincodeException refusal = f.refused(who, call, expected);
        assertThat(f.ledger.snapshotAsStrings()).as("the world state after a refusal").isEqualTo(before);
        return refusal;
    }

    private static List<String> effectiveDates(final JsonNode prices) {
        return prices.findValuesAsText("effectiveFrom");
    }

    @Test
    void theRegulatorSetsAPriceAndGetProductAnswersIt() {
        final JsonNode history = set("3450", "2026-01-01");

        final JsonNode price = history.at("/prices/0");
        assertThat(history.get("gtin").asText()).isEqualTo(GTIN);
        assertThat(history.get("prices")).hasSize(1);
        assertThat(price.get("paisa").isIntegralNumber()).isTrue();
        assertThat(price.get("paisa").asLong()).isEqualTo(3450);
        assertThat(price.get("effectiveFrom").asText()).isEqualTo("2026-01-01");
        assertThat(price.get("reference").asText()).isEqualTo(NOTIFICATION);
        assertThat(price.get("setAt").asText()).isEqualTo(f.ledger.now().toString());
        assertThat(price.get("setBy").asText()).isEqualTo(REGULATOR_GLN);
        assertThat(price.get("txId").asText()).isEqualTo(f.ledger.lastTxId());

        assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("RegulatedPriceSet");
        final JsonNode event = f.lastEvent();
        assertThat(event.get("type").asText()).isEqualTo("RegulatedPriceSet");
        assertThat(event.get("actor").asText()).isEqualTo(REGULATOR_GLN);
        assertThat(event.at("/data/gtin").asText()).isEqualTo(GTIN);
        assertThat(event.at("/data/price")).isEqualTo(price);
        assertThat(event.at("/data").has("replaced")).isFalse();

        assertThat(product(GTIN).get("regulatedPrices")).isEqualTo(history.get("prices"));
        assertThat(product(GTIN).get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aProductWithoutAPriceAnswersNoneAndItsStoredRecordNeverHoldsTheHistory() {
        assertThat(product(GTIN).has("regulatedPrices")).isFalse();
        assertThat(verify("S0001", "LOT1", EXPIRY).has("regulatedPrice")).isFalse();

        set("3450", "2026-01-01");
        assertThat(f.ledger.snapshotAsStrings().entrySet()).filteredOn(e -> e.getKey().startsWith("\u0000product\u0000"))
                .allSatisfy(e -> assertThat(e.getValue()).doesNotContain("regulatedPrices"));
    }

    @Test
    void theHistoryIsNewestFirstAndThePriceInForceIsTheLatestThatTookEffectByToday() {
        set("3000", "2025-07-01");
        set("3600", "2026-03-01");
        set("3450", "2026-01-15");

        assertThat(effectiveDates(product(GTIN).get("regulatedPrices")))
                .containsExactly("2026-03-01", "2026-01-15", "2025-07-01");
        final JsonNode today = verify("S0001", "LOT1", EXPIRY).get("regulatedPrice");
        assertThat(today.get("paisa").asLong()).isEqualTo(3450);
        assertThat(today.get("effectiveFrom").asText()).isEqualTo("2026-01-15");
        assertThat(today.get("reference").asText()).isEqualTo(NOTIFICATION);

        f.ledger.advance(Duration.ofDays(44)); // 2026-02-28
        assertThat(verify("S0001", "LOT1", EXPIRY).at("/regulatedPrice/paisa").asLong()).isEqualTo(3450);
        f.ledger.advance(Duration.ofDays(1)); // 2026-03-01
        assertThat(verify("S0001", "LOT1", EXPIRY).at("/regulatedPrice/paisa").asLong()).isEqualTo(3600);
    }

    @Test
    void aPriceThatTakesEffectLaterIsNotInForceYet() {
        set("3600", "2026-01-16");
        assertThat(verify("S0001", "LOT1", EXPIRY).has("regulatedPrice")).isFalse();
        assertThat(product(GTIN).get("regulatedPrices")).hasSize(1);
    }

    @Test
    void aPriceForADateThatHasOneReplacesItAndTheEventSaysWhatItReplaced() {
        final JsonNode first = set("3450", "2026-01-01").at("/prices/0");
        set("3000", "2025-07-01");
        final JsonNode corrected = set("3405", "2026-01-01");

        assertThat(corrected.get("prices")).hasSize(2);
        assertThat(corrected.at("/prices/0/paisa").asLong()).isEqualTo(3405);
        assertThat(f.lastEvent().at("/data/replaced")).isEqualTo(first);
        assertThat(verify("S0001", "LOT1", EXPIRY).at("/regulatedPrice/paisa").asLong()).isEqualTo(3405);
    }

    @Test
    void thePriceInForceIsAnsweredAtEveryLevelWhateverTheVerdict() {
        set("3450", "2026-01-01");
        final Map<String, JsonNode> verdicts = Map.of(
                "PACK", verify("S0001", "LOT1", EXPIRY),
                "PACK unknown serial", verify("NOPE", "", ""),
                "BATCH", verify("", "LOT1", EXPIRY),
                "BATCH unknown lot", verify("", "NOLOT", ""),
                "PRODUCT", verify("", "", ""));
        verdicts.forEach((level, verdict) -> assertThat(verdict.at("/regulatedPrice/paisa").asLong())
                .as(level).isEqualTo(3450));
        assertThat(verdicts.get("BATCH").get("level").asText()).isEqualTo("BATCH");
        assertThat(verdicts.get("PRODUCT").get("level").asText()).isEqualTo("PRODUCT");

        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));
        final JsonNode withdrawn = verify("S0001", "LOT1", EXPIRY);
        assertThat(withdrawn.get("verdict").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.at("/regulatedPrice/paisa").asLong()).isEqualTo(3450);
    }

    @Test
    void anUnknownProductHasNoPrice() {
        final JsonNode verdict = f.query(f.outsider, ctx -> f.contract.verifyPack(ctx, UNKNOWN_GTIN, "S1", "", ""));
        assertThat(verdict.get("verdict").asText()).isEqualTo("UNKNOWN_PRODUCT");
        assertThat(verdict.has("regulatedPrice")).isFalse();
    }

    @Test
    void aPriceMayBeSetInThePastForACorrectionAndTheHighestPriceIsAccepted() {
        set(Long.toString(Prices.MAX_PAISA), "2020-01-01");
        assertThat(verify("S0001", "LOT1", EXPIRY).at("/regulatedPrice/paisa").asLong()).isEqualTo(Prices.MAX_PAISA);
        set("1", "2199-12-31");
    }

    @Test
    void aFullHistoryTakesNoNewDateButStillTakesACorrection() {
        java.time.LocalDate day = java.time.LocalDate.parse("2020-01-01");
        for (int i = 0; i < Prices.MAX_PRICES; i++) {
            set(Integer.toString(1000 + i), day.plusDays(i).toString());
        }
        refusedUnchanged(f.regulator, setPrice(GTIN, "5000", "2026-01-15", NOTIFICATION), ErrorCode.TOO_MANY_ITEMS);
        final JsonNode corrected = set("999", "2020-01-01");
        assertThat(corrected.get("prices")).hasSize(Prices.MAX_PRICES);
        assertThat(corrected.at("/prices/" + (Prices.MAX_PRICES - 1) + "/paisa").asLong()).isEqualTo(999);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MANUFACTURER", "IMPORTER", "DISTRIBUTOR", "PHARMACY"})
    void onlyARegulatorMaySetAPriceNotEvenTheProductsOwner(final String role) {
        set("3450", "2026-01-01");
        refusedUnchanged(f.party(role), setPrice(GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.ROLE_NOT_PERMITTED);
    }

    @Test
    void anUnregisteredIdentityCannotSetAPrice() {
        refusedUnchanged(f.outsider, setPrice(GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.CALLER_NOT_REGISTERED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUSPENDED", "REVOKED"})
    void aRegulatorThatIsNotActiveCannotSetAPrice(final String status) {
        final TestIdentity inactive = f.regulatorWhoIs(status);
        refusedUnchanged(inactive, setPrice(GTIN, "100", "2026-01-02", NOTIFICATION), ErrorCode.CALLER_NOT_ACTIVE);
    }

    @Test
    void anUnknownProductIsNotFound() {
        refusedUnchanged(f.regulator, setPrice(UNKNOWN_GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.PRODUCT_NOT_FOUND);
    }

    @Test
    void aProductPendingApprovalOrRejectedIsNotPriced() {
        f.registerPendingProduct(f.importer, LedgerFixture.IMPORTED_GTIN);
        refusedUnchanged(f.regulator, setPrice(LedgerFixture.IMPORTED_GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.PRODUCT_NOT_APPROVED);
        f.call(f.regulator, ctx -> f.contract.rejectProduct(ctx, LedgerFixture.IMPORTED_GTIN, "dossier incomplete"));
        refusedUnchanged(f.regulator, setPrice(LedgerFixture.IMPORTED_GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.PRODUCT_NOT_APPROVED);
    }

    @Test
    void aWithdrawnProductIsNotPricedAndKeepsItsHistory() {
        set("3450", "2026-01-01");
        f.call(f.regulator, ctx -> f.contract.withdrawProduct(ctx, GTIN, "unsafe"));
        refusedUnchanged(f.regulator, setPrice(GTIN, "100", "2026-01-02", NOTIFICATION),
                ErrorCode.PRODUCT_WITHDRAWN);
        assertThat(product(GTIN).get("regulatedPrices")).hasSize(1);
    }

    static Stream<Arguments> badPrices() {
        final String over = Long.toString(Prices.MAX_PAISA + 1);
        return Stream.of(
                Arguments.of("12345", "3450", "2026-01-01", NOTIFICATION, "gtin"),
                Arguments.of("", "3450", "2026-01-01", NOTIFICATION, "gtin"),
                Arguments.of(GTIN, "", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "0", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "-3450", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "+3450", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "34.50", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "3450.0", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "3.45e3", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "3e3", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, " 3450", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "3,450", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "\u0663\u0664\u0665\u0660", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, over, "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "99999999999999999999", "2026-01-01", NOTIFICATION, "paisa"),
                Arguments.of(GTIN, "3450", "", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2026-1-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2026-02-30", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2026-13-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "260101", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "01-01-2026", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2026-01-01T00:00:00Z", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "+2026-01-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", " 2026-01-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "\uff12\uff10\uff12\uff16-01-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2019-12-31", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2200-01-01", NOTIFICATION, "effectiveFrom"),
                Arguments.of(GTIN, "3450", "2026-01-01", "", "reference"),
                Arguments.of(GTIN, "3450", "2026-01-01", "   ", "reference"),
                Arguments.of(GTIN, "3450", "2026-01-01", "S".repeat(
                        org.dawaledger.chaincode.ledger.Arguments.MAX_REFERENCE + 1), "reference"),
                Arguments.of(GTIN, "3450", "2026-01-01", NOTIFICATION + " ", "reference"),
                Arguments.of(GTIN, "3450", "2026-01-01", "S.R.O.\n1234", "reference"),
                Arguments.of(GTIN, "3450", "2026-01-01", "S.R.O.\u200b1234", "reference"));
    }

    @ParameterizedTest(name = "[{index}] bad {4}: {1} {2} {3}")
    @MethodSource("badPrices")
    void eachMalformedArgumentIsRefusedAndNamed(final String gtin, final String paisa, final String effectiveFrom,
            final String reference, final String argument) {
        set("3450", "2025-07-01");
        final ChaincodeException refusal = refusedUnchanged(f.regulator, setPrice(gtin, paisa, effectiveFrom,
                reference), ErrorCode.INVALID_ARGUMENT);
        assertThat(refusal.getMessage()).contains(argument);
    }
}
