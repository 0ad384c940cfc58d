package com.acme.privacy.erasure;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Concurrent submissions for the same subject kept colliding; the caller may simply send it again. */
public class SubmissionCollided extends ErrorResponseException {

    SubmissionCollided() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The request collided with a concurrent change; retry it");
        problem.setTitle("Concurrent change");
        return problem;
    }
}
