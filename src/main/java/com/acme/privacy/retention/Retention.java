package com.acme.privacy.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.pii.DecryptionKeyMissing;
import com.acme.privacy.pii.IdentifierUnreadable;
import com.acme.privacy.pii.ProtectedIdentifiers;
import com.acme.privacy.pii.Sealed;

/**
 * Purges and anonymises closed requests (README, "Retention"). A request counts as closed since its last update in a
 * closed status: closed rows change only by an operator's retry, which reopens them and so restarts the count.
 * <p>
 * Work goes in batches, each in its own transaction with its audit events, over rows locked with SKIP LOCKED, so that
 * replicas may run it at once. A row whose key this replica lacks is left for a replica that has it.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /**
     * Closed: nothing more will happen unless a person acts. SUBMITTED is closed only when no completion check is
     * due (checks switched off); NEEDS_ATTENTION is not, as it waits for a retry that needs the identifiers.
     */
    static final String CLOSED = "(status IN (" + ErasureStatus.sqlList(EnumSet.of(ErasureStatus.COMPLETED, ErasureStatus.FAILED,
            ErasureStatus.CANCELLED)) + ") OR (status = 'SUBMITTED' AND check_due_at IS NULL))";
    private static final String ACTOR = "system:retention";
    private static final int BATCH = 200;

    private static final String PURGE_DUE = """
            SELECT id, updated_at, sealed_to_request, email_ciphertext, email_key_id, phone_ciphertext, phone_key_id
            FROM erasure_request
            WHERE identifiers_purged_at IS NULL AND updated_at < ? AND %s AND id <> ALL(?)
            ORDER BY updated_at LIMIT %d FOR UPDATE SKIP LOCKED
            """.formatted(CLOSED, BATCH);
    private static final String PURGE = """
            UPDATE erasure_request
            SET email_masked = coalesce(email_masked, ?), phone_masked = coalesce(phone_masked, ?),
                email_ciphertext = NULL, email_key_id = NULL, phone_ciphertext = NULL, phone_key_id = NULL,
                identifiers_purged_at = ?, version = version + 1
            WHERE id = ?
            """;
    private static final String ANONYMISATION_DUE = """
            SELECT id, updated_at FROM erasure_request
            WHERE anonymised_at IS NULL AND identifiers_purged_at IS NOT NULL AND updated_at < ? AND %s
            ORDER BY updated_at LIMIT %d FOR UPDATE SKIP LOCKED
            """.formatted(CLOSED, BATCH);
    private static final String ANONYMISE = """
            UPDATE erasure_request
            SET email_hash = NULL, phone_hash = NULL, email_masked = NULL, phone_masked = NULL, external_reference = NULL,
                idempotency_key = NULL, idempotency_fingerprint = NULL, correlation_id = NULL, anonymised_at = ?,
                version = version + 1
            WHERE id = ?
            """;

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;
    private final ProtectedIdentifiers identifiers;
    private final RetentionProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Retention(JdbcClient jdbc, AuditTrail auditTrail, ProtectedIdentifiers identifiers, RetentionProperties properties,
              TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.identifiers = identifiers;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Destroys the ciphertexts of every request closed for longer than {@code purge-after}; returns how many. */
    int purgeDue() {
        Instant cutoff = ago(properties.purgeAfter());
        List<UUID> leftForOthers = new ArrayList<>();
        int purged = 0;
        for (int batch; (batch = transactions.execute(status -> purgeBatch(cutoff, leftForOthers))) > 0; ) {
            purged += batch;
        }
        if (!leftForOthers.isEmpty()) {
            log.warn("Retention left {} request(s) unpurged: sealed under a key id this replica lacks", leftForOthers.size());
        }
        return purged;
    }

    /** Anonymises every request closed for longer than {@code anonymise-after}; returns how many. */
    int anonymiseDue() {
        Instant cutoff = ago(properties.anonymiseAfter());
        int anonymised = 0;
        for (int batch; (batch = transactions.execute(status -> anonymiseBatch(cutoff))) > 0; ) {
            anonymised += batch;
        }
        return anonymised;
    }

    private int purgeBatch(Instant cutoff, List<UUID> leftForOthers) {
        List<Candidate> due = jdbc.sql(PURGE_DUE).params(Timestamp.from(cutoff), leftForOthers.toArray(UUID[]::new))
                .query(Retention::candidate).list();
        Instant now = clock.instant();
        List<AuditEntry> events = new ArrayList<>();
        for (Candidate request : due) {
            try {
                String email = identifiers.revealEmail(request.email()).masked();
                String phone = request.phone() == null ? null : identifiers.revealPhone(request.phone()).masked();
                purge(request, email, phone, now, events);
            } catch (DecryptionKeyMissing missing) {
                leftForOthers.add(request.id());
            } catch (IdentifierUnreadable unreadable) {
                // A ciphertext that no longer opens is worth nothing; it goes all the same, with no masked form.
                String masked = "[unreadable: key " + unreadable.keyId() + "]";
                purge(request, masked, request.phone() == null ? null : masked, now, events);
            }
        }
        if (!events.isEmpty()) {
            auditTrail.record(events);
        }
        return due.size();
    }

    private void purge(Candidate request, String email, String phone, Instant now, List<AuditEntry> events) {
        jdbc.sql(PURGE).params(email, phone, Timestamp.from(now), request.id()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("closedSince", request.closedSince().toString());
        details.put("purgeAfter", properties.purgeAfter().toString());
        details.put("destroyed", request.phone() == null ? List.of("email") : List.of("email", "phoneNumber"));
        events.add(AuditEntry.of(request.id(), ACTOR, AuditEventKind.IDENTIFIERS_PURGED,
                "Identifier ciphertexts destroyed: closed for longer than privacy.retention.purge-after", details));
    }

    private int anonymiseBatch(Instant cutoff) {
        List<Map<String, Object>> due = jdbc.sql(ANONYMISATION_DUE).param(Timestamp.from(cutoff)).query().listOfRows();
        Instant now = clock.instant();
        List<AuditEntry> events = new ArrayList<>();
        for (Map<String, Object> row : due) {
            UUID id = (UUID) row.get("id");
            jdbc.sql(ANONYMISE).params(Timestamp.from(now), id).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("closedSince", ((Timestamp) row.get("updated_at")).toInstant().toString());
            details.put("anonymiseAfter", properties.anonymiseAfter().toString());
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

    /** Calendar arithmetic in UTC, so that "25 months" means months. */
    private Instant ago(Period period) {
        return clock.instant().atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        byte[] phone = rs.getBytes("phone_ciphertext");
        UUID id = rs.getObject("id", UUID.class);
        UUID sealedTo = rs.getBoolean("sealed_to_request") ? id : null;
        return new Candidate(id, rs.getTimestamp("updated_at").toInstant(),
                new Sealed(rs.getString("email_key_id"), rs.getBytes("email_ciphertext"), sealedTo),
                phone == null ? null : new Sealed(rs.getString("phone_key_id"), phone, sealedTo));
    }

    private record Candidate(UUID id, Instant closedSince, Sealed email, Sealed phone) {
    }
}
