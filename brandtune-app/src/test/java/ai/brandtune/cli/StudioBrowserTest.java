package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.TestKit;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in headless Chromium (Debian's chromium + chromium-driver through Selenium): pick a
 * product and a content type, generate, and find the variants with their brand findings; the
 * highlighting is checked on a copy with known violations. Saves a screenshot under target/.
 */
class StudioBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path profile;

  @Test
  void generatesVariantsAndHighlightsFindings() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present) {
      assertThat(System.getenv("BRANDTUNE_REQUIRE_BROWSER"))
          .as("BRANDTUNE_REQUIRE_BROWSER is set, so chromium and chromedriver must be installed")
          .isNull();
      Assumptions.abort("chromium or chromedriver is not installed");
    }
    // the small test kit keeps prompts short (the built-in kit's are ~3700 byte-level tokens)
    Path kit = TestKit.copyTo(profile.resolve("kit"));
    try (ServeFixture server =
        ServeFixture.start(
            Map.of("STUDIO_KEY", "sk-studio"),
            "--api-key-env",
            "STUDIO_KEY",
            "--max-tokens",
            "24",
            "--brand",
            kit.toString())) {
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1280,1000",
          "--user-data-dir=" + profile.resolve("chromium").toAbsolutePath());
      ChromeDriver browser = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(server.base + "/");
        assertThat(browser.getTitle()).contains("品牌文案工作室");
        // the API needs the key: without it the catalog does not load
        wait.until(d -> d.findElement(By.id("status")).getText().contains("API key"));
        WebElement key = browser.findElement(By.id("api-key"));
        key.sendKeys("sk-studio");
        browser.findElement(By.id("extra")).click(); // blur fires 'change'
        try {
          wait.until(d -> !new Select(d.findElement(By.id("product-list"))).getOptions().isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
          throw new AssertionError(
              "studio status: " + browser.findElement(By.id("status")).getText(), e);
        }
        assertThat(new Select(browser.findElement(By.id("product-list"))).getOptions()).hasSize(3);

        browser.findElement(By.id("product-search")).sendKeys("洁面");
        Select products = new Select(browser.findElement(By.id("product-list")));
        assertThat(products.getOptions()).allSatisfy(o -> assertThat(o.getText()).contains("洁面"));
        products.selectByValue("T02");
        browser.findElement(By.id("type-search")).sendKeys("笔记");
        new Select(browser.findElement(By.id("type-list"))).selectByValue("note");
        WebElement count = browser.findElement(By.id("count"));
        count.clear();
        count.sendKeys("2");
        browser.findElement(By.id("extra")).sendKeys("突出温和");
        browser.findElement(By.id("generate")).click();

        try {
          wait.until(d -> d.findElement(By.id("status")).getText().startsWith("完成"));
        } catch (org.openqa.selenium.TimeoutException e) {
          throw new AssertionError(
              "studio status: " + browser.findElement(By.id("status")).getText(), e);
        }
        List<WebElement> variants = browser.findElements(By.cssSelector("#variants .variant"));
        assertThat(variants).hasSize(2);
        for (WebElement v : variants) {
          assertThat(v.findElement(By.cssSelector(".brand-score")).getText()).startsWith("品牌分");
          assertThat(v.findElement(By.cssSelector(".reward")).getText()).contains("奖励分");
          // random tiny-model text breaks whole-copy rules at least (length, call to action)
          assertThat(v.findElements(By.cssSelector(".findings li"))).isNotEmpty();
        }
        assertThat(history(browser)).isEqualTo(1);
        screenshot(browser, "studio-generated.png");

        // span highlighting, on a copy whose violations the real checker located
        String text = "这款洁面是爆款，宝子们闭眼入！！赶快入手吧";
        injectHistory(browser, text);
        browser.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector("#history li")).size() == 2);
        browser.findElements(By.cssSelector("#history li")).get(0).click();
        wait.until(d -> !d.findElements(By.cssSelector("#variants mark.finding")).isEmpty());
        List<String> marked =
            browser.findElements(By.cssSelector("#variants mark.finding.sev-error")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(marked).contains("爆款", "宝子们", "闭眼入");
        assertThat(browser.findElement(By.cssSelector("#variants .variant-text")).getText())
            .isEqualTo(text);

        screenshot(browser, "studio-findings.png");
      } finally {
        browser.quit();
      }
    }
  }

  /** Saves a test artifact under target/. */
  private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path out = Path.of(System.getProperty("brandtune.testOutput"), name);
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(out)).isGreaterThan(10_000);
  }

  private static long history(ChromeDriver browser) {
    Object n =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return JSON.parse(localStorage.getItem('brandtune.studio.history')).length;");
    return ((Number) n).longValue();
  }

  /** Adds a history entry in the studio's own format with the checker's real findings. */
  private static void injectHistory(ChromeDriver browser, String text) throws Exception {
    BrandKit kit = TestKit.load();
    CheckResult check = new BrandChecker(kit).check(text, "T02", "note");
    List<Map<String, Object>> findings = new ArrayList<>();
    for (Finding f : check.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.rule().id());
      m.put("severity", f.severity().id());
      m.put("severity_label", f.severity().label());
      m.put("message", f.message());
      m.put("start", f.start());
      m.put("end", f.end());
      m.put("evidence", f.evidence());
      findings.add(m);
    }
    Map<String, Object> variant = new LinkedHashMap<>();
    variant.put("index", 0);
    variant.put("text", text);
    variant.put("finish_reason", "stop");
    variant.put("brand_score", check.score().total());
    variant.put("reward_score", null);
    variant.put("findings", findings);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("product_id", "T02");
    result.put("content_type_id", "note");
    result.put("variants", List.of(variant));
    result.put("usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2));
    String entry =
        ServeFixture.JSON.writeValueAsString(
            Map.of("at", "2026-01-01T00:00:00Z", "result", result));
    ((JavascriptExecutor) browser)
        .executeScript(
            "var h = JSON.parse(localStorage.getItem('brandtune.studio.history')) || [];"
                + "h.unshift(JSON.parse(arguments[0]));"
                + "localStorage.setItem('brandtune.studio.history', JSON.stringify(h));",
            entry);
  }
}
