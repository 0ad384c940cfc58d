package com.acme.privacy.dispatch;

import static com.acme.privacy.testsupport.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import com.acme.privacy.testsupport.DispatcherTest;
import com.acme.privacy.testsupport.GongSandbox;
import com.acme.privacy.testsupport.GongSandbox.ReceivedCall;
import com.jayway.jsonpath.JsonPath;

/** Nothing reaches Gong before the CRM erasure: a request waits for its notBefore, or HELD for a release. */
@DispatcherTest
class OrderingGuardTest {

    @LocalServerPort
    int port;

    @Autowired
    GongSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        sandbox.reset();
    }

    private static String unique() {
        return "guard-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static String guarded(String email, String guard) {
        return "{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"," + guard + "}";
    }

    private List<ReceivedCall> erasuresOf(String email) {
        return sandbox.erasures().stream().filter(call -> email.equals(call.identifier())).toList();
    }

    private RestTestClient.ResponseSpec release(Api as, String id, String json) {
        return as.act(id, "release", json);
    }

    @Test
    void aHeldRequestWaitsForItsReleaseAndTheTrailSaysWhoReleasedItAndWhy() {
        String email = unique();
        String id = api.create(guarded(email, "\"holdUntilConfirmed\":true"));
        String held = body(api.get(id).expectStatus().isOk());
        assertThat((String) JsonPath.read(held, "$.status")).isEqualTo("HELD");
        assertThat((Boolean) JsonPath.read(held, "$.holdUntilConfirmed")).isTrue();
        assertThat((List<String>) JsonPath.read(body(api.list("status=HELD")), "$.content[*].id")).contains(id);
        assertThat(JsonPath.<String>read(body(api.submit(guarded(email, "\"holdUntilConfirmed\":true")).expectStatus().isOk()), "$.id"))
                .as("a repeat finds the held request").isEqualTo(id);

        // Several dispatch rounds pass (100 ms each) while it is held; a pending request submitted after it is sent.
        String later = unique();
        api.awaitStatus(api.create("{\"email\":\"" + later + "\",\"regulation\":\"GDPR\"}"), "SUBMITTED");
        assertThat(erasuresOf(email)).isEmpty();

        release(api.as("crm"), id, "{\"reason\":\"not mine\"}").expectStatus().isNotFound();
        release(api.as("compliance"), id, "{\"reason\":\"a viewer\"}").expectStatus().isForbidden();
        release(api, id, "{}").expectStatus().isBadRequest();
        release(api, id, "{\"reason\":\"CRM erasure done, ticket 123\"}").expectStatus().isOk();

        String details = api.awaitStatus(id, "SUBMITTED");
        assertThat(erasuresOf(email)).hasSize(1);
        List<String> reasons = JsonPath.read(details, "$.auditTrail.events[?(@.fromStatus == 'HELD')].reason");
        List<String> actors = JsonPath.read(details, "$.auditTrail.events[?(@.fromStatus == 'HELD')].actor");
        assertThat(reasons).containsExactly("CRM erasure done, ticket 123");
        assertThat(actors).containsExactly("client:tester");
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
        release(api, id, "{\"reason\":\"again\"}").expectStatus().isEqualTo(409);
    }

    @Test
    void aHeldRequestMayBeCancelledAndAnAdminReleasesAnyPortals() {
        String cancelled = new Api(port).as("crm").create(guarded(unique(), "\"holdUntilConfirmed\":true"));
        api.cancel(cancelled).expectStatus().isOk();

        String email = unique();
        String crms = api.as("crm").create(guarded(email, "\"holdUntilConfirmed\":true"));
        release(api.as("ops"), crms, "{\"reason\":\"Released by the DPO after the CRM ticket closed\"}").expectStatus().isOk();
        api.awaitStatus(crms, "SUBMITTED");
    }

    /**
     * Another portal's erasure of the same subject is not shared with a request whose own time has not come: it would
     * tell that portal that someone else asked, and send its subject before its CRM was cleared.
     */
    @Test
    void anotherPortalsErasureReachesARequestOnlyOnceItIsDueItself() {
        String email = unique();
        String waiting = api.as("helpdesk").create(guarded(email, "\"notBefore\":\"" + Instant.now().plus(Duration.ofDays(7)) + "\""));
        String held = api.as("tester").create(guarded(email, "\"holdUntilConfirmed\":true"));
        String sent = api.as("crm").create("{\"email\":\"" + email + "\",\"regulation\":\"GDPR\"}");
        api.awaitStatus(sent, "SUBMITTED");

        for (String id : List.of(waiting, held)) {
            String details = body(api.get(id));
            assertThat((String) JsonPath.read(details, "$.gongRequestIds.email")).as("nothing of another portal's").isNull();
            assertThat((List<Object>) JsonPath.read(details, "$.gongCalls")).isEmpty();
        }

        jdbc.sql("UPDATE erasure_request SET next_attempt_at = now() WHERE id = CAST(? AS uuid)").param(waiting).update();
        String waited = api.awaitStatus(waiting, "SUBMITTED");
        release(api, held, "{\"reason\":\"CRM erasure done, ticket 7\"}").expectStatus().isOk();
        String released = api.awaitStatus(held, "SUBMITTED");
        for (String details : List.of(waited, released)) {
            assertThat((List<Object>) JsonPath.read(details, "$.gongCalls[?(@.details.sharedFrom)]")).as("its own call").isEmpty();
        }
        assertThat(erasuresOf(email)).as("each sent when its own time came").hasSize(3);
    }

    @Test
    void aRequestIsNotSentBeforeItsNotBefore() {
        String email = unique();
        Instant notBefore = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String id = api.create(guarded(email, "\"notBefore\":\"" + notBefore + "\""));
        assertThat((String) JsonPath.read(body(api.get(id)), "$.nextAttemptAt")).isEqualTo(notBefore.toString());

        api.awaitStatus(id, "SUBMITTED");
        assertThat(erasuresOf(email)).singleElement().satisfies(call -> assertThat(call.at()).isAfterOrEqualTo(notBefore));
    }

    @Test
    void guardsThatCannotHoldAreRefusedAndNothingIsStored() {
        long before = jdbc.sql("SELECT count(*) FROM erasure_request").query(Long.class).single();
        String tooLate = Instant.now().plus(Duration.ofDays(40)).toString();
        for (String guard : List.of("\"holdUntilConfirmed\":true,\"notBefore\":\"" + Instant.now().plusSeconds(60) + "\"",
                "\"notBefore\":\"" + tooLate + "\"", "\"holdUntilConfirmed\":\"true\"", "\"holdUntilConfirmed\":1",
                "\"notBefore\":\"\"")) {
            api.submit(guarded(unique(), guard)).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM erasure_request").query(Long.class).single()).isEqualTo(before);
    }
}
