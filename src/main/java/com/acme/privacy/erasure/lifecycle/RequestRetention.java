package com.acme.privacy.erasure.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.erasure.RequestAnonymised;
import com.acme.privacy.erasure.SubjectErasure;
import com.acme.privacy.pii.DecryptionKeyMissing;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;

/**
 * Purges and anonymises closed requests (README, "Retention"). Closed is answered or withdrawn
 * ({@link ErasureStatus#CLOSED}, or SUBMITTED with no completion check due), counted from the last status change: an
 * extension or a late receipt does not restart the count. FAILED and NEEDS_ATTENTION are not closed: a person must
 * act on them, and sending them again needs the identifiers.
 * <p>
 * Work goes in batches, each in its own transaction with its audit events, over rows locked with SKIP LOCKED, so that
 * replicas may run it at once. A row whose key this replica lacks is left for a replica that has it. Each request about
 * to be anonymised is published as {@link RequestAnonymised} first, in the batch's transaction, so that what must
 * outlive the request (the suppression list) takes its keyed hashes in the same commit.
 */
@Component
public class RequestRetention {

    private static final Logger log = LoggerFactory.getLogger(RequestRetention.class);
    /** Database time, and calendar arithmetic in UTC, so that "25 months" means months wherever the session is. */
    private static final String CUTOFF = "(now() AT TIME ZONE 'UTC' - CAST(? AS interval)) AT TIME ZONE 'UTC'";
    private static final String CLOSED = "(status IN (" + ErasureStatus.sqlList(ErasureStatus.CLOSED) + ") OR (status = "
            + ErasureStatus.SUBMITTED.sql() + " AND check_due_at IS NULL))";
    private static final String ACTOR = "system:retention";
    private static final int BATCH = 200;

    private static final String PURGE_DUE = """
            SELECT id, status_changed_at, sealed_to_request, email_ciphertext, email_key_id, phone_ciphertext, phone_key_id
            FROM erasure_request
            WHERE identifiers_purged_at IS NULL AND status_changed_at < %s AND %s AND id <> ALL(?)
            ORDER BY status_changed_at LIMIT %d FOR UPDATE SKIP LOCKED
            """.formatted(CUTOFF, CLOSED, BATCH);
    private static final String PURGE = """
            UPDATE erasure_request
            SET email_masked = coalesce(email_masked, ?), phone_masked = coalesce(phone_masked, ?),
                email_ciphertext = NULL, email_key_id = NULL, phone_ciphertext = NULL, phone_key_id = NULL,
                identifiers_purged_at = now(), version = version + 1
            WHERE id = ?
            """;
    private static final String ANONYMISATION_DUE = """
            SELECT id, status_changed_at, status, hash_key_id, email_hash, phone_hash, received_at,
                   coalesce(completed_at, submitted_at) AS erased_at
            FROM erasure_request
            WHERE anonymised_at IS NULL AND identifiers_purged_at IS NOT NULL AND status_changed_at < %s AND %s
            ORDER BY status_changed_at LIMIT %d FOR UPDATE SKIP LOCKED
            """.formatted(CUTOFF, CLOSED, BATCH);
    private static final String ANONYMISE = """
            UPDATE erasure_request
            SET email_hash = NULL, phone_hash = NULL, email_masked = NULL, phone_masked = NULL, external_reference = NULL,
                idempotency_key = NULL, idempotency_fingerprint = NULL, correlation_id = NULL, anonymised_at = now(),
                version = version + 1
            WHERE id = ?
            """;

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;
    private final ProtectedIdentifiers identifiers;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;

    RequestRetention(JdbcClient jdbc, AuditTrail auditTrail, ProtectedIdentifiers identifiers, TransactionTemplate transactions,
                     ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.identifiers = identifiers;
        this.transactions = transactions;
        this.publisher = publisher;
    }

    /** Destroys the ciphertexts of every request closed for longer than {@code purgeAfter}; returns how many. */
    public int purgeClosedFor(Period purgeAfter) {
        List<UUID> leftForOthers = new ArrayList<>();
        int purged = 0;
        for (int batch; (batch = transactions.execute(status -> purgeBatch(purgeAfter, leftForOthers))) > 0; ) {
            purged += batch;
        }
        if (!leftForOthers.isEmpty()) {
            log.warn("Retention left {} request(s) unpurged: sealed under a key id this replica lacks", leftForOthers.size());
        }
        return purged;
    }

    /** Anonymises every request closed for longer than {@code anonymiseAfter}; returns how many. */
    public int anonymiseClosedFor(Period anonymiseAfter) {
        int anonymised = 0;
        for (int batch; (batch = transactions.execute(status -> anonymiseBatch(anonymiseAfter))) > 0; ) {
            anonymised += batch;
        }
        return anonymised;
    }

    private int purgeBatch(Period purgeAfter, List<UUID> leftForOthers) {
        List<Candidate> due = jdbc.sql(PURGE_DUE).params(purgeAfter.toString(), leftForOthers.toArray(UUID[]::new))
                .query(RequestRetention::candidate).list();
        List<AuditEntry> events = new ArrayList<>();
        for (Candidate request : due) {
            try {
                String email = identifiers.revealEmail(request.email()).masked();
                String phone = request.phone() == null ? null : identifiers.revealPhone(request.phone()).masked();
                purge(request, email, phone, purgeAfter, events);
            } catch (DecryptionKeyMissing missing) {
                leftForOthers.add(request.id());
            } catch (IdentifierUnreadable unreadable) {
                // A ciphertext that no longer opens is worth nothing; it goes all the same, with no masked form.
                String masked = "[unreadable: key " + unreadable.keyId() + "]";
                purge(request, masked, request.phone() == null ? null : masked, purgeAfter, events);
            }
        }
        if (!events.isEmpty()) {
            auditTrail.record(events);
        }
        return due.size();
    }

    private void purge(Candidate request, String email, String phone, Period purgeAfter, List<AuditEntry> events) {
        jdbc.sql(PURGE).params(email, phone, request.id()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("closedSince", request.closedSince().toString());
        details.put("purgeAfter", purgeAfter.toString());
        details.put("destroyed", request.phone() == null ? List.of("email") : List.of("email", "phoneNumber"));
        events.add(AuditEntry.of(request.id(), ACTOR, AuditEventKind.IDENTIFIERS_PURGED,
                "Identifier ciphertexts destroyed: closed for longer than privacy.retention.purge-after", details));
    }

    private int anonymiseBatch(Period anonymiseAfter) {
        List<Map<String, Object>> due = jdbc.sql(ANONYMISATION_DUE).param(anonymiseAfter.toString()).query().listOfRows();
        List<AuditEntry> events = new ArrayList<>();
        for (Map<String, Object> row : due) {
            UUID id = (UUID) row.get("id");
            publisher.publishEvent(anonymised(row));
            jdbc.sql(ANONYMISE).param(id).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("closedSince", ((Timestamp) row.get("status_changed_at")).toInstant().toString());
            details.put("anonymiseAfter", anonymiseAfter.toString());
            details.put("removed", List.of("emailHash", "phoneNumberHash", "maskedEmail", "maskedPhoneNumber",
                    "externalReference", "idempotencyKey", "correlationId"));
            events.add(AuditEntry.of(id, ACTOR, AuditEventKind.RECORD_ANONYMISED,
                    "Record anonymised: closed for longer than privacy.retention.anonymise-after", details));
        }
        if (!events.isEmpty()) {
            auditTrail.record(events);
        }
        return due.size();
    }

    /** A closed request's erasure is the completion, or Gong's acceptance when no check was due; a withdrawn one has neither. */
    private static RequestAnonymised anonymised(Map<String, Object> row) {
        Instant received = ((Timestamp) row.get("received_at")).toInstant();
        Timestamp erased = (Timestamp) row.get("erased_at");
        return new RequestAnonymised(ErasureStatus.valueOf((String) row.get("status")), (String) row.get("hash_key_id"),
                (byte[]) row.get("email_hash"), (byte[]) row.get("phone_hash"),
                SubjectErasure.of(received, received, erased == null ? null : erased.toInstant()));
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Candidate(id, rs.getTimestamp("status_changed_at").toInstant(), SealedColumns.email(rs, id),
                SealedColumns.phone(rs, id));
    }

    private record Candidate(UUID id, Instant closedSince, Sealed email, Sealed phone) {
    }
}
