package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.follow;
import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.console.ConsoleClient.submit;
import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTableRow;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;
import com.jayway.jsonpath.JsonPath;

/** The yearly report page, and extensions whose notice to the subject is missing, on the overview and in their worklist. */
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

    @Test
    void theReportPageShowsTheYearlyFiguresOfTheApiAndAsksForAYear() {
        console.signIn(LocalConsoleSignIn.VIEWER, users.viewerPassword());
        int year = Instant.now().atOffset(ZoneOffset.UTC).getYear();

        HtmlPage page = follow(console.open("/console"), "Reports");
        String report = body(api.as("compliance").client().get().uri("/api/v1/reports/yearly?year=" + year).exchange().expectStatus().isOk());
        assertThat(page.getTitleText()).isEqualTo("Reports – Privacy console");
        assertThat(page.getAnchorByText("Reports").getAttribute("aria-current")).isEqualTo("page");
        assertThat(page.asNormalizedText()).contains("Requests to delete received in " + year);
        HtmlTableRow received = page.getFirstByXPath("//tr[th[@scope='row'][.='Received']]");
        assertThat(received.getCell(1).asNormalizedText()).isEqualTo(String.valueOf((Integer) JsonPath.read(report, "$.all.received")));
        List<String> regulations = page.<HtmlElement>getByXPath("//thead//th").stream().skip(2)
                .map(HtmlElement::asNormalizedText).toList();
        assertThat(regulations).containsExactlyElementsOf(JsonPath.<Map<String, Object>>read(report, "$.byRegulation").keySet());

        HtmlPage empty = console.open("/console/reports?year=2001");
        assertThat(empty.asNormalizedText()).contains("Requests to delete received in 2001");
        HtmlTableRow median = empty.getFirstByXPath("//tr[th[@scope='row'][.='Median days to answer']]");
        assertThat(median.getCell(1).asNormalizedText()).isEqualTo("—");

        HtmlInput field = form(empty, "/console/reports").getInputByName("year");
        field.setValue("20x6");
        HtmlPage refused = submit(form(empty, "/console/reports"));
        assertThat(refused.asNormalizedText()).contains("Give a year from 2000 to 9999").doesNotContain("Requests to delete received");
        assertThat(refused.<HtmlInput>getHtmlElementById("year").getAttribute("aria-invalid")).isEqualTo("true");
    }
}
