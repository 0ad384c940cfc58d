package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.TestIdentityProvider;
import com.jayway.jsonpath.JsonPath;

/** Signing in to the console through the company SSO (OIDC), with roles read exactly from the ID token. */
@ApiTest
class ConsoleSsoTest {

    static final TestIdentityProvider sso = TestIdentityProvider.start();

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry registry) {
        sso.configure(registry);
    }

    @AfterAll
    static void stop() {
        sso.close();
    }

    @LocalServerPort
    int port;

    ConsoleClient console;

    @BeforeEach
    void setUp() {
        console = new ConsoleClient(port);
    }

    @AfterEach
    void tearDown() {
        console.close();
    }

    private HtmlPage signInThroughSso() {
        HtmlPage signIn = console.open("/console");
        assertThat(signIn.getTitleText()).isEqualTo("Sign in – Privacy console");
        assertThat(signIn.getForms()).as("no password sign-in outside local runs").isEmpty();
        return follow(signIn, "Sign in with Company SSO");
    }

    @Test
    void anAdminFromTheIdTokenActsAndTheTrailNamesThemByTheirNameClaim() {
        String id = new Api(port).create(request("sso." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", null, "GDPR"));
        sso.nextSignIn("ada", List.of("privacy-admin"));

        HtmlPage overview = signInThroughSso();
        assertThat(overview.getTitleText()).isEqualTo("Overview – Privacy console");
        assertThat(overview.asNormalizedText()).contains("Signed in as ada (admin)");

        HtmlPage reason = follow(console.open("/console/requests/" + id), "Cancel now…");
        form(reason, "/review").<HtmlTextArea>getTextAreaByName("reason").setText("Duplicate of ticket PRIV-7");
        HtmlPage done = submit(form(submit(form(reason, "/review")), "/actions/cancel"));

        assertThat(done.asNormalizedText()).contains("PENDING → CANCELLED by user:ada");
        assertThat(JsonPath.<List<String>>read(body(new Api(port).get(id)), "$.auditTrail.events[*].actor")).contains("user:ada");
    }

    @Test
    void aViewerFromASpaceSeparatedClaimReadsButMayNotAct() {
        sso.nextSignIn("vera", "openid privacy-viewer");

        HtmlPage overview = signInThroughSso();
        assertThat(overview.asNormalizedText()).contains("Signed in as vera (viewer)");
        HtmlPage refused = console.open("/console/requests/" + UUID.randomUUID() + "/actions/retry");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void roleNamesOfOtherApplicationsGrantNothing() {
        sso.nextSignIn("gene", List.of("admin", "viewer", "privacy-submitter", "PRIVACY-ADMIN"));

        HtmlPage page = signInThroughSso();

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(page.getTitleText()).isEqualTo("Access denied – Privacy console");
        assertThat(console.open("/console/find").getWebResponse().getStatusCode()).isEqualTo(403);
    }
}
