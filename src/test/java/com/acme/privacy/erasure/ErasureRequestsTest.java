package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.pii.SealedIdentifier;
import com.acme.privacy.testsupport.FreshDatabase;

import tools.jackson.databind.json.JsonMapper;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
class ErasureRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    ErasureRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    private static SealedIdentifier identifier(String hash, UUID id) {
        return new SealedIdentifier(new Sealed("k1", new byte[] {1, 2, 3}, id), hash.getBytes(), "h1", "x***@example.com");
    }

    /** Stored as intake stores it, or {@code null} when a unique index turned it away. */
    private ErasureRequest stored(String subject, String phone, String source, String key, Regulation regulation, Instant receivedAt) {
        ErasureSubmission submission = new ErasureSubmission(new EmailAddress("x@example.com"), null, regulation, source, null,
                receivedAt, key, null, null, false);
        UUID id = UUID.randomUUID();
        ErasureRequest request = new ErasureRequest(id, submission, identifier(subject, id), phone == null ? null : identifier(phone, id),
                key == null ? null : new byte[] {9}, receivedAt, receivedAt.plus(30, ChronoUnit.DAYS), NOW);
        boolean inserted = new StoredRequests(jdbcTemplate, JsonMapper.builder().build())
                .insert(new StoredRequests.NewRequest(request, "client:test", Map.of()));
        return inserted ? requests.findById(id).orElseThrow() : null;
    }

    private ErasureRequest stored(String subject) {
        return stored(subject, null, "crm", null, Regulation.GDPR, NOW);
    }

    @Test
    void findsTheOpenRequestOfASubject() {
        ErasureRequest closed = stored("subject-a");
        closed.moveTo(StatusMove.CANCEL, NOW);
        requests.saveAndFlush(closed);
        ErasureRequest open = stored("subject-a");

        assertThat(requests.findOpen("subject-a".getBytes(), "crm")).contains(open);
        assertThat(requests.findOpen("subject-a".getBytes(), "helpdesk")).isEmpty();
        assertThat(requests.findOpen("subject-b".getBytes(), "crm")).isEmpty();
        assertThat(requests.findOpen(List.of("other-key-hash".getBytes(), "subject-a".getBytes()), "crm")).contains(open);
        assertThat(requests.findByEmailHashOrderByCreatedAtDesc("subject-a".getBytes())).containsExactlyInAnyOrder(open, closed);
    }

    @Test
    void allowsOneOpenRequestPerSubjectAndSource() {
        assertThat(stored("subject-c")).isNotNull();
        assertThat(stored("subject-c")).as("the same portal again").isNull();
        assertThat(stored("subject-c", null, "helpdesk", null, Regulation.GDPR, NOW)).as("another portal").isNotNull();
    }

    @Test
    void storesTheRequestAndItsReceivedEventInOneStatement() {
        ErasureRequest request = stored("subject-d");
        assertThat(jdbc.sql("SELECT kind FROM audit_event WHERE request_id = ?").param(request.getId()).query(String.class).list())
                .containsExactly("RECEIVED");
        assertThat(request.getEmailMasked()).isEqualTo("x***@example.com");
        assertThat(request.sealedEmail().requestId()).isEqualTo(request.getId());
    }

    @Test
    void allowsAnIdempotencyKeyOncePerSource() {
        stored("s1", null, "portal-a", "key-1", Regulation.GDPR, NOW);
        stored("s2", null, "portal-b", "key-1", Regulation.GDPR, NOW);
        assertThat(requests.findBySourceAndIdempotencyKey("portal-a", "key-1")).isPresent();
        assertThat(stored("s3", null, "portal-a", "key-1", Regulation.GDPR, NOW)).isNull();
    }

    @Test
    void findsRequestsByPhoneHash() {
        ErasureRequest withPhone = stored("s4", "phone-1", "crm", null, Regulation.CCPA, NOW);
        stored("s5");
        assertThat(requests.findByPhoneHashOrderByCreatedAtDesc("phone-1".getBytes())).containsExactly(withPhone);
    }

    @Test
    void findsOverdueRequestsThatWereNotAnswered() {
        String source = "overdue-" + UUID.randomUUID();
        ErasureRequest late = stored("s6", null, source, null, Regulation.GDPR, NOW.minus(60, ChronoUnit.DAYS));
        ErasureRequest lateButCancelled = stored("s7", null, source, null, Regulation.GDPR, NOW.minus(60, ChronoUnit.DAYS));
        lateButCancelled.moveTo(StatusMove.CANCEL, NOW);
        requests.saveAndFlush(lateButCancelled);
        stored("s8", null, source, null, Regulation.GDPR, NOW);
        ErasureRequest lateAndUnconfirmed = stored("s10", null, source, null, Regulation.GDPR, NOW.minus(60, ChronoUnit.DAYS));
        for (String status : List.of("DISPATCHING", "SUBMITTED", "NEEDS_ATTENTION")) {
            jdbc.sql("UPDATE erasure_request SET status = ? WHERE id = ?").params(status, lateAndUnconfirmed.getId()).update();
        }

        ErasureRequestFilter overdue = new ErasureRequestFilter(null, source, null, null, null, null, true);
        assertThat(requests.findAll(ErasureRequestSpecifications.matching(overdue, NOW), PageRequest.of(0, 10, Sort.by("createdAt"))))
                .as("nothing was confirmed for the one that needs attention").containsExactlyInAnyOrder(late, lateAndUnconfirmed);
    }

    @Test
    void locksARowForUpdate() {
        ErasureRequest request = stored("s9");
        assertThat(requests.findForUpdate(request.getId())).contains(request);
        assertThat(requests.findForUpdate(UUID.randomUUID())).isEmpty();
    }
}
