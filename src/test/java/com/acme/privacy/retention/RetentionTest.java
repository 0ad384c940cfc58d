package com.acme.privacy.retention;

import static com.acme.privacy.testsupport.Api.body;
import static com.acme.privacy.testsupport.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.lifecycle.RequestRetention;
import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.ApiTest;
import com.acme.privacy.testsupport.DispatcherMoves;
import com.jayway.jsonpath.JsonPath;

/**
 * The job is off here, so that only the test moves retention along. Time passes by moving a request's last status
 * change back: retention counts in database time.
 */
@ApiTest
@TestPropertySource(properties = "privacy.retention.enabled=false")
class RetentionTest {

    @LocalServerPort
    int port;

    @Autowired
    RequestRetention retention;

    @Autowired
    RetentionProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail auditTrail;

    Api api;
    Api viewer;
    DispatcherMoves moves;
    String email;
    String phone;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        viewer = api.as("compliance");
        moves = new DispatcherMoves(jdbc);
        email = "retained-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        phone = "+4917" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
    }

    @Test
    void aClosedRequestLosesItsCiphertextsAfterThePurgePeriodAndCanStillBeFoundAndShown() {
        String id = api.create(request(email, phone, "GDPR"));
        String before = body(viewer.get(id));
        api.cancel(id).expectStatus().isOk();

        age(id, Period.ofDays(29));
        purge();
        assertThat(stored(id).get("email_ciphertext")).as("not yet due").isNotNull();

        age(id, Period.ofDays(2));
        assertThat(purge()).isPositive();

        Map<String, Object> row = stored(id);
        assertThat(row).containsEntry("email_ciphertext", null).containsEntry("phone_ciphertext", null)
                .containsEntry("email_key_id", null).containsEntry("email_masked", JsonPath.read(before, "$.email"))
                .containsEntry("phone_masked", JsonPath.read(before, "$.phoneNumber"));
        assertThat(row.get("email_hash")).isNotNull();
        assertThat(row.get("identifiers_purged_at")).isNotNull();

        String after = body(viewer.get(id).expectStatus().isOk());
        assertThat((String) JsonPath.read(after, "$.email")).isEqualTo(JsonPath.read(before, "$.email"));
        assertThat((String) JsonPath.read(after, "$.phoneNumber")).isEqualTo(JsonPath.read(before, "$.phoneNumber"));
        assertThat((Boolean) JsonPath.read(after, "$.auditTrail.intact")).isTrue();
        assertThat((String) JsonPath.read(after, "$.auditTrail.events[-1].kind")).isEqualTo("IDENTIFIERS_PURGED");
        assertThat((String) JsonPath.read(after, "$.auditTrail.events[-1].actor")).isEqualTo("system:retention");
        assertThat(after).doesNotContain(email, phone.substring(1));

        assertThat(found("{\"email\":\"" + email.toUpperCase() + "\"}")).containsExactly(id);
        assertThat(found("{\"phoneNumber\":\"" + phone + "\"}")).containsExactly(id);
        String receipt = body(viewer.client().get().uri(Api.REQUESTS + "/{id}/receipt", id).exchange().expectStatus().isOk());
        assertThat((String) JsonPath.read(receipt, "$.receipt.subject.email")).isEqualTo(JsonPath.read(before, "$.email"));
        assertThat((String) JsonPath.read(receipt, "$.receipt.identifiersPurgedAt")).isNotNull();
    }

    @Test
    void anOpenRequestIsNeverPurged() {
        String id = api.create(request(email, null, "GDPR"));

        age(id, Period.ofDays(60));
        purge();

        assertThat(stored(id).get("email_ciphertext")).isNotNull();
    }

    @Test
    void aPurgedRequestCanNeverBeSentAgain() {
        UUID id = UUID.fromString(api.create(request(email, null, "GDPR")));
        api.cancel(id.toString()).expectStatus().isOk();
        age(id.toString(), Period.ofDays(31));
        purge();

        assertThat(stored(id.toString()).get("identifiers_purged_at")).isNotNull();
        api.retry(id.toString()).expectStatus().isEqualTo(409);
        assertThatThrownBy(() -> jdbc.sql("UPDATE erasure_request SET status = 'PENDING' WHERE id = ?").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void unansweredRequestsKeepTheirIdentifiersUntilAPersonActs() {
        UUID failed = UUID.fromString(api.create(request(email, phone, "GDPR")));
        UUID attention = UUID.fromString(api.create(request("other-" + email, null, "GDPR")));
        moves.move(failed, "PENDING", "DISPATCHING", "FAILED");
        moves.move(attention, "PENDING", "DISPATCHING", "SUBMITTED", "NEEDS_ATTENTION");

        age(failed.toString(), Period.ofMonths(26));
        age(attention.toString(), Period.ofMonths(26));
        purge();
        anonymise();

        for (UUID id : List.of(failed, attention)) {
            assertThat(stored(id.toString()).get("email_ciphertext")).as("waits for a person").isNotNull();
            api.retry(id.toString()).expectStatus().isOk();
            assertThat(stored(id.toString()).get("status")).isEqualTo("PENDING");
        }
    }

    @Test
    void theRetentionClockCountsFromTheLastStatusChangeNotFromAnExtension() {
        UUID id = UUID.fromString(api.create(request(email, null, "GDPR")));
        moves.move(id, "PENDING", "DISPATCHING", "SUBMITTED");

        age(id.toString(), Period.ofDays(31));
        api.as("ops").act(id.toString(), "extend", "{\"reason\": \"Complex request, ticket 9\"}").expectStatus().isOk();

        assertThat(purge()).isPositive();
        assertThat(stored(id.toString()).get("identifiers_purged_at")).isNotNull();
    }

    @Test
    void afterTheSecondPeriodTheRecordIsAnonymisedAndItsTrailStillVerifies() {
        String reference = "TICKET-" + UUID.randomUUID();
        String idempotencyKey = "portal-retry-" + UUID.randomUUID();
        String id = JsonPath.read(body(api.submit("{\"email\":\"" + email + "\",\"phoneNumber\":\"" + phone
                + "\",\"regulation\":\"CCPA\",\"externalReference\":\"" + reference + "\"}", idempotencyKey)
                .expectStatus().isAccepted()), "$.id");
        api.cancel(id).expectStatus().isOk();
        age(id, Period.ofDays(31));
        purge();
        age(id, Period.ofMonths(23));
        anonymise();
        assertThat(stored(id).get("anonymised_at")).as("24 months and a day have passed, not 25").isNull();

        age(id, Period.ofMonths(2));
        assertThat(anonymise()).isPositive();

        assertThat(stored(id)).containsEntry("email_hash", null).containsEntry("phone_hash", null)
                .containsEntry("email_masked", null).containsEntry("phone_masked", null)
                .containsEntry("external_reference", null).containsEntry("idempotency_key", null);
        assertThat(found("{\"email\":\"" + email + "\"}")).isEmpty();
        String details = body(viewer.get(id).expectStatus().isOk());
        assertThat((String) JsonPath.read(details, "$.email")).isNull();
        assertThat((String) JsonPath.read(details, "$.status")).isEqualTo("CANCELLED");
        assertThat((Boolean) JsonPath.read(details, "$.auditTrail.intact")).isTrue();
        assertThat((List<String>) JsonPath.read(details, "$.auditTrail.events[*].kind"))
                .containsExactly("RECEIVED", "STATUS_CHANGED", "IDENTIFIERS_PURGED", "RECORD_ANONYMISED");
        assertThat(auditTrail.verify(UUID.fromString(id)).intact()).isTrue();
        // The trail outlives anonymisation unchanged, so it never held the reference or the key, only keyed digests.
        assertThat(details).doesNotContain(reference, idempotencyKey);
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[0].details.externalReferenceDigest")).matches("[0-9a-f]{64}");
        assertThat((String) JsonPath.read(details, "$.auditTrail.events[0].details.idempotencyKeyDigest")).matches("[0-9a-f]{64}");
        assertThat(jdbc.sql("SELECT string_agg(details::text || coalesce(reason, ''), ' ') FROM audit_event WHERE request_id = ?")
                .param(UUID.fromString(id)).query(String.class).single()).doesNotContain(reference, idempotencyKey);
    }

    private List<String> found(String search) {
        return JsonPath.read(body(viewer.search(search).expectStatus().isOk()), "$.content[*].id");
    }

    private Map<String, Object> stored(String id) {
        return jdbc.sql("SELECT * FROM erasure_request WHERE id = ?").param(UUID.fromString(id)).query().singleRow();
    }

    /** The request's last status change happened {@code period} earlier than it did. */
    private void age(String id, Period period) {
        jdbc.sql("UPDATE erasure_request SET status_changed_at = status_changed_at - CAST(? AS interval) WHERE id = ?")
                .params(period.toString(), UUID.fromString(id)).update();
    }

    private int purge() {
        return retention.purgeClosedFor(properties.purgeAfter());
    }

    private int anonymise() {
        return retention.anonymiseClosedFor(properties.anonymiseAfter());
    }
}
