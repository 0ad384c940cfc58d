package com.acme.privacy.erasure.lifecycle;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.StatusMove;

/**
 * The dispatcher's claims on the request table: claim, hand back and settle. Every status change is audited in the
 * same transaction, uses database time, and is fenced by the claim ({@link ClaimFence}). An attempt counts only when
 * the request's own outcome says so ({@link DispatchOutcome}).
 */
@Component
public class DispatchQueue {

    // A subject with a request in dispatch waits: once that call is recorded, it carries Gong's receipt over.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM erasure_request r
                WHERE status = %1$s AND next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM erasure_request d WHERE d.email_hash = r.email_hash AND d.status = %2$s)
                ORDER BY due_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET status = %2$s, lease_until = now() + make_interval(secs => :leaseSeconds), leased_by = :replica,
                first_dispatched_at = coalesce(r.first_dispatched_at, now()), next_attempt_at = NULL, updated_at = now(),
                version = r.version + 1
            FROM due WHERE r.id = due.id
            RETURNING r.id, r.due_at, r.attempts, r.email_key_id, r.email_ciphertext, r.phone_key_id, r.phone_ciphertext,
                      r.sealed_to_request, r.email_hash, r.phone_hash, r.gong_email_request_id, r.gong_phone_request_id,
                      r.lease_until, r.correlation_id
            """.formatted(StatusMove.CLAIM.onlyFrom().sql(), StatusMove.CLAIM.to().sql());

    // Claims another replica left behind: all of them when this replica has just taken the lead (their holder lost
    // it, and fencing voids its late outcomes), or those whose lease ran out.
    private static final String RELEASE_ABANDONED = """
            WITH abandoned AS (
                SELECT id, leased_by FROM erasure_request
                WHERE status = %1$s AND (:all OR lease_until < now())
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET status = %2$s, next_attempt_at = now(), lease_until = NULL, leased_by = NULL, updated_at = now(),
                version = r.version + 1
            FROM abandoned WHERE r.id = abandoned.id
            RETURNING r.id, r.attempts, abandoned.leased_by
            """.formatted(StatusMove.REQUEUE.onlyFrom().sql(), StatusMove.REQUEUE.to().sql());

    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final ClaimFence fence;
    private final ChangeNotices notices;

    DispatchQueue(AuditTrail auditTrail, JdbcClient jdbc, ClaimFence fence, ChangeNotices notices) {
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.fence = fence;
        this.notices = notices;
    }

    /** The actor the dispatcher's events name. */
    public static String dispatcher(String replica) {
        return "system:dispatcher@" + replica;
    }

    /** Whether an erasure is due now; completion checks give way to it. */
    public boolean anyDue() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM erasure_request WHERE status = " + StatusMove.CLAIM.onlyFrom().sql()
                + " AND next_attempt_at <= now())").query(Boolean.class).single();
    }

    /** Claims up to {@code limit} due requests, earliest deadline first, in one statement. */
    @Transactional
    public List<ClaimedRequest> claim(int limit, Duration lease, String replica) {
        record Claim(ClaimedRequest request, OffsetDateTime dueAt) {
        }
        List<ClaimedRequest> claims = jdbc.sql(CLAIM)
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("replica", replica)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Claim(new ClaimedRequest(
                            id,
                            rs.getInt("attempts") + 1,
                            SealedColumns.email(rs, id),
                            SealedColumns.phone(rs, id),
                            rs.getString("gong_email_request_id"),
                            rs.getString("gong_phone_request_id"),
                            rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                            rs.getString("correlation_id"),
                            new ClaimedRequest.Subject(rs.getBytes("email_hash"), rs.getBytes("phone_hash"))),
                            rs.getObject("due_at", OffsetDateTime.class));
                })
                .list().stream()
                // RETURNING does not keep the claim's order.
                .sorted(Comparator.comparing(Claim::dueAt).thenComparing(claim -> claim.request().id()))
                .map(Claim::request)
                .toList();
        for (ClaimedRequest claim : claims) {
            auditTrail.record(new AuditEntry(claim.id(), dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                    StatusMove.CLAIM.onlyFrom().name(), StatusMove.CLAIM.to().name(), "Claimed for dispatch",
                    Map.of("attempt", claim.attempt(), "replica", replica, "leaseUntil", claim.leaseUntil().toString())));
        }
        return claims;
    }

    /**
     * Puts back claims their holder can no longer finish: every claim when this replica has just taken the lead, or
     * only those whose lease ran out. No attempt is counted: whether the holder's call left is unknown, and sending an
     * erasure twice is harmless.
     *
     * @return how many went back
     */
    @Transactional
    public int releaseAbandoned(boolean all, String replica) {
        record Abandoned(UUID id, int attempts, String holder) {
        }
        List<Abandoned> released = jdbc.sql(RELEASE_ABANDONED).param("all", all)
                .query((rs, row) -> new Abandoned(rs.getObject("id", UUID.class), rs.getInt("attempts"), rs.getString("leased_by")))
                .list();
        String reason = all ? "The claim's dispatcher no longer leads; back to the queue"
                : "The claim's lease expired; back to the queue";
        for (Abandoned request : released) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt", request.attempts() + 1);
            details.put("attemptCounted", false);
            details.put("claimedBy", request.holder());
            auditTrail.record(new AuditEntry(request.id(), dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                    StatusMove.REQUEUE.onlyFrom().name(), StatusMove.REQUEUE.to().name(), reason, details));
        }
        return released.size();
    }

    /** Returns claimed requests to the queue without counting an attempt, e.g. on shutdown or a pause. */
    @Transactional
    public void release(List<ClaimedRequest> claimed, String replica, Duration delay, String reason) {
        claimed.forEach(request -> settle(request, replica, new DispatchOutcome.Requeued(delay, reason)));
    }

    /**
     * Ends a claim.
     *
     * @return {@code false} when the claim was lost meanwhile and nothing changed
     */
    @Transactional
    public boolean settle(ClaimedRequest request, String replica, DispatchOutcome outcome) {
        Settlement settlement = Settlement.of(outcome);
        Optional<ChangedRow> settled = fence.update(request, replica, null, null, settlement);
        if (settled.isEmpty()) {
            return false;
        }
        auditTrail.record(settlement.event(request, replica));
        notices.moved(settlement.move(), settled.get());
        return true;
    }
}
