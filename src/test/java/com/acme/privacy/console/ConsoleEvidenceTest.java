package com.acme.privacy.console;

import static com.acme.privacy.console.ConsoleClient.form;
import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.LocalConsoleSignIn;
import com.jayway.jsonpath.JsonPath;

/** The evidence a viewer takes away from the console: a request's signed receipt and CSV exports. */
@ApiTest
@Import(LocalConsoleSignIn.class)
class ConsoleEvidenceTest extends ConsoleJourney {

    private String create(String name, String phone, String reference) {
        String email = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        identifiers.add(email);
        identifiers.add(phone);
        return api.create("{\"email\":\"" + email + "\",\"phoneNumber\":\"" + phone + "\",\"regulation\":\"GDPR\","
                + "\"externalReference\":\"" + reference + "\"}");
    }

    private static String phone() {
        return "+49151" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    private void signInAsViewer() {
        HtmlPage overview = console.signIn(LocalConsoleSignIn.VIEWER, users.viewerPassword());
        assertThat(overview.getTitleText()).isEqualTo("Overview – Privacy console");
    }

    /** As an auditor would: the JDK's own Ed25519 verifier on the PEM key the service publishes. */
    private static boolean verifies(String publicKeyPem, byte[] payload, byte[] signature) throws GeneralSecurityException {
        String base64 = publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(payload);
        return verifier.verify(signature);
    }

    private static Page click(HtmlForm form) {
        try {
            return form.<HtmlElement>getFirstByXPath(".//button[@type='submit']").click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aViewerDownloadsTheSignedReceiptAndItVerifiesAgainstThePublishedKey() throws Exception {
        String phone = phone();
        String id = create("receipt", phone, "REC-1");
        signInAsViewer();

        HtmlPage page = console.open("/console/requests/" + id);
        String link = page.getAnchorByText("Download receipt").getHrefAttribute();
        assertThat(link).isEqualTo("/console/requests/" + id + "/receipt");
        WebResponse download = console.get(link).getWebResponse();
        assertThat(download.getStatusCode()).isEqualTo(200);
        assertThat(download.getContentType()).isEqualTo("application/json");
        assertThat(download.getResponseHeaderValue("Content-Disposition")).isEqualTo("attachment; filename=\"receipt-" + id + ".json\"");
        assertThat(download.getResponseHeaderValue("Cache-Control")).contains("no-store");

        String receipt = download.getContentAsString();
        byte[] payload = Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.payload"));
        byte[] signature = Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.signature"));
        String pem = body(api.client().get().uri("/api/v1/keys/{keyId}.pem", (String) JsonPath.read(receipt, "$.keyId"))
                .exchange().expectStatus().isOk());
        assertThat(verifies(pem, payload, signature)).isTrue();
        String signed = new String(payload, StandardCharsets.UTF_8);
        assertThat(verifies(pem, signed.replace("\"PENDING\"", "\"COMPLETED\"").getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(JsonPath.<String>read(signed, "$.requestId")).isEqualTo(id);
        assertThat(JsonPath.<String>read(signed, "$.status")).isEqualTo("PENDING");
        assertThat(JsonPath.<String>read(signed, "$.subject.phoneNumber")).isEqualTo(phone.substring(0, 5) + "*******" + phone.substring(phone.length() - 2));
        assertThat(JsonPath.<Object>read(receipt, "$.receipt")).isEqualTo(JsonPath.read(signed, "$"));
        assertThat(JsonPath.<String>read(receipt, "$.algorithm")).isEqualTo("Ed25519");

        assertThat(console.get("/console/requests/" + UUID.randomUUID() + "/receipt").getWebResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void aViewerExportsRequestsAndAuditEventsAsCsvWithIdentifiersMasked() {
        String phone = phone();
        String id = create("export", phone, "CSV-REF-1");
        signInAsViewer();

        HtmlPage page = console.open("/console/export");
        assertThat(page.getTitleText()).isEqualTo("Export – Privacy console");
        HtmlForm requests = form(page, "/console/export/requests");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(requests.<HtmlInput>getInputByName("from").getValue()).isEqualTo(today.minusDays(29).toString());
        assertThat(requests.<HtmlInput>getInputByName("to").getValue()).isEqualTo(today.plusDays(1).toString());

        WebResponse csv = click(requests).getWebResponse();
        assertThat(csv.getStatusCode()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv");
        assertThat(csv.getResponseHeaderValue("Content-Disposition"))
                .isEqualTo("attachment; filename=\"requests_" + today.minusDays(29) + "_" + today.plusDays(1) + ".csv\"");
        String rows = csv.getContentAsString();
        assertThat(rows).startsWith("request_id,request_date,request_nature").contains(id).contains("CSV-REF-1")
                .contains(phone.substring(0, 5) + "*******" + phone.substring(phone.length() - 2)).contains("e***@example.com");

        String events = click(form(console.open("/console/export"), "/console/export/audit-events")).getWebResponse().getContentAsString();
        assertThat(events).startsWith("request_id,seq,occurred_at").contains("\"" + id + "\",1,").contains("RECEIVED");
    }

    @Test
    void anExportIsAPostWithItsCsrfTokenSoThatNoOtherSiteCanStartOne() {
        signInAsViewer();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

        WebResponse followedLink = console.get("/console/export/requests" + range).getWebResponse();
        assertThat(followedLink.getStatusCode()).isEqualTo(405);
        assertThat(followedLink.getContentType()).isNotEqualTo("text/csv");
        WebResponse forged = console.send(HttpMethod.POST, "/console/export/audit-events",
                List.of(new NameValuePair("from", today.minusDays(1).toString()), new NameValuePair("to", today.plusDays(1).toString())))
                .getWebResponse();
        assertThat(forged.getStatusCode()).isEqualTo(403);
        assertThat(forged.getContentType()).isNotEqualTo("text/csv");
    }

    @Test
    void aRangeTheApiWouldRefuseComesBackAsTheFormWithItsReasons() {
        signInAsViewer();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        HtmlForm reversed = form(console.open("/console/export"), "/console/export/requests");
        reversed.<HtmlInput>getInputByName("from").setValue(today.toString());
        reversed.<HtmlInput>getInputByName("to").setValue(today.minusDays(1).toString());
        HtmlPage refused = (HtmlPage) click(reversed);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getTitleText()).isEqualTo("Export – Privacy console");
        assertThat(refused.asNormalizedText()).contains("Not exported: correct the range below").contains("Up to must be after from.");
        assertThat(refused.getHtmlElementById("requests-to").getAttribute("aria-describedby")).isEqualTo("requests-to-error");

        HtmlForm empty = form(console.open("/console/export"), "/console/export/audit-events");
        empty.<HtmlInput>getInputByName("from").setValue("");
        HtmlPage missing = (HtmlPage) click(empty);
        assertThat(missing.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(missing.asNormalizedText()).contains("From is required; must be a date such as 2026-01-01");
        assertThat(form(missing, "/console/export/requests").<HtmlInput>getInputByName("from").getValue())
                .as("the other form keeps its defaults").isEqualTo(today.minusDays(29).toString());
    }
}
