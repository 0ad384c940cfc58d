package com.acme.privacy.erasure.lifecycle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.erasure.StatusMove;

/**
 * How a claim ends: the move it makes, why, when it is due again, and whether it counts an attempt.
 *
 * @param checkAfter for a submission, when its completion check is due; {@code null} when none is
 */
record Settlement(StatusMove move, String reason, Duration delay, boolean counted, Duration checkAfter) {

    /** The fenced update's SET clause: the move's target, its times, and the claim given up. */
    String assignments() {
        String to = move.to().sql();
        return "status = " + to + ", attempts = attempts + :counted, "
                + "next_attempt_at = CASE WHEN " + to + " = 'PENDING' THEN now() + make_interval(secs => :delaySeconds) END, "
                + "submitted_at = CASE WHEN " + to + " = 'SUBMITTED' THEN now() ELSE submitted_at END, "
                + "check_due_at = CASE WHEN " + to + " = 'SUBMITTED' AND :checked THEN now() + make_interval(secs => :checkDelaySeconds) END, "
                + "check_failures = 0, lease_until = NULL, leased_by = NULL, ";
    }

    AuditEntry event(ClaimedRequest request, String replica) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt", request.attempt());
        details.put("attemptCounted", counted);
        if (move == StatusMove.REQUEUE) {
            details.put("retryInSeconds", delay.toSeconds());
        }
        return new AuditEntry(request.id(), DispatchQueue.dispatcher(replica), AuditEventKind.STATUS_CHANGED,
                move.onlyFrom().name(), move.to().name(), reason, details);
    }

    static Settlement of(DispatchOutcome outcome) {
        if (outcome instanceof DispatchOutcome.Submitted submitted) {
            return new Settlement(StatusMove.SUBMIT, "Gong accepted the erasure", Duration.ZERO, true, submitted.checkAfter());
        }
        if (outcome instanceof DispatchOutcome.Failed failed) {
            return new Settlement(StatusMove.FAIL, failed.reason(), Duration.ZERO, true, null);
        }
        if (outcome instanceof DispatchOutcome.RetryLater retry) {
            return new Settlement(StatusMove.REQUEUE, retry.reason(), retry.delay(), true, null);
        }
        if (outcome instanceof DispatchOutcome.Requeued requeued) {
            return new Settlement(StatusMove.REQUEUE, requeued.reason(), requeued.delay(), false, null);
        }
        throw new IllegalArgumentException("Not a settling outcome: " + outcome.getClass().getSimpleName());
    }
}
