package com.acme.privacy.erasure;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The portal sent a different body under an Idempotency-Key it had already used. */
public class IdempotencyKeyReused extends ErrorResponseException {

    IdempotencyKeyReused() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used for a request with a different body; use a new key for a new request");
        problem.setTitle("Idempotency-Key reused");
        return problem;
    }
}
