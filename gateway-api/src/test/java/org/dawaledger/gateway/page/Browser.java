package org.dawaledger.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven by its {@code chromedriver}; scripts/setup.sh installs
 * both), pointed at the gateway under test, with the checks every page must pass and the screenshots docs/pages.md
 * shows.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("page-tests.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("page-tests.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots go: target/screenshots, or docs/screenshots when scripts/page-screenshots.sh runs the tests. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("page-tests.screenshots", "target/screenshots"));
    /** A cheap phone's width: every page must fit it without sideways scrolling. */
    static final int PHONE_WIDTH = 360;

    private final ChromeDriver driver;
    private final String base;

    private Browser(final ChromeDriver driver, final String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * A new browser, with its own cookies, for the gateway at {@code base}.
     *
     * @param language the browser's Accept-Language
     */
    static Browser open(final String base, final String language) {
        assertThat(CHROMIUM).as("Chromium is missing: the page tests need Debian's chromium and chromium-driver;"
                + " scripts/setup.sh installs them").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is missing: scripts/setup.sh installs chromium-driver")
                .isExecutable();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=" + language, "--accept-lang=" + language,
                "--hide-scrollbars", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        final ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    ChromeDriver driver() {
        return driver;
    }

    Browser go(final String path) {
        driver.get(base + path);
        return this;
    }

    WebElement find(final String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(final String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(final String css) {
        return find(css).getText();
    }

    /** Types into a field, replacing what it held. */
    Browser type(final String css, final String text) {
        final WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks and waits for the page it loads. */
    Browser click(final String css) {
        // A mark on the old page's root element: gone once another document (loaded or written) replaces it.
        script("document.documentElement.dataset.dawaOldPage = 'yes';");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                return Boolean.TRUE.equals(script("return document.documentElement.dataset.dawaOldPage === undefined"
                        + " && document.readyState === 'complete';"));
            } catch (org.openqa.selenium.WebDriverException loading) {
                return false;
            }
        });
        return this;
    }

    /** Signs in with a participant's token. */
    Browser signIn(final String token) {
        go("/sign-in");
        type("#token", token);
        click("#sign-in button[type=submit]");
        assertThat(all("#signed-in")).as("signed in, not: " + driver.getCurrentUrl() + " " + text("body"))
                .isNotEmpty();
        return this;
    }

    Object script(final String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /**
     * The basics every page must pass: a label for every field, text contrast of at least 4.5:1 (3:1 for large text)
     * against the background it sits on, and no sideways scrolling at 360 px.
     */
    Browser checkAccessible() {
        assertThat(script(UNLABELLED)).as("fields without a label on " + driver.getCurrentUrl())
                .isEqualTo(List.of());
        assertThat(script(LOW_CONTRAST)).as("text below WCAG AA contrast on " + driver.getCurrentUrl())
                .isEqualTo(List.of());
        final Dimension wide = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(PHONE_WIDTH, 800));
            assertThat(((Number) script("return window.innerWidth;")).intValue()).isEqualTo(PHONE_WIDTH);
            assertThat(script(OVERFLOW)).as("what is wider than a 360 px screen on " + driver.getCurrentUrl())
                    .isEqualTo(List.of());
        } finally {
            driver.manage().window().setSize(wide);
        }
        return this;
    }

    /** A screenshot of the whole page, at a width, as {@code name}.png. */
    Browser screenshot(final String name, final int width) {
        final Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, 800));
            final long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);"))
                    .longValue();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(height, 4000)));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
        return this;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static final String UNLABELLED = """
            return Array.from(document.querySelectorAll('input, select, textarea'))
              .filter(e => !['hidden', 'submit', 'button'].includes(e.type))
              .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
              .map(e => e.outerHTML.slice(0, 120));
            """;

    private static final String LOW_CONTRAST = """
            const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
              .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
              .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = e => {
              for (; e; e = e.parentElement) {
                const c = rgb(getComputedStyle(e).backgroundColor);
                if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
              }
              return [255, 255, 255];
            };
            const bad = [];
            for (const e of document.querySelectorAll('body *')) {
              const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
              const style = getComputedStyle(e);
              if (!own || style.visibility === 'hidden' || e.offsetParent === null && style.position !== 'fixed') continue;
              const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
              const large = size >= 24 || (bold && size >= 18.66);
              if (ratio < (large ? 3 : 4.5)) bad.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2));
            }
            return bad;
            """;

    private static final String OVERFLOW = """
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return Array.from(document.querySelectorAll('body *'))
              .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
              .filter(e => !e.closest('.table-wrap'))
              .map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + e.getBoundingClientRect().right.toFixed(0))
              .slice(0, 10).concat(['the page is ' + document.documentElement.scrollWidth + ' px wide']);
            """;
}
