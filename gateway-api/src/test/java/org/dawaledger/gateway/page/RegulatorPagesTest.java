package org.dawaledger.gateway.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gs1.Gtin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The regulator's pages in a real Chromium, on the demo world, and a pharmacy kept out of them. */
@QuarkusTest
class RegulatorPagesTest {
    private static final AtomicInteger ITEMS = new AtomicInteger(700);
    private static final List<String> PAGES = List.of("/regulator", "/regulator/imports", "/regulator/alerts",
            "/regulator/products", "/regulator/participants", "/regulator/audit");
    private static final List<String> FORMS = List.of("/regulator/imports/clearance", "/regulator/alerts/resolution",
            "/regulator/products/approval", "/regulator/products/rejection", "/regulator/products/withdrawal",
            "/regulator/products/price", "/regulator/products/recall", "/regulator/participants/status",
            "/regulator/participants/licence");

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayLedger ledger;

    private String token(final String participant) {
        return new TokenStore(config.dataDir()).issue(participant);
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static String scan(final String lot, final String serial) {
        return "(01)" + DemoWorld.GTIN + "(21)" + serial + "(10)" + lot + "(17)" + DemoWorld.EXPIRY;
    }

    /** A pharmacy's signed-in verification of a serial never commissioned: it raises an alert. */
    private String raiseAlert() {
        return given().header("Authorization", "Bearer " + token("pharmacy")).contentType(ContentType.JSON)
                .body(Map.of("code", scan(DemoWorld.LOT, "RG" + System.nanoTime() % 1_000_000_000L)))
                .post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", org.hamcrest.Matchers.equalTo("UNKNOWN_SERIAL"))
                .extract().path("alert.alertId");
    }

    private static String newGtin(final String prefix) {
        final String digits = prefix + String.format(Locale.ROOT, "%05d", ITEMS.incrementAndGet());
        return digits + Gtin.checkDigit(digits);
    }

    private static Select select(final Browser browser, final String css) {
        return new Select(browser.find(css));
    }

    @Test
    void theOverviewChartsTodaysVerificationsByVerdictAndAlertsByCode() {
        given().contentType(ContentType.JSON).body(Map.of("code", scan(DemoWorld.LOT, DemoWorld.serial(80))))
                .post("/api/v1/verify").then().statusCode(200);
        raiseAlert();
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token("regulator"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/regulator");
            assertThat(browser.text("h1")).isEqualTo("Overview");
            assertThat(Long.parseLong(browser.text("#count-imports .count"))).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(browser.text("#count-alerts .count"))).isGreaterThanOrEqualTo(1);

            final String bar = "g.bar[data-date='" + today() + "'] rect";
            assertThat(browser.all("#verifications-chart g.bar")).hasSize(14);
            assertThat(browser.all("#verifications-chart " + bar + "[data-code=ACTIVE]")).hasSize(1);
            assertThat(browser.all("#verifications-chart " + bar + "[data-code=UNKNOWN_SERIAL]")).hasSize(1);
            assertThat(browser.all("#alerts-chart g.bar")).hasSize(14);
            // A signed-in party's failed verification is reported as a suspect pack.
            assertThat(Long.parseLong(browser.find("#alerts-chart " + bar + "[data-code=SUSPECT_REPORTED]")
                    .getAttribute("data-count"))).isGreaterThanOrEqualTo(1);
            // For whoever cannot see it: a title and a description in words, a legend, and the figures as a table.
            assertThat(browser.text("#verifications-chart-title")).isNotNull();
            assertThat(browser.find("#verifications-chart svg").getAttribute("aria-labelledby"))
                    .isEqualTo("verifications-chart-title verifications-chart-desc");
            assertThat((String) browser.script("return document.getElementById('alerts-chart-desc').textContent"))
                    .contains("SUSPECT_REPORTED", today());
            assertThat(browser.text("#verifications-chart .legend")).contains("ACTIVE");
            assertThat(browser.text("#verifications-chart-table tbody tr:last-child th")).isEqualTo(today());
            // Segments told apart by colour: no two codes of a chart share one.
            final List<String> colours = browser.all("#alerts-chart .legend .swatch").stream()
                    .map(swatch -> swatch.getCssValue("background-color")).toList();
            assertThat(colours).doesNotHaveDuplicates();
            browser.checkAccessible().screenshot("regulator-overview", 1280).screenshot("regulator-overview-phone",
                    412);
        }
    }

    @Test
    void anImportIsClearedOnlyWithAReasonAndThenLeavesThePendingList() {
        final String lot = "AUGP" + System.nanoTime() % 1_000_000L;
        given().header("Authorization", "Bearer " + token("importer")).contentType(ContentType.JSON)
                .body(Map.of("gtin", DemoWorld.IMPORTED_GTIN, "lot", lot, "expiry", "291231", "quantity", "5",
                        "permitNumber", "PERMIT-T-1", "portOfEntry", "Karachi Port", "foreignManufacturer",
                        "Beecham Pharmaceuticals (Pte) Ltd"))
                .post("/api/v1/imports").then().statusCode(200);
        final String form = "#clear-" + DemoWorld.IMPORTED_GTIN + "-" + lot;
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token("regulator")).go("/regulator/imports");
            assertThat(browser.all("#pending-imports tr[data-lot='" + DemoWorld.IMPORTED_LOT + "']")).hasSize(1);
            assertThat(browser.all("#pending-imports tr[data-lot='" + lot + "']")).hasSize(1);
            assertThat(browser.text("#pending-imports tr[data-lot='" + lot + "']"))
                    .as("what the importer declared").contains("PERMIT-T-1", "Karachi Port");
            browser.checkAccessible().screenshot("regulator-imports", 1280);

            final long height = ledger.ledger().height();
            select(browser, form + "-decision").selectByValue("RELEASE");
            browser.click(form + " button[type=submit]");
            assertThat(browser.text(form + "-reason-error")).startsWith("INVALID_ARGUMENT: reason");
            assertThat(ledger.ledger().height()).as("nothing written").isEqualTo(height);

            browser.type(form + "-reason", "Permit and certificate of analysis checked")
                    .click(form + " button[type=submit]");
            assertThat(browser.text("#done")).contains(lot, "RELEASED");
            assertThat(browser.all("#pending-imports tr[data-lot='" + lot + "']")).isEmpty();
            assertThat(browser.all("#pending-imports tr[data-lot='" + DemoWorld.IMPORTED_LOT + "']")).hasSize(1);

            given().header("Authorization", "Bearer " + token("regulator"))
                    .get("/api/v1/batches/" + DemoWorld.IMPORTED_GTIN + "/" + lot).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("RELEASED"));
            browser.go("/regulator/audit?importer=" + DemoWorld.IMPORTER_GLN);
            assertThat(browser.text("#importer-imports tr[data-lot='" + lot + "'] .status")).startsWith("RELEASED");
            assertThat(browser.text("#importer-imports tr[data-lot='" + lot + "']")).contains("PERMIT-T-1");
            assertThat(browser.find("#importer-importer").getAttribute("value")).isEqualTo(DemoWorld.IMPORTER_GLN);
        }
    }

    @Test
    void anOpenAlertIsResolvedWithAWhoFindingAndMovesToTheResolved() {
        final String alertId = raiseAlert();
        final String form = "#resolve-" + alertId;
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token("regulator")).go("/regulator/alerts");
            assertThat(browser.text("#findings-legend")).contains("SUBSTANDARD", "UNREGISTERED", "FALSIFIED",
                    "FALSE_ALARM");
            assertThat(browser.text("#open-alerts tr[data-alert='" + alertId + "']")).contains("UNKNOWN_SERIAL");
            assertThat(select(browser, form + "-finding").getOptions().stream().map(WebElement::getText).toList())
                    .containsExactly("SUBSTANDARD", "UNREGISTERED", "FALSIFIED", "FALSE_ALARM");
            browser.checkAccessible().screenshot("regulator-alerts", 1280);

            select(browser, form + "-finding").selectByValue("FALSIFIED");
            browser.type(form + "-note", "Counterfeit carton seized at the pharmacy").click(form + " button");
            assertThat(browser.text("#done")).contains(alertId, "FALSIFIED");
            assertThat(browser.all("#open-alerts tr[data-alert='" + alertId + "']")).isEmpty();
            assertThat(browser.text("#resolved-alerts tr[data-alert='" + alertId + "']"))
                    .contains("FALSIFIED", "Counterfeit carton seized");
        }
    }

    @Test
    void aProductIsApprovedAndPricedAndAPriceOfThreeDecimalsIsRefusedAtItsFieldChangingNothing() {
        final String gtin = newGtin("08960001");
        given().header("Authorization", "Bearer " + token("manufacturer")).contentType(ContentType.JSON)
                .body(Map.of("gtin", gtin, "name", "Brufen", "strength", "400 mg", "dosageForm", "tablet",
                        "registrationNumber", "REG-" + gtin))
                .post("/api/v1/products").then().statusCode(200);
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token("regulator")).go("/regulator/products");
            assertThat(browser.all("#pending-products tr[data-gtin='" + gtin + "']")).hasSize(1);
            assertThat(browser.text("#products tr[data-gtin='" + DemoWorld.GTIN + "'] .price-in-force"))
                    .startsWith("Rs 34.50 from " + DemoWorld.PRICE_FROM);
            browser.checkAccessible().screenshot("regulator-products", 1280);
            browser.type("#decide-" + gtin + "-reason", "Registration REG-" + gtin)
                    .click("#decide-" + gtin + " button.approve");
            assertThat(browser.text("#done")).isEqualTo("Product " + gtin + " is approved.");
            assertThat(browser.text("#products tr[data-gtin='" + gtin + "']")).contains("APPROVED");

            final long height = ledger.ledger().height();
            browser.type("#price-gtin", gtin).type("#price-rupees", "12.345")
                    .type("#price-reference", "S.R.O. 77(I)/2026");
            browser.script("document.getElementById('price-effectiveFrom').value = '" + today() + "';");
            browser.click("#price button[type=submit]");
            assertThat(browser.text("#price-rupees-error")).startsWith("INVALID_ARGUMENT: rupees");
            assertThat(browser.find("#price-rupees").getAttribute("value")).isEqualTo("12.345");
            assertThat(browser.find("#price-gtin").getAttribute("value")).isEqualTo(gtin);
            assertThat(ledger.ledger().height()).as("nothing written").isEqualTo(height);
            assertThat(browser.text("#products tr[data-gtin='" + gtin + "'] .price-in-force")).isEqualTo("none");
            browser.checkAccessible().screenshot("regulator-products-refused", 1280);

            // The date the contract judges: a refusal with its code at the field it names.
            browser.type("#price-rupees", "12.5");
            browser.script("document.getElementById('price-effectiveFrom').value = '2019-12-31';");
            browser.click("#price button[type=submit]");
            assertThat(browser.text("#price-effectiveFrom-error")).startsWith("INVALID_ARGUMENT: effectiveFrom");
            assertThat(ledger.ledger().height()).as("nothing written").isEqualTo(height);

            browser.script("document.getElementById('price-effectiveFrom').value = '" + today() + "';");
            browser.click("#price button[type=submit]");
            assertThat(browser.text("#done")).isEqualTo("The price of " + gtin + " from " + today() + " is Rs 12.5.");
            assertThat(browser.text("#products tr[data-gtin='" + gtin + "'] .price-in-force"))
                    .isEqualTo("Rs 12.50 from " + today() + " (S.R.O. 77(I)/2026)");
        }
    }

    @Test
    void participantsShowTheirLicencesAndALicenceWithoutACertificateIsRefusedAtItsField() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token("regulator")).go("/regulator/participants");
            assertThat(browser.text("#participants tr[data-gln='" + DemoWorld.MANUFACTURER_GLN + "']"))
                    .contains("Indus Pharmaceuticals Ltd", "MANUFACTURER", "8960001", "ACTIVE");
            assertThat(browser.all("#status-" + DemoWorld.REGULATOR_GLN)).as("no form to suspend oneself").isEmpty();
            browser.checkAccessible().screenshot("regulator-participants", 1280);

            final long height = ledger.ledger().height();
            browser.type("#licence-gln", "8960000000999").type("#licence-legalName", "Test Pharmacy")
                    .type("#licence-licenceNumber", "DPL-1").type("#licence-mspId", "PharmacyMSP")
                    .type("#licence-certificatePem", "not a certificate").click("#licence button[type=submit]");
            assertThat(browser.find("#licence .field.invalid").getText()).contains("INVALID_ARGUMENT");
            assertThat(browser.find("#licence-legalName").getAttribute("value")).isEqualTo("Test Pharmacy");
            assertThat(ledger.ledger().height()).as("nothing written").isEqualTo(height);

            browser.go("/regulator/audit?gtin=" + DemoWorld.GTIN + "&serial=" + DemoWorld.serial(1));
            assertThat(browser.all("#history tbody tr").stream().map(row -> row.getAttribute("data-action"))
                    .toList()).contains("COMMISSIONED", "DISPENSED");
            assertThat(browser.find("#pack-serial").getAttribute("value")).isEqualTo(DemoWorld.serial(1));
            browser.checkAccessible().screenshot("regulator-audit", 1280);

            browser.go("/regulator/audit?code=" + java.net.URLEncoder.encode("(01)" + DemoWorld.GTIN + "(21)NOPE",
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(browser.find("#pack .error").getText()).contains("PACK_NOT_FOUND");
        }
    }

    @Test
    void aPharmacyIsRefusedEveryRegulatorPageAndFormAndIsOfferedNone() {
        final String pharmacy = token("pharmacy");
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(pharmacy);
            assertThat(browser.all("nav.staff a[href^='/regulator']")).isEmpty();
            for (final String page : PAGES) {
                browser.go(page);
                assertThat(browser.text("#refused")).as(page).startsWith("ACCESS_DENIED: this page is for the"
                        + " regulator");
            }
            final String csrf = browser.find("form[action='/sign-out'] input[name=csrf]").getAttribute("value");
            final long height = ledger.ledger().height();
            for (final String page : PAGES) {
                given().cookie(StaffSessions.COOKIE, pharmacy).redirects().follow(false).get(page).then()
                        .statusCode(403);
            }
            for (final String form : FORMS) {
                given().cookie(StaffSessions.COOKIE, pharmacy).redirects().follow(false)
                        .formParams(Map.of("csrf", csrf, "gtin", DemoWorld.IMPORTED_GTIN, "lot",
                                DemoWorld.IMPORTED_LOT, "decision", "REJECT", "reason", "no", "gln",
                                DemoWorld.MANUFACTURER_GLN, "status", "REVOKED", "rupees", "1", "effectiveFrom",
                                "2026-01-01", "reference", "x"))
                        .post(form).then().statusCode(403);
            }
            assertThat(ledger.ledger().height()).as("nothing written").isEqualTo(height);
            given().redirects().follow(false).get("/regulator/imports").then().statusCode(303)
                    .header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        }
    }
}
