package com.acme.privacy.evidence;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class AnchorNotFound extends ErrorResponseException {

    AnchorNotFound(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No audit anchor " + id);
        problem.setTitle("Audit anchor not found");
        return problem;
    }
}
