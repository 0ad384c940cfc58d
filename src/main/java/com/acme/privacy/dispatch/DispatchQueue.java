package com.acme.privacy.dispatch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.erasure.ErasureStatus;
import com.acme.privacy.pii.Sealed;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher's side of the request table: claim, record, settle and release. Every status change is audited in
 * the same transaction, uses database time, and is fenced by the claim's lease end, so a dispatcher that lost its
 * claim changes nothing. An attempt counts only when the request's own outcome says so ({@link DispatchOutcome}).
 */
@Component
class DispatchQueue {

    // A subject with a request in dispatch waits: once that call is recorded, it carries Gong's receipt over.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM erasure_request r
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM erasure_request d WHERE d.email_hash = r.email_hash AND d.status = 'DISPATCHING')
                ORDER BY due_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET status = 'DISPATCHING', lease_until = now() + make_interval(secs => :leaseSeconds), leased_by = :replica,
                first_dispatched_at = coalesce(r.first_dispatched_at, now()), next_attempt_at = NULL, updated_at = now(),
                version = r.version + 1
            FROM due WHERE r.id = due.id
            RETURNING r.id, r.due_at, r.attempts, r.email_key_id, r.email_ciphertext, r.phone_key_id, r.phone_ciphertext,
                      r.sealed_to_request, r.email_hash, r.phone_hash, r.gong_email_request_id, r.gong_phone_request_id,
                      r.lease_until, r.correlation_id
            """;

    // Other portals' requests for the same subject, not yet sent, take the receipt of a call made for one of them:
    // Gong erases a subject once, and each request keeps its own record of it.
    private static final String SHARE_RECEIPT = """
            WITH covered AS (
                UPDATE erasure_request SET %1$s = :gongId, updated_at = now(), version = version + 1
                WHERE %2$s = :hash AND id <> :id AND status = 'PENDING' AND %1$s IS NULL
                RETURNING id)
            INSERT INTO audit_event (request_id, actor, kind, reason, details)
            SELECT id, :actor, 'GONG_CALL', :reason, CAST(:details AS jsonb) FROM covered
            """;

    // Claims another replica left behind: all of them when this replica has just taken the lead (their holder lost
    // it, and fencing voids its late outcomes), or those whose lease ran out.
    private static final String RELEASE_ABANDONED = """
            WITH abandoned AS (
                SELECT id, leased_by FROM erasure_request
                WHERE status = 'DISPATCHING' AND (:all OR lease_until < now())
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET status = 'PENDING', next_attempt_at = now(), lease_until = NULL, leased_by = NULL, updated_at = now(),
                version = r.version + 1
            FROM abandoned WHERE r.id = abandoned.id
            RETURNING r.id, r.attempts, abandoned.leased_by
            """;

    /** The fence: only the claim's holder, under this very claim, changes the row. */
    private static final String FENCE = " WHERE id = :id AND status = 'DISPATCHING' AND leased_by = :replica AND lease_until = :leaseUntil";
    private static final String SETTLEMENT = """
            status = :to,
            attempts = attempts + :counted,
            next_attempt_at = CASE WHEN :to = 'PENDING' THEN now() + make_interval(secs => :delaySeconds) END,
            submitted_at = CASE WHEN :to = 'SUBMITTED' THEN now() ELSE submitted_at END,
            check_due_at = CASE WHEN :to = 'SUBMITTED' AND :checked THEN now() + make_interval(secs => :checkDelaySeconds) END,
            lease_until = NULL, leased_by = NULL, """;

    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DispatchProperties.CompletionCheck completionCheck;

    DispatchQueue(AuditTrail auditTrail, JdbcClient jdbc, JsonMapper json, DispatchProperties properties) {
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.json = json;
        this.completionCheck = properties.completionCheck();
    }

    /** Claims up to {@code limit} due requests, earliest deadline first, in one statement. */
    @Transactional
    List<ClaimedRequest> claim(int limit, Duration lease, String replica) {
        record Claim(ClaimedRequest request, OffsetDateTime dueAt) {
        }
        List<ClaimedRequest> claims = jdbc.sql(CLAIM)
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("replica", replica)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    UUID sealedTo = rs.getBoolean("sealed_to_request") ? id : null;
                    return new Claim(new ClaimedRequest(
                            id,
                            rs.getInt("attempts") + 1,
                            new Sealed(rs.getString("email_key_id"), rs.getBytes("email_ciphertext"), sealedTo),
                            rs.getBytes("phone_ciphertext") == null ? null
                                    : new Sealed(rs.getString("phone_key_id"), rs.getBytes("phone_ciphertext"), sealedTo),
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
                    ErasureStatus.PENDING.name(), ErasureStatus.DISPATCHING.name(), "Claimed for dispatch",
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
    int releaseAbandoned(boolean all, String replica) {
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
                    ErasureStatus.DISPATCHING.name(), ErasureStatus.PENDING.name(), reason, details));
        }
        return released.size();
    }

    /**
     * Records a call to Gong and what it means for the request: Gong's receipt and the settlement in one fenced
     * update, then the call's event and the status change in one insert.
     *
     * @return {@code false} when the claim was lost meanwhile: the call is on record, the status is left to the new holder
     */
    @Transactional
    boolean recordCall(ClaimedRequest request, String replica, GongCallRecord call, DispatchOutcome outcome) {
        String receipt = !call.accepted() ? ""
                : call.identifier() == GongCallRecord.Identifier.EMAIL ? "gong_email_request_id = :gongId, " : "gong_phone_request_id = :gongId, ";
        Settlement settlement = outcome instanceof DispatchOutcome.Progress ? null : Settlement.of(outcome);
        boolean held = receipt.isEmpty() && settlement == null || update(request, replica, receipt, settlement, call.gongRequestId());
        List<AuditEntry> events = new ArrayList<>();
        events.add(AuditEntry.of(request.id(), dispatcher(replica), AuditEventKind.GONG_CALL,
                call.endpoint() + (call.httpStatus() == null ? " failed" : " answered " + call.httpStatus()),
                call.details(request.attempt(), replica)));
        if (held && settlement != null) {
            events.add(settlement.event(request, replica));
        }
        auditTrail.record(events);
        if (held && call.accepted()) {
            shareReceipt(request, replica, call);
        }
        return held;
    }

    private void shareReceipt(ClaimedRequest request, String replica, GongCallRecord call) {
        boolean email = call.identifier() == GongCallRecord.Identifier.EMAIL;
        byte[] hash = email ? request.subject().emailHash() : request.subject().phoneHash();
        if (hash == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>(call.details(request.attempt(), replica));
        details.put("sharedFrom", request.id().toString());
        jdbc.sql(SHARE_RECEIPT.formatted(email ? "gong_email_request_id" : "gong_phone_request_id", email ? "email_hash" : "phone_hash"))
                .param("gongId", call.gongRequestId()).param("hash", hash).param("id", request.id())
                .param("actor", dispatcher(replica))
                .param("reason", call.endpoint() + " answered " + call.httpStatus() + " for another request of the same subject")
                .param("details", json.writeValueAsString(details))
                .update();
    }

    /** Returns claimed requests to the queue without counting an attempt, e.g. on shutdown or a pause. */
    @Transactional
    void release(List<ClaimedRequest> claimed, String replica, Duration delay, String reason) {
        claimed.forEach(request -> settle(request, replica, new DispatchOutcome.Requeued(delay, reason)));
    }

    /**
     * Ends a claim.
     *
     * @return {@code false} when the claim was lost meanwhile and nothing changed
     */
    @Transactional
    boolean settle(ClaimedRequest request, String replica, DispatchOutcome outcome) {
        Settlement settlement = Settlement.of(outcome);
        if (!update(request, replica, "", settlement, null)) {
            return false;
        }
        auditTrail.record(settlement.event(request, replica));
        return true;
    }

    private boolean update(ClaimedRequest request, String replica, String receipt, Settlement settlement, String gongId) {
        JdbcClient.StatementSpec update = jdbc.sql("UPDATE erasure_request SET " + receipt + (settlement == null ? "" : SETTLEMENT)
                        + "updated_at = now(), version = version + 1" + FENCE)
                .param("id", request.id()).param("replica", replica).param("leaseUntil", claimToken(request));
        if (!receipt.isEmpty()) {
            update = update.param("gongId", gongId);
        }
        if (settlement != null) {
            update = update.param("to", settlement.to().name()).param("counted", settlement.counted() ? 1 : 0)
                    .param("delaySeconds", settlement.delay().toMillis() / 1000.0)
                    .param("checked", completionCheck.enabled())
                    .param("checkDelaySeconds", completionCheck.delay().toMillis() / 1000.0);
        }
        return update.update() == 1;
    }

    /** Where an outcome leads, and whether it counts an attempt. */
    private record Settlement(ErasureStatus to, String reason, Duration delay, boolean counted) {

        AuditEntry event(ClaimedRequest request, String replica) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt", request.attempt());
            details.put("attemptCounted", counted);
            if (to == ErasureStatus.PENDING) {
                details.put("retryInSeconds", delay.toSeconds());
            }
            return new AuditEntry(request.id(), dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                    ErasureStatus.DISPATCHING.name(), to.name(), reason, details);
        }

        static Settlement of(DispatchOutcome outcome) {
            if (outcome instanceof DispatchOutcome.Submitted) {
                return new Settlement(ErasureStatus.SUBMITTED, "Gong accepted the erasure", Duration.ZERO, true);
            }
            if (outcome instanceof DispatchOutcome.Failed failed) {
                return new Settlement(ErasureStatus.FAILED, failed.reason(), Duration.ZERO, true);
            }
            if (outcome instanceof DispatchOutcome.RetryLater retry) {
                return new Settlement(ErasureStatus.PENDING, retry.reason(), retry.delay(), true);
            }
            if (outcome instanceof DispatchOutcome.Requeued requeued) {
                return new Settlement(ErasureStatus.PENDING, requeued.reason(), requeued.delay(), false);
            }
            throw new IllegalArgumentException("Not a settling outcome: " + outcome.getClass().getSimpleName());
        }
    }

    /** The claim's lease end, unique to one claim; a stale process under the same replica id changes nothing. */
    private static OffsetDateTime claimToken(ClaimedRequest request) {
        return OffsetDateTime.ofInstant(request.leaseUntil(), ZoneOffset.UTC);
    }

    static String dispatcher(String replica) {
        return "system:dispatcher@" + replica;
    }
}
