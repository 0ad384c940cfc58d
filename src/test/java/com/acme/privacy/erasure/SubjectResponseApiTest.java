package com.acme.privacy.erasure;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.DispatcherMoves;
import com.acme.privacy.testsupport.Problems;
import com.jayway.jsonpath.JsonPath;

/** POST /{id}/responses: the portal that submitted a request, or an ADMIN, records what the subject was told. */
@ApiTest
class SubjectResponseApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api portal;
    DispatcherMoves moves;

    @BeforeEach
    void setUp() {
        portal = new Api(port).as("crm");
        moves = new DispatcherMoves(jdbc);
    }

    private String submitted() {
        String id = portal.create("{\"email\":\"told-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com\","
                + "\"regulation\":\"CCPA\",\"receivedAt\":\"" + Instant.now().minus(2, ChronoUnit.DAYS) + "\"}");
        moves.move(UUID.fromString(id), "PENDING", "DISPATCHING", "SUBMITTED");
        return id;
    }

    private static RestTestClient.ResponseSpec respond(Api as, String id, String json) {
        return as.act(id, "responses", json);
    }

    private static String response(String kind, String basis, Instant at, String channel) {
        return "{\"kind\":\"" + kind + "\"," + (basis == null ? "" : "\"basis\":\"" + basis + "\",") + "\"respondedAt\":\"" + at
                + "\",\"channel\":\"" + channel + "\"}";
    }

    @Test
    void thePortalRecordsTheAnswerAndItIsInTheRequestAndItsTrail() {
        String id = submitted();
        Instant told = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        String recorded = body(respond(portal, id, response("CONFIRMED_ERASURE", null, told, "email")).expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON));
        assertThat((String) JsonPath.read(recorded, "$.kind")).isEqualTo("CONFIRMED_ERASURE");
        assertThat((String) JsonPath.read(recorded, "$.channel")).isEqualTo("email");
        assertThat(Instant.parse(JsonPath.read(recorded, "$.respondedAt"))).isEqualTo(told);
        assertThat((Boolean) JsonPath.read(recorded, "$.answer")).isTrue();
        assertThat((String) JsonPath.read(recorded, "$.requestId")).isEqualTo(id);

        String own = body(portal.get(id).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(own, "$.subjectResponses[*].id")).containsExactly((String) JsonPath.read(recorded, "$.id"));
        assertThat((String) JsonPath.read(own, "$.status")).as("no status change").isEqualTo("SUBMITTED");
        String details = body(portal.as("compliance").get(id).expectStatus().isOk());
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'SUBJECT_RESPONSE')].actor"))
                .containsExactly("client:crm");
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[?(@.kind == 'SUBJECT_RESPONSE')].details.kind"))
                .containsExactly("CONFIRMED_ERASURE");
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
    }

    @Test
    void anotherPortalsRequestLooksMissingAViewerMayNotAndAnAdminMay() {
        String id = submitted();
        String confirmed = response("CONFIRMED_ERASURE", null, Instant.now(), "letter");

        String others = body(respond(portal.as("helpdesk"), id, confirmed).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        String missing = body(respond(portal.as("helpdesk"), UUID.randomUUID().toString(), confirmed).expectStatus().isNotFound());
        assertThat(others.replace(id, "")).isEqualTo(missing.replaceAll("[0-9a-f-]{36}", ""));
        respond(portal.as("compliance"), id, confirmed).expectStatus().isForbidden();
        String byAdmin = body(respond(portal.as("ops"), id, confirmed).expectStatus().isCreated());
        assertThat((Boolean) JsonPath.read(byAdmin, "$.answer")).isTrue();
        assertThat((Boolean) JsonPath.read(body(respond(portal, id, confirmed).expectStatus().isCreated()), "$.answer"))
                .as("answered already").isFalse();
    }

    @Test
    void aDenialNeedsACancelledRequestAndABasisWithoutIdentifiers() {
        String id = portal.create(request("denied-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", null, "GDPR"));
        Instant now = Instant.now();

        String conflict = body(respond(portal, id, response("DENIAL", "Identity could not be verified", now, "letter"))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) JsonPath.read(conflict, "$.title")).isEqualTo("Response not allowed");
        assertThat((String) JsonPath.read(conflict, "$.detail")).contains("cancel it first");
        portal.as("ops").cancel(id).expectStatus().isOk();

        assertField(respond(portal, id, response("DENIAL", null, now, "letter")), "basis");
        String named = body(respond(portal, id, response("DENIAL", "Asked by jane.doe@example.org", now, "letter")).expectStatus().isBadRequest());
        assertThat((List<String>) JsonPath.read(named, "$.errors[*].field")).containsExactly("basis");
        assertThat(named).doesNotContain("jane.doe");
        String denied = body(respond(portal, id, response("DENIAL", "Identity could not be verified, ticket PRIV-204", now, "letter"))
                .expectStatus().isCreated());
        assertThat((String) JsonPath.read(denied, "$.basis")).isEqualTo("Identity could not be verified, ticket PRIV-204");
    }

    @Test
    void aResponseIsDatedBetweenReceiptAndNowAndReadAsSent() {
        String id = submitted();
        String receivedAt = JsonPath.read(body(portal.get(id)), "$.receivedAt");

        assertField(respond(portal, id, response("CONFIRMED_ERASURE", null, Instant.now().plus(1, ChronoUnit.HOURS), "email")), "respondedAt");
        assertField(respond(portal, id, response("CONFIRMED_ERASURE", null, Instant.parse(receivedAt).minusSeconds(1), "email")),
                "respondedAt");
        assertField(respond(portal, id, response("CONFIRMED_ERASURE", null, Instant.now(), "Email")), "channel");
        assertField(respond(portal, id, response("CONFIRMED_ERASURE", null, Instant.now(), "fax")), "channel");
        assertField(respond(portal, id, response("CONFIRMED", null, Instant.now(), "email")), "kind");
        assertField(respond(portal, id, "{\"kind\":\"CONFIRMED_ERASURE\",\"channel\":\"email\"}"), "respondedAt");
        assertField(respond(portal, id, response("CONFIRMED_ERASURE", "Done", Instant.now(), "email")), "basis");
        assertThat((List<?>) JsonPath.read(body(portal.get(id)), "$.subjectResponses")).isEmpty();
    }

    @Test
    void anExtensionNoticeIsForAnExtendedDeadline() {
        String id = portal.create(request("notice-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", null, "GDPR"));
        String notice = response("EXTENSION_NOTICE", null, Instant.now(), "portal");

        assertThat((String) JsonPath.read(body(respond(portal, id, notice).expectStatus().isEqualTo(409)), "$.detail"))
                .contains("was not extended");
        portal.as("ops").act(id, "extend", "{\"reason\":\"Records in three systems\"}").expectStatus().isOk();
        String recorded = body(respond(portal, id, notice).expectStatus().isCreated());
        assertThat((Boolean) JsonPath.read(recorded, "$.completesExtension")).isTrue();
        assertThat((Boolean) JsonPath.read(recorded, "$.answer")).isFalse();
    }

    private static void assertField(RestTestClient.ResponseSpec response, String field) {
        String problem = body(response.expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).as(problem).containsExactly(field);
        Problems.assertNoInternals(problem);
    }
}
