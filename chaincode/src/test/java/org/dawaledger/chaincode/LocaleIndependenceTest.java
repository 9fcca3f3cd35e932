package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dawaledger.chaincode.LedgerFixture.DISTRIBUTOR_GLN;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;
import static org.dawaledger.chaincode.LedgerFixture.PHARMACY_GLN;
import static org.dawaledger.chaincode.LedgerFixture.json;
import static org.dawaledger.chaincode.LedgerFixture.packsJson;
import static org.dawaledger.chaincode.LedgerFixture.serials;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.pack.Lifecycle;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endorsing peer must compute the same answer and write set, whatever the default locale of its JVM. Under
 * Egyptian Arabic, Java formats numbers with Arabic-Indic digits (١٠٠١), so alert ids and refusal messages must not
 * depend on the default locale.
 */
class LocaleIndependenceTest {
    private static final Locale EGYPTIAN_ARABIC = new Locale("ar", "EG");
    private static final Pattern ALERT_ID = Pattern.compile("[0-9a-f]{64}-[0-9]{4}");
    /** A decimal digit that is not one of ASCII 0-9. */
    private static final Pattern NON_ASCII_DIGIT = Pattern.compile("[\\p{Nd}&&[^0-9]]");

    private Locale previousDefault;
    private Locale previousFormat;
    private Locale previousDisplay;
    private LedgerFixture f;

    @BeforeEach
    void runUnderEgyptianArabic() {
        previousDefault = Locale.getDefault();
        previousFormat = Locale.getDefault(Locale.Category.FORMAT);
        previousDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(EGYPTIAN_ARABIC);
        assertThat(String.format("%d", 7)).as("the locale really formats digits its own way").isNotEqualTo("7");

        f = LedgerFixture.withCommissionedPacks();
        f.deliverToPharmacy(f.pharmacy, PHARMACY_GLN, serials("S", 1, 3));
    }

    @AfterEach
    void restoreTheDefaultLocale() {
        Locale.setDefault(previousDefault);
        Locale.setDefault(Locale.Category.FORMAT, previousFormat);
        Locale.setDefault(Locale.Category.DISPLAY, previousDisplay);
    }

    @Test
    void anAlertIdIsTheTransactionIdAndAnAsciiSequenceNumber() {
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))));
        f.ledger.advance(Duration.ofHours(1));

        final JsonNode outcomes = f.call(f.pharmacy,
                ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001", "S0002", "S9999"))));

        final String first = outcomes.get(0).get("alertId").asText();
        final String second = outcomes.get(2).get("alertId").asText();
        assertThat(first).matches(ALERT_ID).isEqualTo(f.ledger.lastTxId() + "-0001");
        assertThat(second).matches(ALERT_ID).isEqualTo(f.ledger.lastTxId() + "-0002");
        final JsonNode alert = f.query(f.regulator, ctx -> f.contract.getAlert(ctx, first));
        assertThat(alert.get("alertId").asText()).isEqualTo(first);
        final JsonNode open = f.query(f.regulator, ctx -> f.contract.listAlerts(ctx, "OPEN", "", ""));
        assertThat(open.at("/records/0/alertId").asText()).isEqualTo(first);
        assertThat(open.at("/records/1/alertId").asText()).isEqualTo(second);
        assertAsciiDigitsOnly(outcomes.toString());
        assertAsciiDigitsOnly(f.lastEvent().toString());
    }

    @Test
    void theWorldStateHoldsOnlyAsciiDigits() {
        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))));
        f.call(f.pharmacy2, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))));
        f.call(f.regulator, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"));

        f.ledger.snapshotAsStrings().forEach((key, value) -> {
            assertAsciiDigitsOnly(key);
            assertAsciiDigitsOnly(value);
        });
    }

    @Test
    void refusalMessagesWriteTheirNumbersInAsciiDigits() {
        final List<Map<String, String>> tooMany = serials("X", 1, Lifecycle.MAX_ITEMS_PER_CALL + 1).stream()
                .map(serial -> Map.of("gtin", GTIN, "serial", serial)).toList();
        final ChaincodeException tooManyItems = f.refused(f.pharmacy,
                ctx -> f.contract.dispensePacks(ctx, json(tooMany)), ErrorCode.TOO_MANY_ITEMS);
        assertThat(tooManyItems.getMessage()).contains("1001").contains("1000");

        f.registerBatch(GTIN, "BULK1", EXPIRY, 100);
        final String units = json(Map.of("quantities", List.of(Map.of("gtin", GTIN, "lot", "BULK1",
                "quantity", 101))));
        final ChaincodeException insufficient = f.refused(f.manufacturer,
                ctx -> f.contract.shipPacks(ctx, DISTRIBUTOR_GLN, units), ErrorCode.INSUFFICIENT_STOCK);
        assertThat(insufficient.getMessage()).contains("100").contains("101");

        f.call(f.pharmacy, ctx -> f.contract.dispensePacks(ctx, packsJson(List.of("S0001"))));
        f.ledger.advance(Lifecycle.UNDO_WINDOW.plusDays(1));
        final ChaincodeException tooLate = f.refused(f.pharmacy,
                ctx -> f.contract.undoDecommission(ctx, GTIN, "S0001"), ErrorCode.UNDO_WINDOW_EXCEEDED);
        assertThat(tooLate.getMessage()).contains("10 days");

        final ChaincodeException tooLong = f.refused(f.pharmacy, ctx -> f.contract.reportSuspectPack(ctx, GTIN,
                "S0002", "", "", "x".repeat(501)), ErrorCode.INVALID_ARGUMENT);
        assertThat(tooLong.getMessage()).contains("500");

        for (final ChaincodeException refusal : List.of(tooManyItems, insufficient, tooLate, tooLong)) {
            assertAsciiDigitsOnly(refusal.getMessage());
        }
    }

    private static void assertAsciiDigitsOnly(final String text) {
        assertThat(NON_ASCII_DIGIT.matcher(text).find()).as("non-ASCII digits in %s", text).isFalse();
    }
}
