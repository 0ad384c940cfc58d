package com.acme.privacy.erasure;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The subject already has an open request, and this submission carries a phone number that request does not: taking
 * it as a repeat would drop that number, so it is refused rather than answered 200.
 */
public class SubjectHasOpenRequest extends ErrorResponseException {

    SubjectHasOpenRequest() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The subject already has an open erasure request without this phone number; submit again once it has been sent to Gong");
        problem.setTitle("Subject has an open request");
        return problem;
    }
}
