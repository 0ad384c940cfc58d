package com.acme.privacy.erasure;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class ErasureRequestNotFound extends ErrorResponseException {

    ErasureRequestNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No erasure request " + id);
        problem.setTitle("Erasure request not found");
        return problem;
    }
}
