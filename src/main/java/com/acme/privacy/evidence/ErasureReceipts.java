package com.acme.privacy.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEvent;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.MaskedIdentifiers;
import com.acme.privacy.security.Caller;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues signed receipts. The request, its trail and the trail's check are read in one snapshot, and a trail that does
 * not verify gets no receipt: the service must never sign a record that may have been altered.
 */
@Component
class ErasureReceipts {

    private static final TypeReference<Map<String, Object>> CHECK = new TypeReference<>() {
    };

    private static final String REQUEST = """
            SELECT id, source, external_reference, regulation, status, received_at, due_at, original_due_at, first_dispatched_at,
                   submitted_at, completed_at, last_check, gong_email_request_id, gong_phone_request_id, email_ciphertext,
                   email_key_id, email_hash, email_masked, sealed_to_request, phone_ciphertext, phone_key_id, phone_hash,
                   phone_masked, identifiers_purged_at, anonymised_at
            FROM erasure_request WHERE id = ?
            """;

    private static final String RESPONSES = """
            SELECT kind, responded_at, channel, basis, answer, completes_extension, recorded_at
            FROM subject_response WHERE request_id = ? ORDER BY recorded_at, id
            """;

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;
    private final MaskedIdentifiers subjects;
    private final EvidenceSigner signer;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate snapshot;

    ErasureReceipts(JdbcClient jdbc, AuditTrail auditTrail, MaskedIdentifiers subjects, EvidenceSigner signer, JsonMapper json,
                    Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.subjects = subjects;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    SignedReceipt issue(UUID id, Caller caller) {
        ErasureReceipt receipt = snapshot.execute(status -> {
            StoredRequest request = jdbc.sql(REQUEST).param(id).query(this::toRequest).optional()
                    // Another portal's request looks exactly like one that does not exist.
                    .filter(found -> caller.readsEverything() || caller.source().equals(found.source()))
                    .orElseThrow(() -> new RequestNotFound(id));
            return receiptFor(request, caller);
        });
        byte[] payload = json.writeValueAsBytes(receipt);
        return new SignedReceipt(receipt, signer.sign(payload));
    }

    /** What Gong was called with and what it reported in checks are for VIEWERs and ADMINs, as in the API's views. */
    private ErasureReceipt receiptFor(StoredRequest request, Caller caller) {
        List<AuditEvent> events = auditTrail.eventsFor(request.id());
        String lastStatus = events.stream().map(AuditEvent::toStatus).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        if (events.isEmpty() || !auditTrail.verify(request.id()).intact() || !request.status().equals(lastStatus)) {
            throw new AuditTrailBroken(request.id());
        }
        AuditEvent head = events.get(events.size() - 1);
        boolean gongInternals = caller.readsEverything();
        List<ErasureReceipt.GongCall> calls = !gongInternals ? null
                : events.stream().filter(event -> event.kind() == AuditEventKind.GONG_CALL).map(this::gongCall).toList();
        // What the subject was told is the portal's own record: in everyone's receipt.
        List<ErasureReceipt.SubjectResponse> told = jdbc.sql(RESPONSES).param(request.id()).query(ErasureReceipts::toResponse).list();
        return new ErasureReceipt(ErasureReceipt.TYPE, ErasureReceipt.VERSION, request.id(), clock.instant(), signer.activeKeyId(),
                request.subject(), request.regulation(), request.status(), request.source(), request.externalReference(),
                request.receivedAt(), request.dueAt(), request.originalDueAt(), request.firstDispatchedAt(), request.submittedAt(),
                request.completedAt(), request.gongRequestIds(), calls, gongInternals ? request.completionCheck() : null, told,
                request.identifiersPurgedAt(), request.anonymisedAt(),
                new ErasureReceipt.ChainHead(events.size(), head.seq(), head.hash()));
    }

    private ErasureReceipt.GongCall gongCall(AuditEvent event) {
        JsonNode details = json.readTree(event.detailsJson());
        JsonNode status = details.path("httpStatus");
        return new ErasureReceipt.GongCall(event.seq(), event.occurredAt(), details.path("endpoint").asString(null),
                status.isNumber() ? Integer.valueOf(status.asInt()) : null, details.path("gongRequestId").asString(null));
    }

    private StoredRequest toRequest(ResultSet rs, int row) throws SQLException {
        ErasureReceipt.Subject subject = new ErasureReceipt.Subject(
                subjects.email(rs), hex(rs.getBytes("email_hash")), subjects.phone(rs), hex(rs.getBytes("phone_hash")));
        return new StoredRequest(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("external_reference"),
                rs.getString("regulation"), rs.getString("status"), instant(rs, "received_at"), instant(rs, "due_at"),
                instant(rs, "original_due_at"), instant(rs, "first_dispatched_at"), instant(rs, "submitted_at"), instant(rs, "completed_at"),
                rs.getString("last_check") == null ? null : json.readValue(rs.getString("last_check"), CHECK),
                new ErasureReceipt.GongRequestIds(rs.getString("gong_email_request_id"), rs.getString("gong_phone_request_id")),
                subject, instant(rs, "identifiers_purged_at"), instant(rs, "anonymised_at"));
    }

    private static ErasureReceipt.SubjectResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new ErasureReceipt.SubjectResponse(rs.getString("kind"), instant(rs, "responded_at"), rs.getString("channel"),
                rs.getString("basis"), rs.getBoolean("answer"), rs.getBoolean("completes_extension"), instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    private record StoredRequest(UUID id, String source, String externalReference, String regulation, String status,
                                 Instant receivedAt, Instant dueAt, Instant originalDueAt, Instant firstDispatchedAt,
                                 Instant submittedAt, Instant completedAt, Map<String, Object> completionCheck,
                                 ErasureReceipt.GongRequestIds gongRequestIds, ErasureReceipt.Subject subject,
                                 Instant identifiersPurgedAt, Instant anonymisedAt) {
    }

    /** The receipt and its signature; the receipt is shown for reading, the signed bytes are the payload. */
    record SignedReceipt(ErasureReceipt receipt, SignedDocument signed) {
    }
}
