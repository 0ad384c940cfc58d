package com.acme.privacy.evidence;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.DispatcherMoves;
import com.acme.privacy.testsupport.Problems;
import com.acme.privacy.testsupport.SettableClock;
import com.jayway.jsonpath.JsonPath;

@ApiTest
@Import(SettableClock.Time.class)
class ReceiptTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SettableClock clock;

    Api api;
    RestTestClient anonymous;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aReceiptVerifiesOfflineWithThePublishedKeyAndSaysWhatTheRecordSays() throws Exception {
        String email = unique();
        String id = api.as("crm").create(request(email, "+4915112345678", "GDPR"));

        String receipt = receipt(api.as("compliance"), id);
        byte[] payload = Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.payload"));
        byte[] signature = Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.signature"));
        String pem = body(anonymous.get().uri("/api/v1/keys/{keyId}.pem", (String) JsonPath.read(receipt, "$.keyId"))
                .exchange().expectStatus().isOk());

        assertThat(IndependentVerifier.jdkVerifies(pem, payload, signature)).isTrue();
        byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace("\"GDPR\"", "\"CCPA\"").getBytes(StandardCharsets.UTF_8);
        assertThat(IndependentVerifier.jdkVerifies(pem, tampered, signature)).isFalse();
        if (IndependentVerifier.opensslAvailable()) {
            assertThat(IndependentVerifier.opensslVerifies(pem, payload, signature)).isTrue();
            assertThat(IndependentVerifier.opensslVerifies(pem, tampered, signature)).isFalse();
        }

        // What is signed, read from the signed bytes themselves.
        String signed = new String(payload, StandardCharsets.UTF_8);
        String details = body(api.as("compliance").get(id).expectStatus().isOk());
        assertThat(signed).doesNotContain(email, "4915112345678");
        assertThat((Map<String, Object>) JsonPath.read(signed, "$")).containsEntry("type", "erasure-receipt")
                .containsEntry("requestId", id).containsEntry("regulation", "GDPR").containsEntry("status", "PENDING")
                .containsEntry("source", "crm").containsEntry("completedAt", null).containsEntry("completionCheck", null)
                .containsEntry("keyId", JsonPath.read(receipt, "$.keyId"))
                .containsEntry("receivedAt", JsonPath.read(details, "$.receivedAt"))
                .containsEntry("dueAt", JsonPath.read(details, "$.dueAt"));
        assertThat((String) JsonPath.read(signed, "$.subject.email")).isEqualTo(JsonPath.read(details, "$.email"));
        assertThat((String) JsonPath.read(signed, "$.subject.phoneNumber")).isEqualTo("+4915*******78");
        assertThat((String) JsonPath.read(signed, "$.subject.emailHash")).matches("[0-9a-f]{64}");
        assertThat((String) JsonPath.read(signed, "$.auditTrail.headHash")).isEqualTo(JsonPath.read(details, "$.auditTrail.events[-1].hash"));
        assertThat((Integer) JsonPath.read(signed, "$.auditTrail.headSeq")).isEqualTo(1);
        assertThat((List<?>) JsonPath.read(signed, "$.gongCalls")).isEmpty();
        // The readable copy is the payload, decoded.
        assertThat((Map<String, Object>) JsonPath.read(receipt, "$.receipt")).isEqualTo(JsonPath.read(signed, "$"));
    }

    @Test
    void aReceiptCarriesTheExtensionAndWhatTheSubjectWasToldAndStillVerifies() throws Exception {
        Api portal = api.as("crm");
        String id = portal.create(request(unique(), null, "CCPA"));
        api.as("ops").act(id, "extend", "{\"reason\": \"Records in three systems\"}").expectStatus().isOk();
        new DispatcherMoves(jdbc).move(UUID.fromString(id), "PENDING", "DISPATCHING", "SUBMITTED");
        Instant told = clock.instant();
        portal.act(id, "responses", "{\"kind\": \"EXTENSION_NOTICE\", \"respondedAt\": \"" + told + "\", \"channel\": \"email\"}")
                .expectStatus().isCreated();
        portal.act(id, "responses", "{\"kind\": \"PARTIAL\", \"basis\": \"Invoices kept for tax law, ticket PRIV-7\", "
                + "\"respondedAt\": \"" + told + "\", \"channel\": \"letter\"}").expectStatus().isCreated();

        String receipt = receipt(portal, id);
        byte[] payload = Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.payload"));
        String pem = body(anonymous.get().uri("/api/v1/keys/{keyId}.pem", (String) JsonPath.read(receipt, "$.keyId"))
                .exchange().expectStatus().isOk());
        assertThat(IndependentVerifier.jdkVerifies(pem, payload, Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.signature"))))
                .isTrue();

        String signed = new String(payload, StandardCharsets.UTF_8);
        String details = body(portal.get(id));
        assertThat((Integer) JsonPath.read(signed, "$.version")).isEqualTo(2);
        assertThat((String) JsonPath.read(signed, "$.originalDueAt")).isEqualTo(JsonPath.read(details, "$.originalDueAt"));
        assertThat((List<String>) JsonPath.read(signed, "$.subjectResponses[*].kind")).containsExactly("EXTENSION_NOTICE", "PARTIAL");
        assertThat((List<String>) JsonPath.read(signed, "$.subjectResponses[*].channel")).containsExactly("email", "letter");
        assertThat((List<Boolean>) JsonPath.read(signed, "$.subjectResponses[*].answer")).containsExactly(false, true);
        assertThat((List<Boolean>) JsonPath.read(signed, "$.subjectResponses[*].completesExtension")).containsExactly(true, false);
        assertThat((Object) JsonPath.read(signed, "$.subjectResponses[0].basis")).isNull();
        assertThat((String) JsonPath.read(signed, "$.subjectResponses[1].basis")).isEqualTo("Invoices kept for tax law, ticket PRIV-7");
        assertThat((List<String>) JsonPath.read(signed, "$.subjectResponses[*].respondedAt"))
                .containsExactlyElementsOf(JsonPath.read(details, "$.subjectResponses[*].respondedAt"));
    }

    @Test
    void aReceiptIsForThoseWhoMaySeeTheRequest() {
        String id = api.as("crm").create(request(unique(), null, "CCPA"));

        receipt(api.as("crm"), id);
        receipt(api.as("compliance"), id);
        receipt(api.as("ops"), id);
        String others = body(api.as("helpdesk").client().get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        String missing = body(api.as("helpdesk").client().get().uri(Api.REQUESTS + "/{id}/receipt", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound());
        assertThat(others.replace(id, "")).isEqualTo(missing.replaceAll("[0-9a-f-]{36}", ""));
        anonymous.get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aSubmitterSeesNeitherGongsCallsNorWhatItsChecksCountedInItsViewsOrReceipt() {
        String id = api.as("crm").create(request(unique(), null, "GDPR"));
        // What a completion check leaves behind, as the dispatcher records it.
        jdbc.sql("INSERT INTO audit_event (request_id, actor, kind, details) VALUES (?, 'system:dispatcher', 'GONG_CALL', "
                + "CAST('{\"endpoint\": \"data-for-email-address\", \"httpStatus\": 200, \"gongRequestId\": \"g-7\"}' AS jsonb))")
                .param(UUID.fromString(id)).update();
        jdbc.sql("UPDATE erasure_request SET check_due_at = now(), last_check = CAST(? AS jsonb) WHERE id = ?")
                .params("{\"dataLeft\": true, \"email\": {\"emails\": 3, \"calls\": 1, \"gongRequestId\": \"g-7\"}}", UUID.fromString(id))
                .update();

        String own = body(api.as("crm").get(id).expectStatus().isOk());
        assertThat(own).doesNotContain("g-7", "\"emails\"");
        assertThat((Object) JsonPath.read(own, "$.completion.lastCheck")).isNull();
        assertThat((String) JsonPath.read(own, "$.completion.checkDueAt")).isNotNull();
        assertThat(body(api.as("crm").list("size=200"))).doesNotContain("g-7");
        String signedForSubmitter = signed(receipt(api.as("crm"), id));
        assertThat(signedForSubmitter).doesNotContain("g-7", "\"emails\"");
        assertThat((Object) JsonPath.read(signedForSubmitter, "$.gongCalls")).isNull();
        assertThat((Object) JsonPath.read(signedForSubmitter, "$.completionCheck")).isNull();

        assertThat((Integer) JsonPath.read(body(api.as("compliance").get(id).expectStatus().isOk()), "$.completion.lastCheck.email.emails"))
                .isEqualTo(3);
        String signedForViewer = signed(receipt(api.as("ops"), id));
        assertThat((List<String>) JsonPath.read(signedForViewer, "$.gongCalls[*].gongRequestId")).containsExactly("g-7");
        assertThat((Integer) JsonPath.read(signedForViewer, "$.completionCheck.email.calls")).isEqualTo(1);
    }

    @Test
    void aTrailThatNoLongerVerifiesGetsNoReceipt() {
        String id = api.create(request(unique(), null, "GDPR"));
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete").update();
        try {
            jdbc.sql("UPDATE audit_event SET reason = 'Never happened' WHERE request_id = ?").param(UUID.fromString(id)).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete").update();
        }

        String problem = body(api.as("compliance").client().get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem).contains("does not verify").doesNotContain("signature");
        Problems.assertNoInternals(problem);
    }

    @Test
    void publicKeysNeedNoCredentials() {
        String keys = body(anonymous.get().uri("/api/v1/keys").exchange().expectStatus().isOk());
        String active = JsonPath.read(keys, "$.activeKeyId");
        assertThat((List<String>) JsonPath.read(keys, "$.keys[?(@.keyId == '" + active + "')].publicKeyPem"))
                .singleElement().asString().startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat((List<String>) JsonPath.read(keys, "$.keys[*].algorithm")).containsOnly("Ed25519");

        String problem = body(anonymous.get().uri("/api/v1/keys/nosuchkey.pem").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        Problems.assertNoInternals(problem);
    }

    private static String receipt(Api caller, String id) {
        return body(caller.client().get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON));
    }

    private static String signed(String receipt) {
        return new String(Base64.getDecoder().decode((String) JsonPath.read(receipt, "$.payload")), StandardCharsets.UTF_8);
    }

    private static String unique() {
        return "receipt-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
