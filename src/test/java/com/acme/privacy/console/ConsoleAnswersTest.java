package com.acme.privacy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

/** Extensions whose notice to the subject is missing, on the overview and in their worklist. */
@ApiTest
@Import(LocalConsoleSignIn.class)
class ConsoleAnswersTest extends ConsoleJourney {

    private static final String WITHOUT_NOTICE = "/console/worklists/extension-without-notice";

    private String extended() {
        String email = "notice." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        identifiers.add(email);
        String id = api.create("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"}");
        api.act(id, "extend", "{\"reason\":\"Records in three systems\"}").expectStatus().isOk();
        return id;
    }

    private long tile(HtmlPage overview) {
        return Long.parseLong(overview.getAnchorByHref(WITHOUT_NOTICE).<HtmlElement>getFirstByXPath(
                ".//span[@class='number']").asNormalizedText());
    }

    @Test
    void anExtensionWithoutANoticeIsOnTheOverviewAndItsWorklistUntilTheNoticeIsRecorded() {
        console.signIn(LocalConsoleSignIn.VIEWER, users.viewerPassword());
        long before = tile(console.open("/console"));

        String id = extended();
        HtmlPage overview = console.open("/console");
        assertThat(tile(overview)).isEqualTo(before + 1);
        assertThat(overview.asNormalizedText()).contains("extensions without notice");
        assertThat(console.open(WITHOUT_NOTICE).asNormalizedText()).contains("Worklist: Extension without notice").contains(id);

        api.act(id, "responses", "{\"kind\":\"EXTENSION_NOTICE\",\"respondedAt\":\"" + Instant.now() + "\",\"channel\":\"email\"}")
                .expectStatus().isCreated();
        assertThat(tile(console.open("/console"))).isEqualTo(before);
        assertThat(console.open(WITHOUT_NOTICE).asNormalizedText()).doesNotContain(id);
        assertThat(console.open("/console/requests/" + id).asNormalizedText()).contains("SUBJECT_RESPONSE by client:tester");
    }
}
