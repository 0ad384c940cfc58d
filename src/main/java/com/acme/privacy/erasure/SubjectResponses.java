package com.acme.privacy.erasure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/**
 * What the data subject was told, and when and how, kept append-only in {@code subject_response}, each with its
 * SUBJECT_RESPONSE audit event in the same transaction. Recording a response changes no status: refusing a request is
 * cancelling it, which stays a status move of its own. The first final response is the request's answer; an
 * extension notice given and recorded within the original deadline completes the extension. Both are also stamped on
 * the request ({@code answered_at}, {@code answer_kind}, {@code extension_notice_at}), for the lists and figures that
 * select requests by them.
 */
@Component
public class SubjectResponses {

    /** Gong accepted the erasure: only then can the subject be told it was done, in whole or in part. */
    private static final Set<ErasureStatus> ERASED = EnumSet.of(ErasureStatus.SUBMITTED, ErasureStatus.COMPLETED);

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;
    private final ErasureProperties properties;
    private final Clock clock;

    SubjectResponses(JdbcClient jdbc, AuditTrail auditTrail, ErasureProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.clock = clock;
    }

    /** The request as the rules need it, locked against status changes and other responses. */
    private record Standing(String source, ErasureStatus status, Instant receivedAt, Instant originalDueAt, boolean answered,
                            boolean extensionComplete) {
    }

    /**
     * Records a response. A portal records only for what it submitted; anyone else's request looks missing.
     *
     * @param onlySource the caller's source when it may record only for its own requests, {@code null} for anyone's
     */
    @Transactional
    public SubjectResponse record(UUID requestId, String onlySource, String actor, ResponseGiven given) {
        Standing request = lock(requestId)
                .filter(found -> onlySource == null || onlySource.equals(found.source()))
                .orElseThrow(() -> new ErasureRequestNotFound(requestId));
        Instant now = clock.instant();
        checkDate(given.respondedAt(), request, now);
        checkBasis(given);
        checkStanding(requestId, given.kind(), request);
        boolean answer = given.kind().isFinal() && !request.answered();
        boolean completesExtension = given.kind() == SubjectResponseKind.EXTENSION_NOTICE && !request.extensionComplete()
                && !given.respondedAt().isAfter(request.originalDueAt()) && !now.isAfter(request.originalDueAt());
        SubjectResponse response = new SubjectResponse(UuidVersion7Strategy.INSTANCE.generateUuid(null), requestId, given.kind(),
                given.basis(), given.respondedAt(), given.channel(), answer, completesExtension, actor, now);
        jdbc.sql("""
                INSERT INTO subject_response (id, request_id, kind, basis, responded_at, channel, answer, completes_extension,
                                              recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(response.id(), requestId, given.kind().name(), given.basis(), Timestamp.from(given.respondedAt()),
                        given.channel().stored(), answer, completesExtension, actor, Timestamp.from(now))
                .update();
        if (answer || completesExtension) {
            jdbc.sql("""
                    UPDATE erasure_request SET answered_at = CASE WHEN :answer THEN :at ELSE answered_at END,
                                               answer_kind = CASE WHEN :answer THEN :kind ELSE answer_kind END,
                                               extension_notice_at = CASE WHEN :notice THEN :at ELSE extension_notice_at END
                    WHERE id = :id
                    """)
                    .param("answer", answer).param("notice", completesExtension).param("at", Timestamp.from(given.respondedAt()))
                    .param("kind", given.kind().name()).param("id", requestId)
                    .update();
        }
        auditTrail.record(AuditEntry.of(requestId, actor, AuditEventKind.SUBJECT_RESPONSE, given.basis(), details(response)));
        return response;
    }

    /** Every response recorded for the request, in the order recorded. */
    @Transactional(readOnly = true)
    public List<SubjectResponse> of(UUID requestId) {
        return jdbc.sql("SELECT * FROM subject_response WHERE request_id = ? ORDER BY recorded_at, id")
                .param(requestId).query(SubjectResponses::toResponse).list();
    }

    private Optional<Standing> lock(UUID requestId) {
        return jdbc.sql("""
                SELECT source, status, received_at, original_due_at, answered_at, extension_notice_at
                FROM erasure_request WHERE id = ? FOR NO KEY UPDATE
                """)
                .param(requestId)
                .query((rs, row) -> new Standing(rs.getString("source"), ErasureStatus.valueOf(rs.getString("status")),
                        instant(rs, "received_at"), instant(rs, "original_due_at"), rs.getTimestamp("answered_at") != null,
                        rs.getTimestamp("extension_notice_at") != null))
                .optional();
    }

    private void checkDate(Instant respondedAt, Standing request, Instant now) {
        if (respondedAt.isAfter(now.plus(properties.maxClockSkew()))) {
            throw new FieldRejected("respondedAt", "must not be in the future");
        }
        if (respondedAt.isBefore(request.receivedAt())) {
            throw new FieldRejected("respondedAt", "must not be before the request was received (" + request.receivedAt() + ")");
        }
    }

    private static void checkBasis(ResponseGiven given) {
        if (given.kind().needsBasis() && given.basis() == null) {
            throw new FieldRejected("basis", "is required for a " + given.kind() + ": on what basis the request was refused");
        }
        if (!given.kind().needsBasis() && given.basis() != null) {
            throw new FieldRejected("basis", "is given only with a DENIAL or PARTIAL");
        }
    }

    private static void checkStanding(UUID id, SubjectResponseKind kind, Standing request) {
        switch (kind) {
            case CONFIRMED_ERASURE, PARTIAL -> {
                if (!ERASED.contains(request.status())) {
                    throw new ResponseNotAllowed("Erasure request " + id + " is " + request.status() + ": a " + kind
                            + " needs the erasure accepted by Gong (SUBMITTED or COMPLETED)");
                }
            }
            case DENIAL -> {
                if (request.status() != ErasureStatus.CANCELLED) {
                    throw new ResponseNotAllowed("Erasure request " + id + " is " + request.status() + ": a DENIAL is recorded "
                            + "for a request that was refused, so cancel it first (possible while nothing was sent to Gong)");
                }
            }
            case EXTENSION_NOTICE -> {
                if (request.originalDueAt() == null) {
                    throw new ResponseNotAllowed("The deadline of erasure request " + id + " was not extended: extend it "
                            + "before recording the notice");
                }
            }
        }
    }

    /** Never an identifier: the basis, which may not hold one, is the event's reason. */
    private static Map<String, Object> details(SubjectResponse response) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responseId", response.id().toString());
        details.put("kind", response.kind().name());
        details.put("respondedAt", response.respondedAt().toString());
        details.put("channel", response.channel().stored());
        details.put("answer", response.answer());
        details.put("completesExtension", response.completesExtension());
        return details;
    }

    private static SubjectResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new SubjectResponse(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class),
                SubjectResponseKind.valueOf(rs.getString("kind")), rs.getString("basis"), instant(rs, "responded_at"),
                ResponseChannel.fromStored(rs.getString("channel")), rs.getBoolean("answer"),
                rs.getBoolean("completes_extension"), rs.getString("recorded_by"), instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
