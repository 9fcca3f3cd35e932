package org.dawaledger.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gs1.Gtin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The manufacturer's and importer's pages in a real Chromium. */
@QuarkusTest
class MakerPagesTest {
    @TestHTTPResource("/")
    URL gateway;

    @Inject
    GatewayConfig config;

    @Test
    void aManufacturerRegistersABatchAndWatchesItsSerialUploadToTheEndAcrossAReload() throws Exception {
        final Path csv = Files.createTempFile("serials", ".csv");
        // Several chunks under test (a thousand serials each), so that the progress has steps.
        Files.writeString(csv, "serial\n" + IntStream.rangeClosed(1, 5_000)
                .mapToObj(n -> String.format(Locale.ROOT, "WEB%06d", n)).collect(Collectors.joining("\n")));
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(new TokenStore(config.dataDir()).issue("manufacturer"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/products");
            assertThat(browser.text("#products")).contains("Panadol", DemoWorld.LOT, DemoWorld.RECALLED_LOT);

            browser.type("#batch-gtin", DemoWorld.GTIN).type("#batch-lot", "WEB2601")
                    .type("#batch-quantity", "5000");
            browser.find("#batch-expiry").sendKeys("12312029");
            browser.click("#batch button[type=submit]");
            assertThat(browser.text("main")).contains("Batch WEB2601 registered");
            browser.checkAccessible().screenshot("manufacturer", 1280);

            browser.type("#serials-gtin", DemoWorld.GTIN).type("#serials-lot", "WEB2601");
            browser.find("#serials-serials").sendKeys(csv.toString());
            browser.click("#serials button[type=submit]");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().contains("/uploads/"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> !d.findElements(org.openqa.selenium.By.id("progress")).isEmpty());
            final String job = browser.driver().getCurrentUrl();
            assertThat(browser.find("#progress").getAttribute("max")).isEqualTo("5000");
            browser.screenshot("manufacturer-upload", 1280);
            browser.go("/products").go(job.substring(job.indexOf("/uploads/")));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).until(d ->
                    "DONE".equals(d.findElement(org.openqa.selenium.By.id("state")).getAttribute("data-state")));
            assertThat(browser.find("#progress").getAttribute("value")).isEqualTo("5000");
            assertThat(browser.text("#state")).contains("5000 of 5000 serials commissioned (100%)");
            browser.checkAccessible().screenshot("manufacturer-upload-done", 1280);
        } finally {
            Files.deleteIfExists(csv);
        }
        io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"code\": \"(01)" + DemoWorld.GTIN + "(21)WEB004999(10)WEB2601(17)291231\"}")
                .post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndShowsTheContractsCodeBesideTheField() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(new TokenStore(config.dataDir()).issue("manufacturer"));
            browser.type("#product-gtin", "08960001000016").type("#product-name", "Brufen")
                    .type("#product-strength", "400 mg").type("#product-dosageForm", "tablet")
                    .type("#product-registrationNumber", "REG-777");
            browser.click("#product button[type=submit]");
            assertThat(browser.text("#product-gtin-error")).startsWith("INVALID_ARGUMENT:");
            assertThat(browser.find("#product-name").getAttribute("value")).isEqualTo("Brufen");

            // A serial upload for a batch this manufacturer does not have: the contract's code, nothing started.
            final int jobs = browser.all("#uploads tbody tr").size();
            browser.type("#serials-gtin", DemoWorld.GTIN).type("#serials-lot", "NOSUCHLOT");
            browser.find("#serials-serials").sendKeys(writeCsv("X1\nX2").toString());
            browser.click("#serials button[type=submit]");
            assertThat(browser.text("#serials")).contains("BATCH_NOT_FOUND");
            assertThat(browser.all("#uploads tbody tr")).as("no job was made").hasSize(jobs);
        }
    }

    @Test
    void anImporterDeclaresAnImportAndSeesItAwaitClearance() {
        final String digits = "0401234509" + String.format(Locale.ROOT, "%03d", 7);
        final String gtin = digits + Gtin.checkDigit(digits);
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(new TokenStore(config.dataDir()).issue("importer"));
            assertThat(browser.text("#imports")).contains(DemoWorld.IMPORTED_LOT, "PENDING_CLEARANCE");
            browser.type("#product-gtin", gtin).type("#product-name", "Zinnat").type("#product-strength", "500 mg")
                    .type("#product-dosageForm", "tablet").type("#product-registrationNumber", "REG-I-9001")
                    .type("#product-foreignManufacturer", "Glaxo Operations UK Ltd");
            browser.click("#product button[type=submit]");
            assertThat(browser.text("#products")).contains(gtin, "PENDING");
            browser.type("#import-gtin", DemoWorld.IMPORTED_GTIN).type("#import-lot", "AUG2407")
                    .type("#import-quantity", "40").type("#import-permitNumber", "PERMIT-2026-3")
                    .type("#import-portOfEntry", "Karachi Port")
                    .type("#import-foreignManufacturer", "Beecham Pharmaceuticals (Pte) Ltd");
            browser.find("#import-expiry").sendKeys("06302029");
            browser.click("#import button[type=submit]");
            assertThat(browser.find("#imports tr[data-lot=AUG2407]").getText()).contains("PENDING_CLEARANCE");
            browser.checkAccessible().screenshot("importer", 1280);
        }
    }

    private static Path writeCsv(final String serials) {
        try {
            final Path csv = Files.createTempFile("serials", ".csv");
            Files.writeString(csv, serials);
            csv.toFile().deleteOnExit();
            return csv;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
