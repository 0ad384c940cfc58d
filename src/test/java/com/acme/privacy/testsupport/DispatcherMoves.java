package com.acme.privacy.testsupport;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a request as the dispatcher does, one allowed move at a time, each with its event in the same statement, and
 * stamps the times the dispatcher stamps: the first claim, Gong's acceptance, the completion check that found nothing.
 */
public record DispatcherMoves(JdbcClient jdbc) {

    /** @param statuses the request's current status, then each status it moves to */
    public void move(UUID id, String... statuses) {
        for (int i = 1; i < statuses.length; i++) {
            jdbc.sql("""
                    WITH moved AS (
                        UPDATE erasure_request SET status = :to, first_dispatched_at = coalesce(first_dispatched_at, now()),
                               submitted_at = CASE WHEN :to = 'SUBMITTED' THEN now() ELSE submitted_at END,
                               completed_at = CASE WHEN :to = 'COMPLETED' THEN now() ELSE completed_at END
                        WHERE id = :id RETURNING id)
                    INSERT INTO audit_event (request_id, actor, kind, from_status, to_status, reason)
                    SELECT id, 'system:dispatcher@test', 'STATUS_CHANGED', :from, :to, 'Moved by the test' FROM moved
                    """).param("from", statuses[i - 1]).param("to", statuses[i]).param("id", id).update();
        }
    }
}
