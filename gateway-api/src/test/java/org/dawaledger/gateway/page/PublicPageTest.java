package org.dawaledger.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dawaledger.gateway.demo.DemoWorld;
import org.junit.jupiter.api.Test;

/** The public verification page in a real Chromium, in English and in Urdu, on the demo world. */
@QuarkusTest
class PublicPageTest {
    @TestHTTPResource("/")
    URL gateway;

    private static String scan(final String lot, final String serial) {
        return "(01)" + DemoWorld.GTIN + "(21)" + serial + "(10)" + lot + "(17)" + DemoWorld.EXPIRY;
    }

    /** What the page and everything it loaded weighed, in bytes, as Chromium counted them. */
    private static long weight(final Browser browser) {
        return ((Number) browser.script("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource'))"
                + ".reduce((sum, e) => sum + (e.encodedBodySize || 0), 0);")).longValue();
    }

    @Test
    void aGenuinePackIsAnsweredInLargeGreenWordsWithItsProductMakerAndRegulatedPrice() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.go("/").checkAccessible().screenshot("public-en", 412);
            // Small enough for a slow connection: the page, its stylesheet and script, no font for English.
            assertThat(weight(browser)).isLessThan(30_000);
            browser.type("#code", scan(DemoWorld.LOT, DemoWorld.serial(60))).click("#check button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("ACTIVE");
            assertThat(browser.text("#verdict .headline")).isEqualTo("Genuine and active");
            assertThat(browser.find("#verdict").getCssValue("background-color")).isEqualTo("rgba(27, 94, 32, 1)");
            assertThat(browser.text("#product")).isEqualTo("Panadol");
            assertThat(browser.text("#facts")).contains("500 mg tablet", "PAN2401", "2028-12-31", "REG-012345");
            assertThat(browser.text("#owner")).isEqualTo("Indus Pharmaceuticals Ltd");
            assertThat(browser.text("#price")).isEqualTo("Rs 34.50");
            assertThat(browser.text("#block")).matches("The ledger's answer as of block \\d+\\.");
            browser.checkAccessible().screenshot("public-en-active", 412);
        }
    }

    @Test
    void aRecalledAnAlreadySuppliedAndAnUnknownPackEachSayWhatIsWrong() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.go("/").type("#code", scan(DemoWorld.RECALLED_LOT, DemoWorld.recalledSerial(2)))
                    .click("#check button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("RECALLED");
            assertThat(browser.text("#verdict")).contains("Recalled: do not use", "return it to the pharmacy");
            assertThat(browser.find("#verdict").getCssValue("background-color")).isEqualTo("rgba(183, 28, 28, 1)");
            browser.checkAccessible().screenshot("public-en-recalled", 412);

            // Pack 1 of the demo lot was dispensed by the demo pharmacy.
            browser.type("#code", scan(DemoWorld.LOT, DemoWorld.serial(1))).click("#check button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("ALREADY_SUPPLIED");
            assertThat(browser.text("#verdict .headline")).isEqualTo("Already sold once");
            assertThat(browser.text("main")).doesNotContain(DemoWorld.PHARMACY_GLN).doesNotContain("Shifa");
            browser.screenshot("public-en-already-supplied", 412);

            browser.type("#code", scan(DemoWorld.LOT, "FAKE0001")).click("#check button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("UNKNOWN_SERIAL");
            assertThat(browser.text("#verdict .headline")).isEqualTo("Serial number not found");
            browser.screenshot("public-en-unknown", 412);
        }
    }

    @Test
    void aMistypedCodeIsNamedNextToTheFieldAndKeptForCorrection() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.go("/").type("#code", "(01)08960001000016(21)PAN000003").click("#check button[type=submit]");
            assertThat(browser.text("#verdict .headline")).isEqualTo("The code could not be read");
            assertThat(browser.text("#code-error")).containsIgnoringCase("check digit");
            assertThat(browser.find("#code").getAttribute("value")).isEqualTo("(01)08960001000016(21)PAN000003");
            assertThat(browser.find("#code").getAttribute("aria-describedby")).contains("code-error");
        }
    }

    @Test
    void urduIsWrittenRightToLeftInNastaliqAndTheChoiceIsRemembered() {
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            browser.go("/").click("a.lang");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ur");
            assertThat(browser.find("html").getAttribute("dir")).isEqualTo("rtl");
            assertThat(browser.script("return getComputedStyle(document.querySelector('main')).direction"))
                    .isEqualTo("rtl");
            // Right to left for real: the heading's words sit against the right edge of the page, not the left.
            final String words = "const range = document.createRange();"
                    + " range.selectNodeContents(document.querySelector('h1')); const r = range.getBoundingClientRect();";
            final double right = ((Number) browser.script(words
                    + " return document.documentElement.clientWidth - r.right;")).doubleValue();
            final double left = ((Number) browser.script(words + " return r.left;")).doubleValue();
            assertThat(right).isLessThan(left / 4);
            assertThat(browser.text("h1")).isEqualTo("اپنی دوا کی جانچ کریں");
            // The shipped font, loaded and used: not whatever the machine has.
            assertThat(browser.script("return document.fonts.check('16px \"Noto Nastaliq Urdu\"', 'دوا')"
                    + " && Array.from(document.fonts).some(f => f.family.includes('Nastaliq') && f.status === 'loaded')"))
                    .isEqualTo(true);

            browser.go("/");
            assertThat(browser.find("html").getAttribute("lang")).as("remembered").isEqualTo("ur");
            // The Nastaliq font is most of an Urdu page's weight, and a phone fetches it once.
            assertThat(weight(browser)).isLessThan(220_000);
            browser.checkAccessible().screenshot("public-ur", 412);
            browser.type("#code", scan(DemoWorld.LOT, DemoWorld.serial(61))).click("#check button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("ACTIVE");
            assertThat(browser.text("#verdict .headline")).isEqualTo("اصلی اور فروخت کے قابل");
            assertThat(browser.text("#price")).isEqualTo("روپے 34.50");
            browser.checkAccessible().screenshot("public-ur-active", 412);

            browser.type("#code", scan(DemoWorld.RECALLED_LOT, DemoWorld.recalledSerial(3)))
                    .click("#check button[type=submit]");
            assertThat(browser.text("#verdict .headline")).isEqualTo("واپس منگوائی گئی: استعمال نہ کریں");
            browser.screenshot("public-ur-recalled", 412);

            browser.click("a.lang");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        }
    }

    @Test
    void aPhotoOfThePacksCodeIsReadByTheGatewayAndAnsweredLikeATypedCode() throws Exception {
        final Path photo = Files.createTempFile("pack-photo", ".png");
        final Path notAPhoto = Files.createTempFile("not-a-photo", ".png");
        try (Browser browser = Browser.open(gateway.toString(), "en")) {
            // A phone photographs the pack's QR Code, which carries its Digital Link.
            final BitMatrix symbol = new QRCodeWriter().encode("https://id.example.pk/01/" + DemoWorld.GTIN + "/10/"
                    + DemoWorld.LOT + "/21/" + DemoWorld.serial(63) + "?17=" + DemoWorld.EXPIRY,
                    BarcodeFormat.QR_CODE, 600, 600);
            ImageIO.write(MatrixToImageWriter.toBufferedImage(symbol), "png", photo.toFile());
            browser.go("/");
            browser.find("#photo").sendKeys(photo.toString());
            browser.click("#photo-form button[type=submit]");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("ACTIVE");
            assertThat(browser.text("#facts")).contains(DemoWorld.serial(63));

            Files.writeString(notAPhoto, "not an image");
            browser.find("#photo").sendKeys(notAPhoto.toString());
            browser.click("#photo-form button[type=submit]");
            assertThat(browser.text("#verdict .headline")).isEqualTo("The code could not be read");
            assertThat(browser.text("#photo-error")).contains("PNG or JPEG");
        } finally {
            Files.deleteIfExists(photo);
            Files.deleteIfExists(notAPhoto);
        }
    }

    @Test
    void theLanguageSwitchReturnsOnlyToAPageOfThisSite() {
        for (final String elsewhere : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example"}) {
            io.restassured.RestAssured.given().redirects().follow(false).queryParam("back", elsewhere)
                    .get("/language/ur").then().statusCode(303)
                    .header("Location", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("evil")));
        }
        io.restassured.RestAssured.given().redirects().follow(false).queryParam("back", "/01/" + DemoWorld.GTIN)
                .get("/language/xx").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/01/" + DemoWorld.GTIN))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aBrowserOpeningAPacksDigitalLinkGetsThePageAndAnApiClientTheJson() {
        try (Browser browser = Browser.open(gateway.toString(), "ur")) {
            browser.go("/01/" + DemoWorld.GTIN + "/10/" + DemoWorld.LOT + "/21/" + DemoWorld.serial(62) + "?17="
                    + DemoWorld.EXPIRY);
            assertThat(browser.find("html").getAttribute("lang")).as("the browser's language").isEqualTo("ur");
            assertThat(browser.find("#verdict").getAttribute("data-verdict")).isEqualTo("ACTIVE");
            // Switching the language reads the same pack's answer again, not the empty home page.
            browser.click("a.lang");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(browser.text("#verdict .headline")).isEqualTo("Genuine and active");
            assertThat(browser.text("#facts")).contains(DemoWorld.serial(62));
        }
        io.restassured.RestAssured.given().accept("application/json")
                .get("/01/" + DemoWorld.GTIN + "/10/" + DemoWorld.LOT + "/21/" + DemoWorld.serial(62))
                .then().statusCode(200).contentType("application/json")
                .body("verdict.verdict", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }
}
