package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

/** The console's pages over real HTTP, as people use them, with the local sign-in. */
@ApiTest
@Import(LocalConsoleSignIn.class)
class ConsolePagesTest extends ConsoleJourney {

    private String subject(String name) {
        String email = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        identifiers.add(email);
        return email;
    }

    private String phone() {
        String phone = "+49151" + (10_000_000 + (int) (Math.random() * 89_999_999));
        identifiers.add(phone);
        return phone;
    }

    private String create(String email, String phone, String reference, Instant receivedAt) {
        StringBuilder json = new StringBuilder("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"");
        if (phone != null) {
            json.append(",\"phoneNumber\":\"").append(phone).append('"');
        }
        if (reference != null) {
            json.append(",\"externalReference\":\"").append(reference).append('"');
        }
        if (receivedAt != null) {
            json.append(",\"receivedAt\":\"").append(receivedAt).append('"');
        }
        return api.create(json.append('}').toString());
    }

    private HtmlPage signInAs(String user) {
        HtmlPage overview = console.signIn(user, users.passwordOf(user));
        assertThat(overview.getTitleText()).isEqualTo("Overview – Privacy console");
        return overview;
    }

    private HtmlPage find(String by, String value) {
        HtmlPage page = console.open("/console/find");
        HtmlForm form = form(page, "/console/find");
        form.<HtmlRadioButtonInput>getFirstByXPath(".//input[@name='by' and @value='" + by + "']").setChecked(true);
        form.<HtmlInput>getInputByName("value").setValue(value);
        return submit(form);
    }

    @Test
    void aSignedOutVisitorIsSentToSignInAndAWrongPasswordFails() {
        HtmlPage page = console.open("/console/worklists/overdue");
        assertThat(page.getUrl().getPath()).isEqualTo("/console/sign-in");
        assertThat(page.getTitleText()).isEqualTo("Sign in – Privacy console");

        HtmlPage failed = console.signIn(LocalConsoleSignIn.ADMIN, "not-the-password");
        assertThat(failed.getUrl().toString()).endsWith("/console/sign-in?failed");
        assertThat(failed.asNormalizedText()).contains("Sign-in failed");
    }

    @Test
    void anApiKeyDoesNotOpenTheConsole() throws Exception {
        console.setRedirects(false);
        WebRequest request = new WebRequest(URI.create("http://localhost:" + port + "/console").toURL());
        request.setAdditionalHeader("X-API-Key", TestClients.key("ops"));
        Page page = console.webClient().getPage(request);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(302);
        assertThat(page.getWebResponse().getResponseHeaderValue("Location")).endsWith("/console/sign-in");
    }

    @Test
    void aViewerFindsRequestsByEachKeyAndSeesThemOnlyMasked() {
        String email = subject("ada");
        String phone = phone();
        String reference = "TICKET-" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(email, phone, reference, null);
        signInAs(LocalConsoleSignIn.VIEWER);

        HtmlPage byEmail = find("email", email.toUpperCase(Locale.ROOT));
        assertThat(byEmail.getUrl().getPath()).isEqualTo("/console/find");
        assertThat(byEmail.getUrl().getQuery()).isNull();
        assertThat(byEmail.asNormalizedText()).containsIgnoringCase("Requests for the email address " + maskedEmail(email))
                .contains(maskedEmail(email)).contains(id);
        assertThat(form(byEmail, "/console/find").<HtmlInput>getInputByName("value").getValue()).isEmpty();

        assertThat(find("phone", phone).asNormalizedText()).contains(id).contains(phone.substring(0, 5) + "*******" + phone.substring(phone.length() - 2));
        assertThat(find("reference", reference).asNormalizedText()).contains(id);
        assertThat(find("id", id).getUrl().getPath()).isEqualTo("/console/requests/" + id);

        HtmlPage invalid = find("phone", "0151 1234");
        assertThat(invalid.asNormalizedText()).contains("That is not a phone number");
        assertThat(find("id", UUID.randomUUID().toString()).asNormalizedText()).contains("There is no request with that id");
    }

    @Test
    void theRequestPageShowsStatusDeadlineAndAnIntactTimeline() {
        String id = create(subject("grace"), null, "REF-1", null);
        signInAs(LocalConsoleSignIn.VIEWER);

        HtmlPage page = console.open("/console/requests/" + id);
        String text = page.asNormalizedText();
        assertThat(page.getTitleText()).isEqualTo("Request " + id + " – Privacy console");
        assertThat(text).contains("PENDING").contains("days left").contains("GDPR").contains("REF-1")
                .contains("Chain intact: all 1 events recompute").contains("RECEIVED").contains("by client:tester")
                .contains("Nothing has been sent to Gong");
        assertThat(text).as("a viewer is offered no action").doesNotContain("Cancel now");
        assertThat(text).as("no check found data").doesNotContain("Re-imported");
        assertThat(console.open("/console/requests/" + UUID.randomUUID()).getWebResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void aViewerIsRefusedEveryActionWithAPageThatSaysNothingMore() {
        String id = create(subject("alan"), null, null, null);
        HtmlPage overview = signInAs(LocalConsoleSignIn.VIEWER);

        HtmlPage refused = console.open("/console/requests/" + id + "/actions/cancel");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(refused.getTitleText()).isEqualTo("Access denied – Privacy console");
        assertThat(refused.asNormalizedText()).doesNotContain(id).doesNotContain("PENDING");
        String csrf = form(overview, "/console/sign-out").<HtmlInput>getInputByName("_csrf").getValue();
        Page post = console.send(HttpMethod.POST, "/console/requests/" + id + "/actions/cancel",
                List.of(new NameValuePair("_csrf", csrf), new NameValuePair("reason", "Not allowed")));
        assertThat(post.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(JsonPath.<String>read(body(api.get(id)), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void anAdminCancelsWithAReasonAfterConfirmingAndTheTrailNamesThem() {
        String id = create(subject("edsger"), null, null, null);
        signInAs(LocalConsoleSignIn.ADMIN);

        HtmlPage reason = follow(console.open("/console/requests/" + id), "Cancel now…");
        assertThat(reason.getTitleText()).isEqualTo("Cancel now: request " + id + " – Privacy console");
        HtmlPage empty = submit(form(reason, "/review"));
        assertThat(empty.asNormalizedText()).contains("Give a reason");
        HtmlForm again = form(empty, "/review");
        again.<HtmlTextArea>getTextAreaByName("reason").setText("Asked by someone@example.com");
        assertThat(submit(again).asNormalizedText()).contains("Leave email addresses and phone numbers out");

        HtmlForm form = form(reason, "/review");
        form.<HtmlTextArea>getTextAreaByName("reason").setText("Subject withdrew the request, ticket PRIV-88");
        HtmlPage confirm = submit(form);
        assertThat(confirm.getTitleText()).isEqualTo("Confirm Cancel now: request " + id + " – Privacy console");
        assertThat(confirm.asNormalizedText()).contains("Subject withdrew the request, ticket PRIV-88").contains("user:local-admin");
        assertThat(JsonPath.<String>read(body(api.get(id)), "$.status")).as("nothing happens before the confirmation").isEqualTo("PENDING");

        HtmlPage done = submit(form(confirm, "/actions/cancel"));
        assertThat(done.getUrl().getPath()).isEqualTo("/console/requests/" + id);
        assertThat(done.asNormalizedText()).contains("Cancel now: done").contains("PENDING → CANCELLED by user:local-admin")
                .contains("Reason: Subject withdrew the request, ticket PRIV-88").contains("Chain intact: all 2 events");
        String details = body(api.get(id));
        assertThat(JsonPath.<String>read(details, "$.status")).isEqualTo("CANCELLED");
        assertThat(JsonPath.<List<String>>read(details, "$.auditTrail.events[*].actor")).containsExactly("client:tester", "user:local-admin");
    }

    @Test
    void anActionWithoutTheCsrfTokenIsRefused() {
        String id = create(subject("barbara"), null, null, null);
        signInAs(LocalConsoleSignIn.ADMIN);

        Page forged = console.send(HttpMethod.POST, "/console/requests/" + id + "/actions/cancel",
                List.of(new NameValuePair("reason", "Forged from another site")));

        assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(JsonPath.<String>read(body(api.get(id)), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void worklistsHoldTheRightRequestsSortedByDeadline() {
        Instant now = Instant.now();
        String overdue = create(subject("late"), null, null, now.minus(40, ChronoUnit.DAYS));
        String dueSoon = create(subject("soon"), null, null, now.minus(27, ChronoUnit.DAYS));
        String dueSooner = create(subject("sooner"), null, null, now.minus(29, ChronoUnit.DAYS));
        String later = create(subject("fresh"), null, null, null);
        signInAs(LocalConsoleSignIn.VIEWER);

        String overdueList = console.open("/console/worklists/overdue").asNormalizedText();
        assertThat(overdueList).contains(overdue).doesNotContain(dueSoon).doesNotContain(later).contains("overdue by");
        HtmlPage soon = console.open("/console/worklists/due-soon");
        assertThat(soon.getTitleText()).isEqualTo("Worklist: Due within 7 days – Privacy console");
        String ascending = soon.asNormalizedText();
        assertThat(ascending).contains(dueSoon, dueSooner).doesNotContain(overdue).doesNotContain(later);
        assertThat(ascending.indexOf(dueSooner)).isLessThan(ascending.indexOf(dueSoon));
        String descending = follow(soon, "Sort latest first").asNormalizedText();
        assertThat(descending.indexOf(dueSoon)).isLessThan(descending.indexOf(dueSooner));
        assertThat(console.open("/console/worklists/failed").asNormalizedText()).contains("No requests.");
        assertThat(console.open("/console/worklists/nonsense").getWebResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void theOverviewCountsAndChartsWhatIsThere() {
        create(subject("count"), null, null, Instant.now().minus(40, ChronoUnit.DAYS));
        HtmlPage overview = signInAs(LocalConsoleSignIn.VIEWER);

        String text = overview.asNormalizedText();
        assertThat(text).contains("overdue").contains("needing attention").contains("held").contains("completed")
                .contains("Requests by status").contains("Oldest open request").contains("Gong today").contains("of 5000 calls");
        assertThat(overview.getAnchorByHref("/console/worklists/needs-attention")).isNotNull();
        assertThat(overview.getAnchorByHref("/console/worklists/held")).isNotNull();
        assertThat(overview.getByXPath("//*[local-name()='svg'][@role='img']")).hasSize(2);
        assertThat(overview.getByXPath("//*[local-name()='rect'][@class='series-open']")).hasSize(7);
        assertThat(overview.getByXPath("//*[local-name()='rect'][@class='series-received']")).hasSize(30);
        assertThat(overview.getByXPath("//*[local-name()='rect'][@class='series-completed']")).hasSize(30);
    }

    @Test
    void everyPageForbidsCachingFramingAndScriptsAndTheSessionCookieIsLocked() {
        String id = create(subject("headers"), null, null, null);
        signInAs(LocalConsoleSignIn.ADMIN);
        for (String path : List.of("/console", "/console/find", "/console/requests/" + id, "/console/requests/" + id + "/actions/cancel",
                "/console/requests/" + id + "/actions/extend", "/console/requests/" + id + "/actions/release",
                "/console/worklists", "/console/worklists/overdue", "/console/worklists/needs-attention", "/console/worklists/held",
                "/console/worklists/extension-without-notice", "/console/export", "/console/reports", "/console/sign-in")) {
            var response = console.open(path).getWebResponse();
            assertThat(response.getStatusCode()).as(path).isEqualTo(200);
            assertThat(response.getResponseHeaderValue("Cache-Control")).as(path).contains("no-store");
            String csp = response.getResponseHeaderValue("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(response.getResponseHeaderValue("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.getContentAsString()).as(path).doesNotContain("<script").doesNotContain("style=");
        }
        Cookie session = console.webClient().getCookieManager().getCookie("JSESSIONID");
        assertThat(session.isSecure()).isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("lax");
    }

    private static String maskedEmail(String email) {
        return email.charAt(0) + "***" + email.substring(email.indexOf('@'));
    }
}
