package com.acme.privacy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

/**
 * The main journeys in a real browser, by keyboard where people would use it, with a screenshot of each page and an
 * accessibility check (axe-core) on each: find, open, retry; release a hold, extend a deadline, export; the extensions
 * without notice and the yearly report. Runs with {@code -Pbrowser}; the screenshot of the request page is the one in
 * README.md.
 */
@Tag("browser")
@DispatcherTest
@Import(LocalConsoleSignIn.class)
class ConsoleBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalConsoleSignIn.Users users;

    @Autowired
    GongSandbox sandbox;

    @Test
    void signInFindOpenRetryAndSignOut() throws Exception {
        Api api = new Api(port);
        String email = "jane.doe." + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String answered = api.create("{\"email\":\"" + email + "\",\"phoneNumber\":\"+4915112345678\",\"regulation\":\"GDPR\","
                + "\"externalReference\":\"TICKET-4711\"}");
        api.awaitStatus(answered, "SUBMITTED");
        sandbox.enqueue(GongSandbox.Reply.integrityRefusal());
        String refused = api.create("{\"email\":\"john.roe@example.org\",\"regulation\":\"CCPA\",\"receivedAt\":\""
                + Instant.now().minus(50, ChronoUnit.DAYS) + "\"}");
        api.awaitStatus(refused, "FAILED");

        try (ChromiumConsole browser = new ChromiumConsole(port)) {
            ChromeDriver driver = browser.driver();
            browser.open("/console");
            assertThat(driver.getTitle()).isEqualTo("Sign in – Privacy console");
            browser.assertAccessible();
            browser.screenshot("01-sign-in");
            driver.findElement(By.id("username")).sendKeys(LocalConsoleSignIn.ADMIN);
            driver.findElement(By.id("password")).sendKeys(users.adminPassword(), Keys.ENTER);
            browser.awaitTitle("Overview – Privacy console");
            browser.assertAccessible();
            browser.screenshot("02-overview");
            driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            assertThat(driver.switchTo().activeElement().getText()).as("the first Tab reaches the skip link").isEqualTo("Skip to main content");

            driver.findElement(By.linkText("Find")).click();
            driver.findElement(By.id("value")).sendKeys(email, Keys.ENTER);
            Awaitility.await().until(() -> !driver.findElements(By.id("results")).isEmpty());
            assertThat(driver.findElement(By.id("results")).getText()).contains("j***@example.com");
            assertThat(driver.getPageSource()).doesNotContain(email);
            browser.assertAccessible();
            browser.screenshot("03-find");

            driver.findElement(By.linkText(answered)).click();
            assertThat(driver.getTitle()).isEqualTo("Request " + answered + " – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("SUBMITTED").contains("Chain intact")
                    .contains("erase-data-for-phone-number");
            browser.assertAccessible();
            browser.screenshot("04-request");

            browser.open("/console/worklists/overdue");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(refused);
            browser.assertAccessible();
            browser.screenshot("05-worklist-overdue");

            driver.findElement(By.linkText(refused)).click();
            driver.findElement(By.linkText("Retry…")).click();
            WebElement reason = driver.findElement(By.id("reason"));
            reason.sendKeys("Integrity refusal cleared with Gong support, ticket G-123");
            browser.assertAccessible();
            browser.screenshot("06-action-reason");
            reason.sendKeys(Keys.TAB, Keys.ENTER);
            browser.awaitTitle("Confirm Retry: request " + refused + " – Privacy console");
            browser.assertAccessible();
            browser.screenshot("07-action-confirm");
            driver.findElement(By.xpath("//button[@type='submit' and starts-with(., 'Confirm')]")).sendKeys(Keys.ENTER);
            browser.awaitTitle("Request " + refused + " – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Retry: done").contains("by user:local-admin");

            driver.findElement(By.xpath("//button[.='Sign out']")).click();
            browser.awaitTitle("Sign in – Privacy console");
            assertThat(driver.getCurrentUrl()).endsWith("/console/sign-in?signed-out");

            driver.findElement(By.id("username")).sendKeys(LocalConsoleSignIn.VIEWER);
            driver.findElement(By.id("password")).sendKeys(users.viewerPassword(), Keys.ENTER);
            browser.awaitTitle("Overview – Privacy console");
            browser.open("/console/requests/" + answered + "/actions/retry");
            assertThat(driver.getTitle()).isEqualTo("Access denied – Privacy console");
            browser.assertAccessible();
            browser.screenshot("08-access-denied");
        }
    }

    @Test
    void releaseAHoldExtendADeadlineAndExport() throws Exception {
        Api api = new Api(port);
        String held = api.create("{\"email\":\"held." + UUID.randomUUID().toString().substring(0, 6)
                + "@example.com\",\"regulation\":\"GDPR\",\"holdUntilConfirmed\":true}");
        String toExtend = api.create("{\"email\":\"later." + UUID.randomUUID().toString().substring(0, 6)
                + "@example.com\",\"regulation\":\"CCPA\",\"holdUntilConfirmed\":true}");

        try (ChromiumConsole browser = new ChromiumConsole(port)) {
            ChromeDriver driver = browser.driver();
            browser.open("/console");
            driver.findElement(By.id("username")).sendKeys(LocalConsoleSignIn.ADMIN);
            driver.findElement(By.id("password")).sendKeys(users.adminPassword(), Keys.ENTER);
            browser.awaitTitle("Overview – Privacy console");

            browser.open("/console/worklists/held");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(held, toExtend);
            browser.assertAccessible();
            browser.screenshot("09-worklist-held");

            driver.findElement(By.linkText(held)).click();
            driver.findElement(By.linkText("Release hold…")).click();
            driver.findElement(By.id("reason")).sendKeys("CRM erasure done, ticket CRM-5", Keys.TAB, Keys.ENTER);
            browser.awaitTitle("Confirm Release hold: request " + held + " – Privacy console");
            browser.assertAccessible();
            driver.findElement(By.xpath("//button[@type='submit' and starts-with(., 'Confirm')]")).sendKeys(Keys.ENTER);
            browser.awaitTitle("Request " + held + " – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Release hold: done").contains("HELD → PENDING by user:local-admin");

            browser.open("/console/requests/" + toExtend);
            driver.findElement(By.linkText("Extend deadline…")).click();
            assertThat(driver.findElement(By.id("dueDate")).getAttribute("value")).as("the longest extension, filled in").isNotBlank();
            driver.findElement(By.id("reason")).sendKeys("Subject told of the delay, ticket PRIV-90");
            browser.assertAccessible();
            browser.screenshot("10-extend-reason");
            driver.findElement(By.xpath("//button[.='Continue']")).sendKeys(Keys.ENTER);
            browser.awaitTitle("Confirm Extend deadline: request " + toExtend + " – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("New deadline");
            browser.assertAccessible();
            browser.screenshot("11-extend-confirm");
            driver.findElement(By.xpath("//button[@type='submit' and starts-with(., 'Confirm')]")).sendKeys(Keys.ENTER);
            browser.awaitTitle("Request " + toExtend + " – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Extend deadline: done")
                    .contains("DEADLINE_EXTENDED by user:local-admin").contains("Yes, once, from");
            browser.assertAccessible();

            browser.open("/console/export");
            browser.assertAccessible();
            browser.screenshot("12-export");
            // A range ending before it starts comes back with the reasons, focusable and announced.
            ((JavascriptExecutor) driver).executeScript("document.getElementById('requests-to').value = '2026-01-01';"
                    + "document.getElementById('requests-from').value = '2026-02-01';");
            driver.findElement(By.xpath("//button[.='Download requests (CSV)']")).sendKeys(Keys.ENTER);
            Awaitility.await().until(() -> !driver.findElements(By.id("requests-to-error")).isEmpty());
            assertThat(driver.findElement(By.id("requests-to-error")).getText()).isEqualTo("Up to must be after from.");
            browser.assertAccessible();
            browser.screenshot("13-export-refused");

            // The extension just made has no notice to the subject on record yet.
            browser.open("/console/worklists/extension-without-notice");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(toExtend);
            browser.assertAccessible();
            browser.screenshot("14-worklist-extension-without-notice");

            driver.findElement(By.linkText("Reports")).click();
            browser.awaitTitle("Reports – Privacy console");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Median days to answer");
            browser.assertAccessible();
            browser.screenshot("15-reports");

            browser.open("/console/callbacks");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Callbacks not delivered");
            browser.assertAccessible();
            browser.screenshot("16-callbacks");
        }
    }
}
