package com.acme.privacy.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import com.acme.privacy.pii.Sealed;

/**
 * The one place where a request's status changes; every change is audited in the same transaction. Dispatcher
 * changes use database time and are fenced by the claim: a dispatcher that lost its lease changes nothing.
 */
@Component
public class StatusTransitions {

    private static final String CLAIM = """
            WITH due AS (
                SELECT id, status AS previous_status FROM erasure_request
                WHERE (status = 'PENDING' AND next_attempt_at <= now())
                   OR (status = 'DISPATCHING' AND lease_until < now())
                ORDER BY due_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            UPDATE erasure_request r
            SET status = 'DISPATCHING', lease_until = now() + make_interval(secs => :leaseSeconds), leased_by = :replica,
                attempts = r.attempts + 1, first_dispatched_at = coalesce(r.first_dispatched_at, now()),
                next_attempt_at = NULL, updated_at = now(), version = r.version + 1
            FROM due WHERE r.id = due.id
            RETURNING r.id, due.previous_status, r.attempts, r.email_key_id, r.email_ciphertext, r.phone_key_id,
                      r.phone_ciphertext, r.gong_email_request_id, r.gong_phone_request_id, r.lease_until, r.correlation_id
            """;

    private static final String SETTLE = """
            UPDATE erasure_request
            SET status = :to,
                attempts = attempts - :uncount,
                next_attempt_at = CASE WHEN :to = 'PENDING' THEN now() + make_interval(secs => :delaySeconds) END,
                submitted_at = CASE WHEN :to = 'SUBMITTED' THEN now() ELSE submitted_at END,
                lease_until = NULL, leased_by = NULL, updated_at = now(), version = version + 1
            WHERE id = :id AND status = 'DISPATCHING' AND leased_by = :replica AND lease_until = :leaseUntil
            """;

    private final ErasureRequests requests;
    private final AuditTrail auditTrail;
    private final JdbcClient jdbc;
    private final Clock clock;

    StatusTransitions(ErasureRequests requests, AuditTrail auditTrail, JdbcClient jdbc, Clock clock) {
        this.requests = requests;
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Withdraws a request; refused once anything may have reached Gong. */
    @Transactional
    public ErasureRequest cancel(UUID id, String actor, String reason) {
        ErasureRequest request = lock(id);
        if (request.sentToGong()) {
            throw new TransitionNotAllowed("Erasure request " + id + " was already sent to Gong and can no longer be cancelled");
        }
        audit(request.getId(), actor, request.moveTo(ErasureStatus.CANCELLED, clock.instant()), ErasureStatus.CANCELLED, reason);
        return request;
    }

    /** Puts a failed request back in the queue with its attempts reset. */
    @Transactional
    public ErasureRequest retry(UUID id, String actor, String reason) {
        ErasureRequest request = lock(id);
        if (request.getStatus() != ErasureStatus.FAILED) {
            throw new TransitionNotAllowed(id, request.getStatus(), ErasureStatus.PENDING);
        }
        requests.findBySubjectAndStatusIn(request.emailHash(), ErasureStatus.OPEN).ifPresent(open -> {
            throw new TransitionNotAllowed("The subject already has an open request " + open.getId());
        });
        audit(request.getId(), actor, request.retry(clock.instant()), ErasureStatus.PENDING, reason);
        return request;
    }

    /** Claims up to {@code limit} due requests (pending ones and expired leases) in one statement. */
    @Transactional
    public List<ClaimedRequest> claim(int limit, Duration lease, String replica) {
        record Claim(ClaimedRequest request, String previousStatus) {
        }
        List<Claim> claims = jdbc.sql(CLAIM)
                .param("limit", limit)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("replica", replica)
                .query((rs, row) -> new Claim(new ClaimedRequest(
                        rs.getObject("id", UUID.class),
                        rs.getInt("attempts"),
                        new Sealed(rs.getString("email_key_id"), rs.getBytes("email_ciphertext")),
                        rs.getBytes("phone_ciphertext") == null ? null
                                : new Sealed(rs.getString("phone_key_id"), rs.getBytes("phone_ciphertext")),
                        rs.getString("gong_email_request_id"),
                        rs.getString("gong_phone_request_id"),
                        rs.getObject("lease_until", OffsetDateTime.class).toInstant(),
                        rs.getString("correlation_id")), rs.getString("previous_status")))
                .list();
        for (Claim claim : claims) {
            String reason = ErasureStatus.DISPATCHING.name().equals(claim.previousStatus())
                    ? "The previous dispatcher's lease expired; claimed again" : "Claimed for dispatch";
            auditTrail.record(new AuditEntry(claim.request().id(), dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                    claim.previousStatus(), ErasureStatus.DISPATCHING.name(), reason, Map.of("attempt", claim.request().attempt(),
                    "replica", replica, "leaseUntil", claim.request().leaseUntil().toString())));
        }
        return claims.stream().map(Claim::request).toList();
    }

    /**
     * Records a call to Gong and what it means for the request.
     *
     * @return {@code false} when the lease was lost meanwhile: the call is on record, the status is left to the new holder
     */
    @Transactional
    public boolean recordCall(ClaimedRequest request, String replica, GongCallRecord call, DispatchOutcome outcome) {
        auditTrail.record(AuditEntry.of(request.id(), dispatcher(replica), AuditEventKind.GONG_CALL,
                call.endpoint() + (call.httpStatus() == null ? " failed" : " answered " + call.httpStatus()),
                call.details(request.attempt(), replica)));
        if (call.gongRequestId() != null && call.httpStatus() != null && call.httpStatus() / 100 == 2) {
            String column = call.identifier() == GongCallRecord.Identifier.EMAIL ? "gong_email_request_id" : "gong_phone_request_id";
            int updated = jdbc.sql("UPDATE erasure_request SET " + column + " = :gongId, updated_at = now(), version = version + 1 "
                            + "WHERE id = :id AND status = 'DISPATCHING' AND leased_by = :replica AND lease_until = :leaseUntil")
                    .param("gongId", call.gongRequestId()).param("id", request.id()).param("replica", replica)
                    .param("leaseUntil", claimToken(request)).update();
            if (updated == 0) {
                return false;
            }
        }
        return outcome instanceof DispatchOutcome.Progress || settle(request, replica, outcome);
    }

    /** Returns claimed requests to the queue without counting the attempt, e.g. on shutdown or a pause. */
    @Transactional
    public void release(List<ClaimedRequest> claimed, String replica, Duration delay, String reason) {
        claimed.forEach(request -> settle(request, replica, new DispatchOutcome.Requeued(delay, reason)));
    }

    /** Settles a claim without a call, e.g. when every identifier was already erased before the lease ran out. */
    @Transactional
    public boolean settle(ClaimedRequest request, String replica, DispatchOutcome outcome) {
        ErasureStatus to;
        String reason;
        Duration delay = Duration.ZERO;
        int uncount = 0;
        if (outcome instanceof DispatchOutcome.Submitted) {
            to = ErasureStatus.SUBMITTED;
            reason = "Gong accepted the erasure";
        } else if (outcome instanceof DispatchOutcome.Failed failed) {
            to = ErasureStatus.FAILED;
            reason = failed.reason();
        } else if (outcome instanceof DispatchOutcome.RetryLater retry) {
            to = ErasureStatus.PENDING;
            reason = retry.reason();
            delay = retry.delay();
        } else if (outcome instanceof DispatchOutcome.Requeued requeued) {
            to = ErasureStatus.PENDING;
            reason = requeued.reason();
            delay = requeued.delay();
            uncount = 1;
        } else {
            throw new IllegalArgumentException("Not a settling outcome: " + outcome);
        }
        int updated = jdbc.sql(SETTLE)
                .param("to", to.name())
                .param("uncount", uncount)
                .param("delaySeconds", delay.toMillis() / 1000.0)
                .param("id", request.id())
                .param("replica", replica)
                .param("leaseUntil", claimToken(request))
                .update();
        if (updated == 0) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt", request.attempt());
        details.put("attemptCounted", uncount == 0);
        if (to == ErasureStatus.PENDING) {
            details.put("retryInSeconds", delay.toSeconds());
        }
        auditTrail.record(new AuditEntry(request.id(), dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                ErasureStatus.DISPATCHING.name(), to.name(), reason, details));
        return true;
    }

    private ErasureRequest lock(UUID id) {
        return requests.findForUpdate(id).orElseThrow(() -> new ErasureRequestNotFound(id));
    }

    private void audit(UUID id, String actor, ErasureStatus from, ErasureStatus to, String reason) {
        requests.flush();
        auditTrail.record(new AuditEntry(id, actor, AuditEventKind.STATUS_CHANGED, from.name(), to.name(), reason, Map.of()));
    }

    /**
     * The claim's lease end, unique to one claim, fences its outcome: a replica that lost the lease (or a stale
     * process under the same replica id) changes nothing.
     */
    private static OffsetDateTime claimToken(ClaimedRequest request) {
        return OffsetDateTime.ofInstant(request.leaseUntil(), ZoneOffset.UTC);
    }

    private static String dispatcher(String replica) {
        return "system:dispatcher@" + replica;
    }
}
