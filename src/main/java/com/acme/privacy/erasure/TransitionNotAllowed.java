package com.acme.privacy.erasure;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class TransitionNotAllowed extends ErrorResponseException {

    TransitionNotAllowed(UUID id, ErasureStatus from, ErasureStatus to) {
        super(HttpStatus.CONFLICT, problem("Erasure request " + id + " is " + from + " and cannot become " + to), null);
    }

    TransitionNotAllowed(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Status change not allowed");
        return problem;
    }
}
