package com.acme.privacy.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.modulith.NamedInterface;

/**
 * The one shape of a 400 for input that breaks a rule, whoever found it (the JSON reader, bean validation, a domain
 * rule): title "Invalid request", and {@code errors[]} naming each field and its rule. A rejected value is never
 * repeated, since it may be an identifier.
 */
@NamedInterface("problems")
public final class InvalidRequest {

    private InvalidRequest() {
    }

    /** Several fields, or one found by the framework: the detail counts them. */
    public static ProblemDetail fields(List<Map<String, String>> errors) {
        return problem(errors.size() == 1 ? "One field is invalid" : errors.size() + " fields are invalid", errors);
    }

    /** One field refused by a rule beyond its own value: the detail states the rule. */
    public static ProblemDetail field(String field, String rule) {
        return problem(field + " " + rule, List.of(fieldError(field, rule)));
    }

    public static Map<String, String> fieldError(String field, String rule) {
        return Map.of("field", field, "message", rule == null ? "is invalid" : rule);
    }

    private static ProblemDetail problem(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
