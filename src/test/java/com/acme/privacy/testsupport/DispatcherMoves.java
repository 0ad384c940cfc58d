package com.acme.privacy.testsupport;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/**
 * Moves a request as the dispatcher does, one allowed move at a time, each with its event, in one transaction, and
 * stamps the times the dispatcher stamps: the first claim, Gong's acceptance, the completion check that found nothing.
 */
public record DispatcherMoves(JdbcClient jdbc, AuditTrail auditTrail, TransactionTemplate transactions) {

    /** @param statuses the request's current status, then each status it moves to */
    public void move(UUID id, String... statuses) {
        transactions.executeWithoutResult(status -> {
            for (int i = 1; i < statuses.length; i++) {
                jdbc.sql("""
                        UPDATE erasure_request SET status = :to, first_dispatched_at = coalesce(first_dispatched_at, now()),
                               submitted_at = CASE WHEN :to = 'SUBMITTED' THEN now() ELSE submitted_at END,
                               completed_at = CASE WHEN :to = 'COMPLETED' THEN now() ELSE completed_at END
                        WHERE id = :id
                        """).param("to", statuses[i]).param("id", id).update();
                auditTrail.record(new AuditEntry(id, "system:dispatcher@test", AuditEventKind.STATUS_CHANGED, statuses[i - 1],
                        statuses[i], "Moved by the test", Map.of()));
            }
        });
    }
}
