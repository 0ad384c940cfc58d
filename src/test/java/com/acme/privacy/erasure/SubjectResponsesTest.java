package com.acme.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.testsupport.FreshDatabase;
import com.acme.privacy.testsupport.ResponseRecording;
import com.acme.privacy.testsupport.SettableClock;

/** What a request may be answered with, when, and which response is its answer; each one audited, none changed. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@FreshDatabase
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(ResponseRecording.class)
class SubjectResponsesTest {

    private static final String ADMIN = "user:officer";

    @Autowired
    SubjectResponses responses;

    @Autowired
    SettableClock clock;

    @Autowired
    JdbcClient jdbc;

    /** A request of portal crm received a week ago, due in {@code dueIn}; extended by a month when {@code extended}. */
    private UUID stored(ErasureStatus status, Duration dueIn, boolean extended) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant due = now.plus(dueIn);
        jdbc.sql("""
                INSERT INTO erasure_request (id, email_ciphertext, email_key_id, email_hash, source, regulation, received_at, due_at,
                    original_due_at, status, created_at, updated_at)
                VALUES (?, '\\x01', 'k1', ?, 'crm', 'GDPR', ?, ?, ?, ?, ?, ?)""")
                .params(id, id.toString().getBytes(), Timestamp.from(now.minus(7, ChronoUnit.DAYS)),
                        Timestamp.from(extended ? due.plus(30, ChronoUnit.DAYS) : due), extended ? Timestamp.from(due) : null,
                        status.name(), Timestamp.from(now), Timestamp.from(now))
                .update();
        return id;
    }

    private UUID stored(ErasureStatus status) {
        return stored(status, Duration.ofDays(20), false);
    }

    private SubjectResponse record(UUID id, SubjectResponseKind kind, String basis, Instant at) {
        return responses.record(id, null, ADMIN, new ResponseGiven(kind, basis, at, ResponseChannel.EMAIL));
    }

    private SubjectResponse record(UUID id, SubjectResponseKind kind, String basis) {
        return record(id, kind, basis, clock.instant());
    }

    @Test
    void theFirstFinalResponseIsTheAnswerAndEachIsAuditedWithItsBasis() {
        UUID id = stored(ErasureStatus.SUBMITTED);

        SubjectResponse partial = record(id, SubjectResponseKind.PARTIAL, "Invoices kept for tax law, ticket PRIV-7");
        SubjectResponse confirmed = record(id, SubjectResponseKind.CONFIRMED_ERASURE, null);

        assertThat(partial.answer()).isTrue();
        assertThat(confirmed.answer()).as("the answer was given already").isFalse();
        assertThat(responses.of(id)).containsExactly(partial, confirmed);
        List<String> reasons = jdbc.sql("SELECT coalesce(reason, '-') FROM audit_event WHERE request_id = ? AND kind = 'SUBJECT_RESPONSE' "
                + "ORDER BY seq").param(id).query(String.class).list();
        assertThat(reasons).containsExactly("Invoices kept for tax law, ticket PRIV-7", "-");
        assertThat(jdbc.sql("SELECT details->>'answer' FROM audit_event WHERE request_id = ? AND kind = 'SUBJECT_RESPONSE' ORDER BY seq")
                .param(id).query(String.class).list()).containsExactly("true", "false");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE request_id = ? AND to_status IS NOT NULL").param(id)
                .query(Integer.class).single()).as("no status change").isZero();
        assertThat(jdbc.sql("SELECT answered_at, answer_kind FROM erasure_request WHERE id = ?").param(id).query().singleRow())
                .as("stamped on the request").containsEntry("answer_kind", "PARTIAL")
                .containsEntry("answered_at", Timestamp.from(partial.respondedAt()));
    }

    @Test
    void responsesAreAppendOnlyAndTheAnswerOnTheRequestIsKept() {
        UUID id = stored(ErasureStatus.COMPLETED);
        record(id, SubjectResponseKind.CONFIRMED_ERASURE, null);

        assertThatThrownBy(() -> jdbc.sql("UPDATE subject_response SET answer = false WHERE request_id = ?").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM subject_response WHERE request_id = ?").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE erasure_request SET answered_at = NULL, answer_kind = NULL WHERE id = ?").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("once recorded, are kept");
    }

    @Test
    void whatMayBeSaidFollowsWhereTheRequestStands() {
        List<UUID> refused = new ArrayList<>();
        for (ErasureStatus status : List.of(ErasureStatus.PENDING, ErasureStatus.FAILED, ErasureStatus.NEEDS_ATTENTION)) {
            UUID id = stored(status);
            refused.add(id);
            assertThatThrownBy(() -> record(id, SubjectResponseKind.CONFIRMED_ERASURE, null)).isInstanceOf(ResponseNotAllowed.class)
                    .hasMessageContaining("needs the erasure accepted by Gong");
            assertThatThrownBy(() -> record(id, SubjectResponseKind.PARTIAL, "Kept for tax law")).isInstanceOf(ResponseNotAllowed.class);
            assertThatThrownBy(() -> record(id, SubjectResponseKind.DENIAL, "Identity not verified")).isInstanceOf(ResponseNotAllowed.class)
                    .hasMessageContaining("cancel it first");
            assertThatThrownBy(() -> record(id, SubjectResponseKind.EXTENSION_NOTICE, null)).isInstanceOf(ResponseNotAllowed.class)
                    .hasMessageContaining("was not extended");
        }
        assertThat(record(stored(ErasureStatus.CANCELLED), SubjectResponseKind.DENIAL, "Identity not verified").answer()).isTrue();
        assertThat(record(stored(ErasureStatus.SUBMITTED), SubjectResponseKind.CONFIRMED_ERASURE, null).answer()).isTrue();
        assertThat(record(stored(ErasureStatus.PENDING, Duration.ofDays(3), true), SubjectResponseKind.EXTENSION_NOTICE, null).answer())
                .isFalse();
        assertThat(refused).allSatisfy(id -> assertThat(responses.of(id)).isEmpty());
    }

    @Test
    void aResponseIsDatedBetweenTheRequestsReceiptAndNow() {
        UUID id = stored(ErasureStatus.COMPLETED);
        Instant receivedAt = clock.instant().minus(7, ChronoUnit.DAYS);

        assertThatThrownBy(() -> record(id, SubjectResponseKind.CONFIRMED_ERASURE, null, clock.instant().plus(Duration.ofMinutes(6))))
                .isInstanceOf(FieldRejected.class).hasMessage("respondedAt must not be in the future");
        assertThatThrownBy(() -> record(id, SubjectResponseKind.CONFIRMED_ERASURE, null, receivedAt.minusMillis(1)))
                .isInstanceOf(FieldRejected.class).hasMessageStartingWith("respondedAt must not be before the request was received");
        assertThat(record(id, SubjectResponseKind.CONFIRMED_ERASURE, null, clock.instant().plus(Duration.ofMinutes(4))).answer())
                .as("within privacy.erasure.max-clock-skew").isTrue();
        assertThat(record(id, SubjectResponseKind.CONFIRMED_ERASURE, null, receivedAt).respondedAt()).isEqualTo(receivedAt);
    }

    @Test
    void onlyARefusalHasABasisAndItAlwaysHasOne() {
        UUID cancelled = stored(ErasureStatus.CANCELLED);
        UUID completed = stored(ErasureStatus.COMPLETED);

        assertThatThrownBy(() -> record(cancelled, SubjectResponseKind.DENIAL, null)).isInstanceOf(FieldRejected.class)
                .hasMessageStartingWith("basis is required for a DENIAL");
        assertThatThrownBy(() -> record(completed, SubjectResponseKind.PARTIAL, null)).isInstanceOf(FieldRejected.class)
                .hasMessageStartingWith("basis is required for a PARTIAL");
        assertThatThrownBy(() -> record(completed, SubjectResponseKind.CONFIRMED_ERASURE, "All done")).isInstanceOf(FieldRejected.class)
                .hasMessage("basis is given only with a DENIAL or PARTIAL");
    }

    @Test
    void aNoticeCompletesTheExtensionOnlyWhenGivenAndRecordedWithinTheOriginalDeadline() {
        UUID onTime = stored(ErasureStatus.PENDING, Duration.ofDays(2), true);
        UUID givenLate = stored(ErasureStatus.PENDING, Duration.ofDays(2), true);
        UUID recordedLate = stored(ErasureStatus.PENDING, Duration.ofDays(2), true);
        Instant originalDue = clock.instant().plus(Duration.ofDays(2));

        assertThat(record(onTime, SubjectResponseKind.EXTENSION_NOTICE, null).completesExtension()).isTrue();
        assertThat(record(onTime, SubjectResponseKind.EXTENSION_NOTICE, null).completesExtension()).as("complete already").isFalse();

        clock.advance(Duration.ofDays(3));
        assertThat(record(givenLate, SubjectResponseKind.EXTENSION_NOTICE, null, originalDue.plusSeconds(1)).completesExtension()).isFalse();
        assertThat(record(recordedLate, SubjectResponseKind.EXTENSION_NOTICE, null, originalDue.minusSeconds(60)).completesExtension())
                .as("told in time, but recorded only after the original deadline").isFalse();
        assertThat(responses.of(recordedLate)).singleElement().extracting(SubjectResponse::answer).isEqualTo(false);
        assertThat(jdbc.sql("SELECT id FROM erasure_request WHERE id IN (?, ?, ?) AND extension_notice_at IS NOT NULL")
                .params(onTime, givenLate, recordedLate).query(UUID.class).list()).as("stamped on the request").containsExactly(onTime);
    }

    @Test
    void aPortalAnswersOnlyItsOwnRequests() {
        UUID id = stored(ErasureStatus.COMPLETED);
        ResponseGiven confirmed = new ResponseGiven(SubjectResponseKind.CONFIRMED_ERASURE, null, clock.instant(), ResponseChannel.PORTAL);

        assertThatThrownBy(() -> responses.record(id, "helpdesk", "client:helpdesk", confirmed)).isInstanceOf(ErasureRequestNotFound.class);
        assertThatThrownBy(() -> responses.record(UUID.randomUUID(), null, ADMIN, confirmed)).isInstanceOf(ErasureRequestNotFound.class);
        SubjectResponse own = responses.record(id, "crm", "client:crm", confirmed);
        assertThat(own.recordedBy()).isEqualTo("client:crm");
        assertThat(own.channel()).isEqualTo(ResponseChannel.PORTAL);
        assertThat(jdbc.sql("SELECT channel FROM subject_response WHERE id = ?").param(own.id()).query(String.class).single())
                .isEqualTo("portal");
    }
}
