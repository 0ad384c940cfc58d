package com.acme.privacy.export;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Answered like every other invalid input: 400, each parameter in {@code errors[]}, its value never repeated. */
class ExportRangeInvalid extends ErrorResponseException {

    private final List<Map<String, String>> errors;

    ExportRangeInvalid(List<Map<String, String>> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = List.copyOf(errors);
    }

    /** Each refused parameter, {@code field} and {@code message}. */
    List<Map<String, String>> errors() {
        return errors;
    }

    private static ProblemDetail problem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "One field is invalid" : errors.size() + " fields are invalid");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
