package com.acme.privacy.evidence;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No such request, or one the caller may not see: the two answer alike. */
class RequestNotFound extends ErrorResponseException {

    RequestNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No erasure request " + id);
        problem.setTitle("Erasure request not found");
        return problem;
    }
}
