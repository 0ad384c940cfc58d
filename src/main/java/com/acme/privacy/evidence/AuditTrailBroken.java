package com.acme.privacy.evidence;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request's trail does not verify, so the service will not sign anything about it. */
class AuditTrailBroken extends ErrorResponseException {

    AuditTrailBroken(UUID id) {
        super(HttpStatus.CONFLICT, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The audit trail of erasure request " + id
                + " does not verify, so no receipt is issued; GET the request to see where it breaks");
        problem.setTitle("Audit trail broken");
        return problem;
    }
}
