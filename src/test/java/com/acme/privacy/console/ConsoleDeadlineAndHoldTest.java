package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;
import com.jayway.jsonpath.JsonPath;

/** The ADMIN actions on deadlines and holds, extend and release, as people use them, and the held worklist. */
@ApiTest
@Import(LocalConsoleSignIn.class)
class ConsoleDeadlineAndHoldTest extends ConsoleJourney {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);


    private String create(String name, String extra) {
        String email = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        identifiers.add(email);
        return api.create("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"" + extra + "}");
    }

    private HtmlPage signInAs(String user) {
        HtmlPage overview = console.signIn(user, users.passwordOf(user));
        assertThat(overview.getTitleText()).isEqualTo("Overview – Privacy console");
        return overview;
    }

    private Instant dueAt(String id) {
        return Instant.parse(JsonPath.read(body(api.get(id)), "$.dueAt"));
    }

    private static HtmlPage review(HtmlPage reasonPage, String reason, String dueDate) {
        HtmlForm form = form(reasonPage, "/review");
        form.<HtmlTextArea>getTextAreaByName("reason").setText(reason);
        if (dueDate != null) {
            form.<HtmlInput>getInputByName("dueDate").setValue(dueDate);
        }
        return submit(form);
    }

    @Test
    void anAdminExtendsTheDeadlineAsFarAsTheRegulationAllowsByDefault() {
        String id = create("extend", "");
        Instant due = dueAt(id);
        Instant latest = due.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();
        signInAs(LocalConsoleSignIn.ADMIN);

        HtmlPage page = console.open("/console/requests/" + id);
        HtmlPage reason = follow(page, "Extend deadline…");
        assertThat(reason.getTitleText()).isEqualTo("Extend deadline: request " + id + " – Privacy console");
        assertThat(form(reason, "/review").<HtmlInput>getInputByName("dueDate").getValue())
                .as("the longest extension, filled in").isEqualTo(LocalDate.ofInstant(latest, ZoneOffset.UTC).toString());
        assertThat(reason.asNormalizedText()).contains("Latest allowed (GDPR)").contains(SHOWN.format(latest));
        assertThat(review(reason, "", null).asNormalizedText()).contains("Give a reason");

        HtmlPage confirm = review(reason, "Subject told of the delay, ticket PRIV-90", null);
        assertThat(confirm.getTitleText()).isEqualTo("Confirm Extend deadline: request " + id + " – Privacy console");
        assertThat(confirm.asNormalizedText()).contains("New deadline").contains(SHOWN.format(latest)).contains("user:local-admin");
        assertThat(dueAt(id)).as("nothing happens before the confirmation").isEqualTo(due);

        HtmlPage done = submit(form(confirm, "/actions/extend"));
        assertThat(done.getUrl().getPath()).isEqualTo("/console/requests/" + id);
        assertThat(done.asNormalizedText()).contains("Extend deadline: done").contains("DEADLINE_EXTENDED by user:local-admin")
                .contains("Reason: Subject told of the delay, ticket PRIV-90").contains("Yes, once, from " + SHOWN.format(due))
                .contains("Chain intact: all 2 events").as("extended once only").doesNotContain("Extend deadline…");
        String details = body(api.get(id));
        assertThat(Instant.parse(JsonPath.read(details, "$.dueAt"))).isEqualTo(latest);
        assertThat(Instant.parse(JsonPath.read(details, "$.originalDueAt"))).isEqualTo(due);
        assertThat(JsonPath.<List<String>>read(details, "$.auditTrail.events[*].actor")).containsExactly("client:tester", "user:local-admin");
    }

    @Test
    void aChosenDateKeepsTheTimeOfDayAndRefusalsComeBackAsMessagesOnTheForm() {
        String id = create("chosen", "");
        Instant due = dueAt(id);
        LocalDate latestDate = LocalDate.ofInstant(due.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant(), ZoneOffset.UTC);
        signInAs(LocalConsoleSignIn.ADMIN);
        HtmlPage reason = console.open("/console/requests/" + id + "/actions/extend");

        String csrf = form(reason, "/review").<HtmlInput>getInputByName("_csrf").getValue();
        Page malformed = console.send(HttpMethod.POST, "/console/requests/" + id + "/actions/extend/review", List.of(
                new NameValuePair("_csrf", csrf), new NameValuePair("reason", "More time, ticket PRIV-91"), new NameValuePair("dueDate", "31.12.2026")));
        assertThat(((HtmlPage) malformed).asNormalizedText()).contains("Give the new deadline as a date, such as");
        HtmlPage tooLate = submit(form(review(reason, "More time, ticket PRIV-91", latestDate.plusDays(1).toString()), "/actions/extend"));
        assertThat(tooLate.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(tooLate.getTitleText()).isEqualTo("Extend deadline: request " + id + " – Privacy console");
        assertThat(tooLate.asNormalizedText()).contains("Not done: dueAt must lie after the current deadline").contains("GDPR allows");
        assertThat(dueAt(id)).isEqualTo(due);

        LocalDate chosen = LocalDate.ofInstant(due, ZoneOffset.UTC).plusDays(10);
        HtmlPage done = submit(form(review(tooLate, "More time, ticket PRIV-91", chosen.toString()), "/actions/extend"));
        assertThat(done.asNormalizedText()).contains("Extend deadline: done");
        assertThat(dueAt(id)).isEqualTo(due.plus(10, ChronoUnit.DAYS));

        // Extended meanwhile (here: just now): the confirmation is refused with the service's reason, not an error page.
        HtmlPage again = submit(form(review(console.open("/console/requests/" + id + "/actions/extend"), "Once more, ticket PRIV-92", null),
                "/actions/extend"));
        assertThat(again.getWebResponse().getStatusCode()).isEqualTo(409);
        assertThat(again.getTitleText()).isEqualTo("Extend deadline: request " + id + " – Privacy console");
        assertThat(again.asNormalizedText()).contains("Not done: The deadline of erasure request " + id + " was already extended");
        assertThat(dueAt(id)).isEqualTo(due.plus(10, ChronoUnit.DAYS));
    }

    @Test
    void anOverdueRequestIsNotOfferedAnExtension() {
        String id = create("overdue", ",\"receivedAt\":\"" + Instant.now().minus(40, ChronoUnit.DAYS) + "\"");
        signInAs(LocalConsoleSignIn.ADMIN);

        assertThat(console.open("/console/requests/" + id).asNormalizedText()).contains("Cancel now…").doesNotContain("Extend deadline…");
        HtmlPage refused = submit(form(review(console.open("/console/requests/" + id + "/actions/extend"), "Too late, ticket PRIV-93", null),
                "/actions/extend"));
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(409);
        assertThat(refused.asNormalizedText()).contains("Not done:").contains("has passed; an extension must be decided within it");
    }

    @Test
    void anAdminReleasesAHeldRequestFromTheHeldWorklist() {
        String held = create("held", ",\"holdUntilConfirmed\":true");
        String pending = create("pending", "");
        signInAs(LocalConsoleSignIn.ADMIN);

        HtmlPage list = console.open("/console/worklists/held");
        assertThat(list.getTitleText()).isEqualTo("Worklist: Held – Privacy console");
        assertThat(list.asNormalizedText()).contains(held).doesNotContain(pending);
        HtmlPage page = follow(list, held);
        assertThat(page.asNormalizedText()).contains("HELD").contains("Held until someone confirms it may go").contains("Release hold…");

        HtmlPage confirm = review(follow(page, "Release hold…"), "CRM erasure done, ticket CRM-5", null);
        assertThat(confirm.getTitleText()).isEqualTo("Confirm Release hold: request " + held + " – Privacy console");
        HtmlPage done = submit(form(confirm, "/actions/release"));
        assertThat(done.asNormalizedText()).contains("Release hold: done").contains("HELD → PENDING by user:local-admin")
                .contains("Reason: CRM erasure done, ticket CRM-5").doesNotContain("Release hold…");
        assertThat(JsonPath.<String>read(body(api.get(held)), "$.status")).isEqualTo("PENDING");
        assertThat(console.open("/console/worklists/held").asNormalizedText()).doesNotContain(held);

        HtmlPage twice = submit(form(review(console.open("/console/requests/" + held + "/actions/release"), "Again, ticket CRM-5", null),
                "/actions/release"));
        assertThat(twice.getWebResponse().getStatusCode()).isEqualTo(409);
        assertThat(twice.asNormalizedText()).contains("Not done: Erasure request " + held + " is PENDING and cannot become PENDING");
    }

    @Test
    void aViewerIsRefusedExtendAndRelease() {
        String id = create("viewer", ",\"holdUntilConfirmed\":true");
        HtmlPage overview = signInAs(LocalConsoleSignIn.VIEWER);
        String csrf = form(overview, "/console/sign-out").<HtmlInput>getInputByName("_csrf").getValue();

        for (String action : List.of("extend", "release")) {
            String path = "/console/requests/" + id + "/actions/" + action;
            HtmlPage refused = console.open(path);
            assertThat(refused.getWebResponse().getStatusCode()).as(path).isEqualTo(403);
            assertThat(refused.asNormalizedText()).as(path).contains("Access denied").doesNotContain(id);
            for (String step : List.of(path + "/review", path)) {
                Page post = console.send(HttpMethod.POST, step, List.of(new NameValuePair("_csrf", csrf),
                        new NameValuePair("reason", "Not allowed"), new NameValuePair("dueDate", "")));
                assertThat(post.getWebResponse().getStatusCode()).as(step).isEqualTo(403);
            }
        }
        assertThat(console.open("/console/requests/" + id).asNormalizedText()).doesNotContain("Release hold…").doesNotContain("Extend deadline…");
        String details = body(api.get(id));
        assertThat(JsonPath.<String>read(details, "$.status")).isEqualTo("HELD");
        assertThat(JsonPath.<Object>read(details, "$.originalDueAt")).isNull();
    }
}
