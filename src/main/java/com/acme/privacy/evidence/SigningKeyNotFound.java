package com.acme.privacy.evidence;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class SigningKeyNotFound extends ErrorResponseException {

    SigningKeyNotFound(String keyId) {
        super(HttpStatus.NOT_FOUND, problem(keyId), null);
    }

    private static ProblemDetail problem(String keyId) {
        // The id came from the URL: echoed only when it has the shape of a key id.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No signing key " + (keyId.matches(EvidenceProperties.KEY_ID) ? keyId : "with that id"));
        problem.setTitle("Signing key not found");
        return problem;
    }
}
