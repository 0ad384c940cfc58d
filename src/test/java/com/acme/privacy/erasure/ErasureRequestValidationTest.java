package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static com.acme.privacy.testsupport.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.TestClients;
import com.jayway.jsonpath.JsonPath;

@ApiTest
class ErasureRequestValidationTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    /** Asserts a 400 problem naming the field, and that no internals leak into it. */
    private String assertFieldRejected(RestTestClient.ResponseSpec response, String field) {
        String problem = body(response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).contains(field);
        assertNoInternals(problem);
        return problem;
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "@example.com", "jane@", "jane doe@example.com", "jane@@example.com", ""})
    void rejectsMalformedEmails(String email) {
        assertFieldRejected(api.submit(request(email, null, "GDPR")), "email");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cancel  | Subject jane.doe@example.com withdrew",
            "retry   | Call +49 151 1234 5678 before sending",
            "release | CRM erasure done for 004915112345678",
            "extend  | Tell jane.doe@example.com about the delay"})
    void anOperatorsReasonThatNamesTheSubjectIsRefusedNamingTheField(String action, String reason) {
        String id = api.create(request("reason-" + action + "-" + System.nanoTime() + "@example.com", null, "GDPR"));
        String problem = assertFieldRejected(api.client().post().uri(Api.REQUESTS + "/{id}/" + action, id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\": \"" + reason + "\"}").exchange(), "reason");
        // The request's own id, in "instance", may hold any digits.
        assertThat(problem.replace(id, "")).doesNotContain("jane.doe", "151", "4915");
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].message"))
                .containsExactly("must not contain an email address or a phone number: it is kept for years; refer to a ticket instead");
        assertThat((String) JsonPath.read(body(api.get(id)), "$.status")).as("nothing was done").isEqualTo("PENDING");
    }

    @Test
    void rejectsAMissingEmail() {
        assertFieldRejected(api.submit(request(null, null, "GDPR")), "email");
    }

    @Test
    void limitsTheLocalPartTo64AndTheAddressTo254Characters() {
        String local64 = "a".repeat(64);
        api.submit(request(local64 + "@example.com", null, "GDPR")).expectStatus().isAccepted();
        assertFieldRejected(api.submit(request("a" + local64 + "@example.com", null, "GDPR")), "email");

        String domain = "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(50) + ".com";
        String at254 = "b".repeat(254 - domain.length() - 1) + "@" + domain;
        assertThat(at254).hasSize(254);
        api.submit(request(at254, null, "GDPR")).expectStatus().isAccepted();
        assertFieldRejected(api.submit(request("c" + at254, null, "GDPR")), "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane\\u0000@example.com", "ja\\u0007ne@example.com", "jane@exa\\u0085mple.com",
            "jane\\u202e@example.com", "ja\\nne@example.com"})
    void rejectsControlCharacters(String email) {
        assertFieldRejected(api.submit("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"}"), "email");
    }

    @Test
    void normalisesEmailsByTrimmingAndLowerCasingTheDomain() {
        String created = body(api.submit(request("  Kim.Lee@EXAMPLE.Org\\t", null, "GDPR")).expectStatus().isAccepted());
        assertThat((String) JsonPath.read(created, "$.email")).isEqualTo("K***@example.org");
        String found = body(api.search("{\"email\":\"kim.lee@example.org\"}").expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(found, "$.content[*].id")).containsExactly((String) JsonPath.read(created, "$.id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"015112345678", "+0151123456", "+49 151 1234567", "+1234567890123456", "+49-151-123", "phone"})
    void rejectsPhoneNumbersThatAreNotE164(String phone) {
        String problem = assertFieldRejected(api.submit(request("p@example.com", phone, "GDPR")), "phoneNumber");
        assertThat(problem).contains("E.164");
    }

    @Test
    void rejectsUnknownRegulations() {
        String problem = assertFieldRejected(api.submit(request("r@example.com", null, "LGPD")), "regulation");
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo("must be one of GDPR, CCPA, OTHER");
        assertFieldRejected(api.submit(request("r@example.com", null, null)), "regulation");
    }

    @Test
    void rejectsASourceInTheBodyBecauseTheCallerIsTheSource() {
        String problem = assertFieldRejected(api.submit("{\"email\":\"s@example.com\",\"regulation\":\"GDPR\",\"source\":\"other\"}"),
                "source");
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo("is not a known field");
    }

    @Test
    void rejectsUnknownFieldsSoThatNoIdentifierIsSilentlyDropped() {
        String problem = assertFieldRejected(api.submit(
                "{\"email\":\"u@example.com\",\"phone\":\"+4915112345678\",\"regulation\":\"GDPR\"}"), "phone");
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo("is not a known field");
    }

    @Test
    void rejectsReceivedAtInTheFutureOrMalformed() {
        assertFieldRejected(api.submit("{\"email\":\"f@example.com\",\"regulation\":\"GDPR\",\"receivedAt\":\""
                + Instant.now().plusSeconds(3600) + "\"}"), "receivedAt");
        assertFieldRejected(api.submit("{\"email\":\"f@example.com\",\"regulation\":\"GDPR\",\"receivedAt\":\"yesterday\"}"),
                "receivedAt");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email             | true                    | must be a string",
            "email             | 42                      | must be a string",
            "email             | 4.2                     | must be a string",
            "email             | [\"a@example.com\"]     | must be a string",
            "email             | {\"value\":\"a@example.com\"} | must be a string",
            "phoneNumber       | 4915112345678           | must be a string",
            "phoneNumber       | false                   | must be a string",
            "externalReference | true                    | must be a string",
            "externalReference | 4711                    | must be a string",
            "regulation        | 0                       | must be one of GDPR, CCPA, OTHER",
            "regulation        | true                    | must be one of GDPR, CCPA, OTHER",
            "regulation        | \"\"                     | must be one of GDPR, CCPA, OTHER",
            "regulation        | [\"GDPR\"]              | must be one of GDPR, CCPA, OTHER",
            "regulation        | \"GDPR \"               | must be one of GDPR, CCPA, OTHER",
            "receivedAt        | 0                       | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z",
            "receivedAt        | 1795000000              | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z",
            "receivedAt        | \"1795000000\"          | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z",
            "receivedAt        | true                    | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z",
            "receivedAt        | \"2026-11-01\"          | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z",
            "receivedAt        | [\"2026-11-01T09:30:00Z\"] | must be an ISO-8601 instant such as 2026-11-01T09:30:00Z"})
    void refusesAValueOfTheWrongJsonTypeInsteadOfConvertingIt(String field, String json, String message) {
        String problem = assertFieldRejected(api.submit(with(field, json)), field);
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "receivedAt        | \"\"", "receivedAt | \" \"", "receivedAt | \"\\u0000\"", "receivedAt | \"\\t\"",
            "regulation        | \" \"", "email | \"\"", "email | \" \"", "phoneNumber | \"\"", "phoneNumber | \" \"",
            "externalReference | \"\"", "externalReference | \"  \""})
    void refusesAnEmptyOrBlankValueNamingTheFieldRatherThanTakingItAsAbsent(String field, String json) {
        assertFieldRejected(api.submit(with(field, json)), field);
    }

    /** A valid submission with one field replaced by raw JSON. */
    private static String with(String field, String json) {
        String email = "\"email\":" + (field.equals("email") ? json : "\"types@example.com\"");
        String regulation = "\"regulation\":" + (field.equals("regulation") ? json : "\"GDPR\"");
        String other = field.equals("email") || field.equals("regulation") ? "" : ",\"" + field + "\":" + json;
        return "{" + email + "," + regulation + other + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja\\ud800ne@example.com", "jane\\udc00@example.com", "jane@exa\\udbffmple.com",
            "ja\\ufffene@example.com", "jane\\uffff@example.com", "ja\\ufdd0ne@example.com", "ja\\ud83f\\udffene@example.com"})
    void refusesIdentifiersInInvalidUnicode(String email) {
        String problem = assertFieldRejected(api.submit("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"}"), "email");
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].message")).contains("must not contain control characters or invalid Unicode");
        assertFieldRejected(api.search("{\"email\":\"" + email + "\"}"), "email");
        assertFieldRejected(api.submit("{\"email\":\"u@example.com\",\"regulation\":\"GDPR\",\"externalReference\":\""
                + email + "\"}"), "externalReference");
    }

    @Test
    void acceptsCharactersBeyondTheBasicPlaneWhenWellFormed() {
        api.submit("{\"email\":\"astral@example.com\",\"regulation\":\"GDPR\",\"externalReference\":\"TICKET-\\ud83d\\ude00\"}")
                .expectStatus().isAccepted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\"jane doe\\\"@example.com", "\\\"jane\\\"@example.com", "jane@[192.0.2.1]",
            "jane@[300.300.300.300]", "jane@[IPv6:2001:db8::1]"})
    void refusesAddressesThatAreNotPlainMailboxes(String email) {
        String problem = assertFieldRejected(api.submit("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"}"), "email");
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].message"))
                .contains("must be a plain mailbox address: no quoted local part, no address literal such as [192.0.2.1]");
    }

    @Test
    void refusesAFieldGivenTwiceInsteadOfLettingOneWin() {
        String problem = assertFieldRejected(api.submit(
                "{\"email\":\"first@example.com\",\"regulation\":\"GDPR\",\"email\":\"second@example.com\"}"), "email");
        assertThat((String) JsonPath.read(problem, "$.errors[0].message")).isEqualTo("is given more than once");
        assertThat(problem).doesNotContain("first@example.com", "second@example.com");
    }

    @Test
    void limitsHowFarInThePastReceivedAtMayLie() {
        String problem = assertFieldRejected(api.submit("{\"email\":\"old@example.com\",\"regulation\":\"GDPR\",\"receivedAt\":\""
                + Instant.now().minus(91, ChronoUnit.DAYS) + "\"}"), "receivedAt");
        assertThat((String) JsonPath.read(problem, "$.errors[0].message"))
                .isEqualTo("must not lie more than 90 days in the past (privacy.erasure.max-receipt-age)");
        assertThat((String) JsonPath.read(problem, "$.detail")).startsWith("receivedAt must not lie more than 90 days");

        api.submit("{\"email\":\"recent@example.com\",\"regulation\":\"GDPR\",\"receivedAt\":\""
                + Instant.now().minus(89, ChronoUnit.DAYS) + "\"}").expectStatus().isAccepted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "{\"email\":\"t@example.com\",\"regulation\":\"GDPR\"} {}"})
    void refusesABodyThatIsNotOneJsonObject(String json) {
        String problem = body(api.submit(json).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertNoInternals(problem);
    }

    @Test
    void rejectsAnOverlongExternalReference() {
        assertFieldRejected(api.submit("{\"email\":\"x@example.com\",\"regulation\":\"GDPR\",\"externalReference\":\""
                + "x".repeat(201) + "\"}"), "externalReference");
    }

    @Test
    void rejectsAMalformedIdempotencyKey() {
        assertFieldRejected(api.submit(request("k@example.com", null, "GDPR"), "x".repeat(201)), "Idempotency-Key");
    }

    @Test
    void rejectsMalformedJsonAndAMissingBody() {
        String problem = body(api.submit("{\"email\": \"leak@example.com\", ").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.detail")).isEqualTo("The body is not well-formed JSON");
        assertThat(problem).doesNotContain("leak@example.com");
        assertNoInternals(problem);

        String missing = body(api.client().post().uri(Api.REQUESTS).contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(missing, "$.detail")).isEqualTo("A JSON body is required");
    }

    @Test
    void rejectsAWrongContentTypeWith415() {
        String problem = body(api.client().post().uri(Api.REQUESTS).contentType(MediaType.TEXT_PLAIN)
                .body("email=jane@example.com").exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertNoInternals(problem);
    }

    @Test
    void rejectsBodiesOver16KiBWith413() {
        String big = "{\"email\":\"big@example.com\",\"regulation\":\"GDPR\",\"externalReference\":\""
                + "x".repeat(17 * 1024) + "\"}";
        String problem = body(api.submit(big).expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(problem, "$.title")).isEqualTo("Request body too large");
    }

    @Test
    void rejectsChunkedBodiesOver16KiBWith413() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + Api.REQUESTS).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(1024);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("X-API-Key", TestClients.key("tester"));
        try (OutputStream out = connection.getOutputStream()) {
            out.write(("{\"email\":\"big@example.com\",\"regulation\":\"GDPR\",\"externalReference\":\""
                    + "x".repeat(17 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(connection.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        ByteArrayOutputStream problem = new ByteArrayOutputStream();
        connection.getErrorStream().transferTo(problem);
        assertThat(problem.toString(StandardCharsets.UTF_8)).contains("Request body too large");
    }

    /** No rule grants them, so they are refused before any handler is looked for. */
    @Test
    void unknownPathsAndMethodsAnswerProblems() {
        api.client().get().uri("/api/v1/nothing-here").exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String problem = body(api.client().delete().uri(Api.REQUESTS).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertNoInternals(problem);
    }
}
