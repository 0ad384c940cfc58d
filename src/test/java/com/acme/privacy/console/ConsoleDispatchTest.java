package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

/** The console with the dispatcher at work: a request Gong refused, its calls, and an ADMIN's retry. */
@DispatcherTest
@Import(LocalConsoleSignIn.class)
class ConsoleDispatchTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalConsoleSignIn.Users users;

    @Autowired
    GongSandbox sandbox;

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
}
