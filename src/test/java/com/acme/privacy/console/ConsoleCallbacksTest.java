package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

import com.acme.privacy.erasure.ErasureRequestChanged;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.RequestChange;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

/** The callbacks page: dead letters listed for everyone, sent again by an ADMIN only. */
@ApiTest
@Import(LocalConsoleSignIn.class)
class ConsoleCallbacksTest extends ConsoleJourney {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventSerializer serializer;

    /** A change its portal did not take for four days, stored as the registry stores it. */
    private UUID deadLetter(String requestId) {
        UUID publication = UUID.randomUUID();
        Instant fourDaysAgo = Instant.now().minus(Duration.ofDays(4));
        ErasureRequestChanged change = new ErasureRequestChanged(UUID.randomUUID(), UUID.fromString(requestId), "tester", null,
                RequestChange.CANCELLED, ErasureStatus.CANCELLED, fourDaysAgo, fourDaysAgo, fourDaysAgo.plus(Duration.ofDays(30)), null);
        jdbc.sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                    completion_attempts, last_resubmission_date)
                VALUES (?, 'portal-callbacks', ?, ?, ?, 'FAILED', 7, ?)""")
                .params(publication, ErasureRequestChanged.class.getName(), serializer.serialize(change).toString(),
                        Timestamp.from(fourDaysAgo), Timestamp.from(fourDaysAgo.plus(Duration.ofDays(2))))
                .update();
        return publication;
    }

    @Test
    void aViewerSeesTheDeadLettersAndAnAdminSendsOneAgain() {
        String email = "dead-letter-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        identifiers.add(email);
        String id = api.create(request(email, null, "GDPR"));
        UUID publication = deadLetter(id);

        HtmlPage overview = console.signIn(LocalConsoleSignIn.VIEWER, users.viewerPassword());
        HtmlPage page = console.open("/console/callbacks");
        assertThat(page.getTitleText()).isEqualTo("Callbacks – Privacy console");
        assertThat(page.asNormalizedText()).contains(id).contains("CANCELLED").contains("tester");
        assertThat(page.getForms()).as("a viewer may not send again").noneMatch(form -> form.getActionAttribute().endsWith("/resend"));
        String csrf = form(overview, "/console/sign-out").<HtmlInput>getInputByName("_csrf").getValue();
        Page forged = console.send(HttpMethod.POST, "/console/callbacks/" + publication + "/resend",
                List.of(new NameValuePair("_csrf", csrf)));
        assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
        console.close();

        console = new ConsoleClient(port);
        console.signIn(LocalConsoleSignIn.ADMIN, users.adminPassword());
        HtmlPage done = submit(form(console.open("/console/callbacks"), "/" + publication + "/resend"));
        assertThat(done.asNormalizedText()).contains("Sent again: " + publication);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !console.open("/console/callbacks").asNormalizedText().contains(id));
    }
}
