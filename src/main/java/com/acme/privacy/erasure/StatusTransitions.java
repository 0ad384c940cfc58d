package com.acme.privacy.erasure;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/**
 * Operators' status changes (cancel, retry); each is audited in the same transaction. The dispatcher's changes go
 * through its own queue in {@code dispatch}.
 */
@Component
public class StatusTransitions {

    private final ErasureRequests requests;
    private final AuditTrail auditTrail;
    private final Clock clock;

    StatusTransitions(ErasureRequests requests, AuditTrail auditTrail, Clock clock) {
        this.requests = requests;
        this.auditTrail = auditTrail;
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
        requests.findOpen(request.emailHash(), request.getSource()).ifPresent(open -> {
            throw new TransitionNotAllowed("The subject already has an open request " + open.getId() + " from the same source");
        });
        audit(request.getId(), actor, request.retry(clock.instant()), ErasureStatus.PENDING, reason);
        return request;
    }

    private ErasureRequest lock(UUID id) {
        return requests.findForUpdate(id).orElseThrow(() -> new ErasureRequestNotFound(id));
    }

    private void audit(UUID id, String actor, ErasureStatus from, ErasureStatus to, String reason) {
        requests.flush();
        auditTrail.record(new AuditEntry(id, actor, AuditEventKind.STATUS_CHANGED, from.name(), to.name(), reason, Map.of()));
    }
}
