package org.dawaledger.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.junit.jupiter.api.Test;

/** The pharmacy's counter in a real Chromium: sign in, verify, dispense, and what the day shows. */
@QuarkusTest
class PharmacyPageTest {
    @TestHTTPResource("/")
    URL gateway;

    @Inject
    GatewayConfig config;

    private static String scan(final String serial) {
        return "(01)" + DemoWorld.GTIN + "(21)" + serial + "(10)" + DemoWorld.LOT + "(17)" + DemoWorld.EXPIRY;
    }

    @Test
    void aPharmacistDispensesPacksEachAnsweredOnItsOwnAndSeesThemInTodaysList() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(new TokenStore(config.dataDir()).issue("pharmacy"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/pharmacy");
            assertThat(browser.text("#signed-in")).contains("Shifa Pharmacy");
            assertThat(browser.all("nav.staff a")).extracting(link -> link.getAttribute("href"))
                    .noneMatch(href -> href.contains("/regulator"));
            browser.checkAccessible();

            browser.type("#scan-scans", scan(DemoWorld.serial(36)) + "\n" + scan(DemoWorld.serial(37)));
            browser.click("#scan button[value=verify]");
            assertThat(browser.all("#results tbody tr")).extracting(row -> row.getAttribute("data-code"))
                    .containsExactly("ACTIVE", "ACTIVE");

            // Two packs it holds, one dispensed already, one it never had, and a misread: each answered alone.
            browser.type("#scan-scans", String.join("\n", scan(DemoWorld.serial(36)), scan(DemoWorld.serial(37)),
                    scan(DemoWorld.serial(1)), scan(DemoWorld.serial(90)), "(01)08960001000016(21)X"));
            browser.click("#scan button[value=dispense]");
            assertThat(browser.all("#results tbody tr")).extracting(row -> row.getAttribute("data-code"))
                    .containsExactly("SUPPLIED", "SUPPLIED", "ALREADY_SUPPLIED", "NOT_CUSTODIAN", "INVALID_SCAN");
            assertThat(browser.all("#results tbody tr").get(2).getText()).containsPattern("-\\d{4}");
            assertThat(browser.text("#dispensed")).contains(DemoWorld.serial(36), DemoWorld.serial(37));
            assertThat(browser.text("#alerts")).contains("ALREADY_SUPPLIED");
            browser.checkAccessible().screenshot("pharmacy", 1280);
        }
    }

    @Test
    void anEmptyFormIsRefusedNextToTheFieldAndAFormFromElsewhereIsRefused() {
        final String token = new TokenStore(config.dataDir()).issue("pharmacy");
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.signIn(token);
            browser.click("#scan button[value=dispense]");
            assertThat(browser.text("#scan-scans-error")).startsWith("INVALID_ARGUMENT:");
            assertThat(browser.find("#scan-scans").getAttribute("aria-describedby")).contains("scan-scans-error");
        }
        // A form posted from another site carries the cookie at most, never the form token.
        io.restassured.RestAssured.given().cookie(StaffSessions.COOKIE, token).formParam("scans", scan("PAN000042"))
                .formParam("action", "dispense").post("/pharmacy/scan").then().statusCode(403);
        io.restassured.RestAssured.given().redirects().follow(false).get("/pharmacy").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
    }

    @Test
    void aWrongOrRevokedTokenDoesNotSignIn() {
        final TokenStore tokens = new TokenStore(config.dataDir());
        final String token = tokens.issue("pharmacy");
        tokens.revoke(token.substring(4, 12));
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.go("/sign-in").type("#token", token).click("#sign-in button[type=submit]");
            assertThat(browser.text("#token-error")).startsWith("UNAUTHENTICATED");
            browser.checkAccessible().screenshot("sign-in-refused", 412);
            browser.go("/pharmacy");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/sign-in");
        }
    }
}
