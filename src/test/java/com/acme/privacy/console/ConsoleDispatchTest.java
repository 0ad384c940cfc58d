package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongConditions;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The console with the dispatcher at work: a request Gong refused, its calls, and an ADMIN's retry; completion checks,
 * one that finds data left (needs attention) and one that confirms the erasure.
 */
@DispatcherTest
@Import(LocalConsoleSignIn.class)
class ConsoleDispatchTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalConsoleSignIn.Users users;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    /** The tests share a context: each starts with Gong, the budget and the circuit as new. */
    @BeforeEach
    void normal() {
        GongConditions.normal(sandbox, circuitBreakers, jdbc);
    }

    /** The check delay (24 h) has passed: the database clock the dispatcher schedules checks by, moved instead of waited. */
    private void dayPasses(String id) {
        jdbc.sql("UPDATE erasure_request SET check_due_at = now() WHERE id = CAST(? AS uuid) AND check_due_at IS NOT NULL").param(id).update();
    }

    private int checksWithData(String id) {
        return jdbc.sql("SELECT checks_with_data FROM erasure_request WHERE id = CAST(? AS uuid)").param(id).query(Integer.class).single();
    }

    @Test
    void anAdminRetriesAFailedRequestAndThePageShowsEveryGongCallWithItsRequestId() {
        String email = "refused." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+4915112345678";
        Api api = new Api(port);
        sandbox.enqueue(GongSandbox.Reply.integrityRefusal());
        String id = api.create(request(email, phone, "GDPR"));
        api.awaitStatus(id, "FAILED");

        try (ConsoleClient console = new ConsoleClient(port)) {
            HtmlPage overview = console.signIn(LocalConsoleSignIn.ADMIN, users.adminPassword());
            assertThat(overview.asNormalizedText()).contains("1 failed").contains("1 of 5000 calls").contains("CLOSED");
            HtmlPage failed = follow(overview, "1 failed");
            assertThat(failed.getTitleText()).isEqualTo("Worklist: Failed – Privacy console");

            HtmlPage page = follow(failed, id);
            String refusedId = sandbox.erasures().get(0).requestId();
            assertThat(page.asNormalizedText()).contains("FAILED").contains("erase-data-for-email-address").contains("400")
                    .contains(refusedId).contains("[email]");

            HtmlPage reason = follow(page, "Retry…");
            form(reason, "/review").<HtmlTextArea>getTextAreaByName("reason").setText("Integrity refusal cleared with Gong, ticket G-123");
            HtmlPage done = submit(form(submit(form(reason, "/review")), "/actions/retry"));
            assertThat(done.asNormalizedText()).contains("Retry: done").contains("FAILED → PENDING by user:local-admin");

            api.awaitStatus(id, "SUBMITTED");
            HtmlPage submitted = console.open("/console/requests/" + id);
            List<GongSandbox.ReceivedCall> calls = sandbox.erasures();
            assertThat(calls).hasSize(3);
            String text = submitted.asNormalizedText();
            for (GongSandbox.ReceivedCall call : calls) {
                assertThat(text).contains(call.requestId());
            }
            assertThat(text).contains("SUBMITTED").contains("erase-data-for-phone-number").contains("Chain intact")
                    .doesNotContain("days left").as("a retry is offered only while FAILED").doesNotContain("Retry…");
            console.assertNeverShowed(List.of(email, phone));
        }
    }

    @Test
    void dataGongStillHoldsNeedsAttentionAndThePageShowsTheChecksCountsAndRequestIds() {
        String kept = "kept." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String erased = "erased." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Api api = new Api(port);
        sandbox.retainDataFor(kept);
        String attention = api.create(request(kept, null, "GDPR"));
        String completed = api.create(request(erased, null, "CCPA"));
        api.awaitStatus(attention, "SUBMITTED");
        api.awaitStatus(completed, "SUBMITTED");
        dayPasses(completed);
        dayPasses(attention);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> checksWithData(attention) == 1);
        dayPasses(attention);
        api.awaitStatus(attention, "NEEDS_ATTENTION");
        api.awaitStatus(completed, "COMPLETED");

        try (ConsoleClient console = new ConsoleClient(port)) {
            HtmlPage overview = console.signIn(LocalConsoleSignIn.ADMIN, users.adminPassword());
            assertThat(overview.asNormalizedText()).contains("1 needing attention").contains("1 completed");
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(overview.<HtmlElement>getFirstByXPath("//figure[figcaption[starts-with(., 'Requests received and completed')]]"
                    + "//tr[th='" + today + "']/td[2]").asNormalizedText()).as("completed today").isEqualTo("1");

            HtmlPage list = follow(overview, "1 needing attention");
            assertThat(list.getTitleText()).isEqualTo("Worklist: Needs attention – Privacy console");
            assertThat(list.asNormalizedText()).contains(attention).doesNotContain(completed);

            HtmlPage page = follow(list, attention);
            String lastCheckId = sandbox.calls().stream().filter(call -> kept.equals(call.identifier())
                    && call.path().endsWith("/data-for-email-address")).reduce((a, b) -> b).orElseThrow().requestId();
            assertThat(page.asNormalizedText()).contains("NEEDS_ATTENTION").contains("Last check (#2").contains("data left at Gong")
                    .contains(lastCheckId).contains("Retry…").contains("Download receipt");
            assertThat(page.<HtmlElement>getFirstByXPath("//section[@aria-labelledby='completion']//tbody/tr/td[2]").asNormalizedText())
                    .as("emails Gong still holds").isEqualTo("1");
            assertThat(page.getHtmlElementById("reimported").asNormalizedText())
                    .startsWith("Re-imported. Gong re-imported this subject's data: a completion check found data after the erasure")
                    .contains("(2 since the last retry)");
            HtmlPage reimported = console.open("/console/worklists/re-imported");
            assertThat(reimported.getTitleText()).isEqualTo("Worklist: Re-imported – Privacy console");
            assertThat(reimported.asNormalizedText()).contains(attention).doesNotContain(completed);

            String done = console.open("/console/requests/" + completed).asNormalizedText();
            assertThat(done).contains("COMPLETED").contains("Last check (#1").contains("nothing left at Gong").doesNotContain("Retry…")
                    .doesNotContain("Re-imported");
            console.assertNeverShowed(List.of(kept, erased));
        }
    }
}
