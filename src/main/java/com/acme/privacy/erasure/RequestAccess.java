package com.acme.privacy.erasure;

import org.springframework.stereotype.Component;

import com.acme.privacy.audit.AuditEventKind;
import com.acme.privacy.audit.AuditTrail;
import com.acme.privacy.security.Caller;

/**
 * What a caller may see of a request. VIEWERs and ADMINs see everything; a SUBMITTER sees the requests it submitted
 * and those it submitted again while they were open (to follow them), the latter without the other portal's details.
 */
@Component
class RequestAccess {

    private final AuditTrail auditTrail;

    RequestAccess(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    boolean canRead(Caller caller, ErasureRequest request) {
        return owns(caller, request)
                || auditTrail.hasRecorded(request.getId(), AuditEventKind.REPEAT_SUBMISSION, caller.actor());
    }

    /** Whether the caller may see the request's source, reference and audit trail. */
    boolean owns(Caller caller, ErasureRequest request) {
        return caller.readsEverything() || caller.source().equals(request.getSource());
    }
}
