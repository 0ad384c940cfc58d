package com.acme.privacy.erasure.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.privacy.erasure.ErasureRequestNotFound;
import com.acme.privacy.erasure.FieldRejected;
import com.acme.privacy.erasure.IdempotencyKeyReused;
import com.acme.privacy.erasure.ResponseNotAllowed;
import com.acme.privacy.erasure.SubjectHasOpenRequest;
import com.acme.privacy.erasure.SubmissionCollided;
import com.acme.privacy.erasure.TransitionNotAllowed;
import com.acme.privacy.web.InvalidRequest;
import com.acme.privacy.web.Refusals;

/**
 * The one place where the erasure domain's refusals become RFC 9457 problems. The domain states facts; status, title
 * and wording for HTTP callers are decided here. Ahead of the API's catch-all handler; the console's page handler
 * stays ahead of this one for console pages.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ErasureProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ErasureRequestNotFound ex) {
        return Refusals.problem(HttpStatus.NOT_FOUND, "Erasure request not found", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> transitionNotAllowed(TransitionNotAllowed ex) {
        return Refusals.problem(HttpStatus.CONFLICT, "Status change not allowed", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> responseNotAllowed(ResponseNotAllowed ex) {
        return Refusals.problem(HttpStatus.CONFLICT, "Response not allowed", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> subjectHasOpenRequest(SubjectHasOpenRequest ex) {
        return Refusals.problem(HttpStatus.CONFLICT, "Subject has an open request", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> submissionCollided(SubmissionCollided ex) {
        return Refusals.problem(HttpStatus.CONFLICT, "Concurrent change", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReused ex) {
        return Refusals.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fieldRejected(FieldRejected ex) {
        return ResponseEntity.badRequest().body(InvalidRequest.field(ex.field(), ex.rule()));
    }
}
