package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.Sealed;
import com.acme.privacy.pii.SealedIdentifier;
import com.acme.privacy.testsupport.FreshDatabase;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
class ErasureRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    ErasureRequests requests;

    @Autowired
    JdbcClient jdbc;

    private static SealedIdentifier identifier(String hash) {
        return new SealedIdentifier(new Sealed("k1", new byte[] {1, 2, 3}), hash.getBytes());
    }

    private ErasureRequest stored(String subject, String phone, String source, String key, Regulation regulation, Instant receivedAt) {
        ErasureSubmission submission = new ErasureSubmission(new EmailAddress("x@example.com"), null, regulation, source, null,
                receivedAt, key, null);
        return requests.saveAndFlush(new ErasureRequest(submission, identifier(subject), phone == null ? null : identifier(phone),
                key == null ? null : new byte[] {9}, receivedAt, receivedAt.plus(30, ChronoUnit.DAYS), NOW));
    }

    private ErasureRequest stored(String subject) {
        return stored(subject, null, "crm", null, Regulation.GDPR, NOW);
    }

    @Test
    void findsTheOpenRequestOfASubject() {
        ErasureRequest closed = stored("subject-a");
        closed.moveTo(ErasureStatus.CANCELLED, NOW);
        requests.saveAndFlush(closed);
        ErasureRequest open = stored("subject-a");

        assertThat(requests.findBySubjectAndStatusIn("subject-a".getBytes(), ErasureStatus.OPEN)).contains(open);
        assertThat(requests.findBySubjectAndStatusIn("subject-b".getBytes(), ErasureStatus.OPEN)).isEmpty();
        assertThat(requests.findByEmailHashOrderByCreatedAtDesc("subject-a".getBytes())).containsExactlyInAnyOrder(open, closed);
    }

    @Test
    void allowsOneOpenRequestPerSubject() {
        stored("subject-c");
        assertThatThrownBy(() -> stored("subject-c")).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void allowsAnIdempotencyKeyOncePerSource() {
        stored("s1", null, "portal-a", "key-1", Regulation.GDPR, NOW);
        stored("s2", null, "portal-b", "key-1", Regulation.GDPR, NOW);
        assertThat(requests.findBySourceAndIdempotencyKey("portal-a", "key-1")).isPresent();
        assertThatThrownBy(() -> stored("s3", null, "portal-a", "key-1", Regulation.GDPR, NOW))
                .isInstanceOf(DataIntegrityViolationException.class);
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
        lateButCancelled.moveTo(ErasureStatus.CANCELLED, NOW);
        requests.saveAndFlush(lateButCancelled);
        stored("s8", null, source, null, Regulation.GDPR, NOW);

        ErasureRequestFilter overdue = new ErasureRequestFilter(null, source, null, null, null, null, true);
        assertThat(requests.findAll(ErasureRequestSpecifications.matching(overdue, NOW), PageRequest.of(0, 10, Sort.by("createdAt"))))
                .containsExactly(late);
    }

    @Test
    void locksARowForUpdate() {
        ErasureRequest request = stored("s9");
        assertThat(requests.findForUpdate(request.getId())).contains(request);
        assertThat(requests.findForUpdate(UUID.randomUUID())).isEmpty();
    }
}
