package com.acme.privacy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven through chromedriver (never a downloaded browser or driver), with a fresh profile,
 * screenshots into {@code target/console-screenshots} and axe-core, from its WebJar, injected into pages.
 */
final class ChromiumConsole implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final int WIDTH = 1280;

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;
    private final String axe;

    ChromiumConsole(int port) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser suite needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        }
        base = "http://localhost:" + port;
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root, in a closed network: no sandbox, and none of the background calls that the network would refuse.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        try (InputStream script = getClass().getClassLoader().getResourceAsStream(AXE)) {
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** A key press submits a form without waiting for the next page; this waits for it. */
    void awaitTitle(String title) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(driver::getTitle, title::equals);
    }

    /** The whole page, however long, as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) {
        Number height = (Number) driver.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(WIDTH, Math.max(900, height.intValue())));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, 900));
        }
    }

    /** axe-core's WCAG 2 A and AA rules on the current page: no serious or critical violation. */
    void assertAccessible() {
        driver.executeScript(axe);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                   .then(results => done(JSON.stringify(results.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))))
                   .catch(error => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}])));
                """);
        List<Map<String, Object>> violations = JsonMapper.builder().build().readValue((String) result, new TypeReference<>() {
        });
        assertThat(violations.stream().filter(v -> List.of("serious", "critical").contains(v.get("impact"))).toList())
                .as("serious or critical accessibility violations on %s", driver.getCurrentUrl())
                .isEmpty();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
