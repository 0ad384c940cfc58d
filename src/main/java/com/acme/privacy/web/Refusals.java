package com.acme.privacy.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.modulith.NamedInterface;

/** The answer to a feature's refusal: a problem with its status, a title for the kind and a detail for this case. */
@NamedInterface("problems")
public final class Refusals {

    private Refusals() {
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
