package com.acme.privacy.erasure;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.acme.privacy.audit.AuditEntry;
import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;

/** The one place where a request's status changes; every change is audited in the same transaction. */
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
        move(request, ErasureStatus.CANCELLED, actor, reason, Map.of());
        return request;
    }

    ErasureRequest lock(UUID id) {
        return requests.findForUpdate(id).orElseThrow(() -> new ErasureRequestNotFound(id));
    }

    void move(ErasureRequest request, ErasureStatus next, String actor, String reason, Map<String, ?> details) {
        ErasureStatus previous = request.moveTo(next, clock.instant());
        requests.flush();
        auditTrail.record(new AuditEntry(request.getId(), actor, AuditEventKind.STATUS_CHANGED, previous.name(),
                next.name(), reason, details));
    }
}
