package com.acme.privacy.evidence;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.privacy.web.Refusals;

/** Where the evidence feature's refusals become problems; ahead of the API's catch-all handler. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class EvidenceProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> requestNotFound(RequestNotFound ex) {
        return Refusals.problem(HttpStatus.NOT_FOUND, "Erasure request not found", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> anchorNotFound(AnchorNotFound ex) {
        return Refusals.problem(HttpStatus.NOT_FOUND, "Audit anchor not found", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> signingKeyNotFound(SigningKeyNotFound ex) {
        return Refusals.problem(HttpStatus.NOT_FOUND, "Signing key not found", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> auditTrailBroken(AuditTrailBroken ex) {
        return Refusals.problem(HttpStatus.CONFLICT, "Audit trail broken", ex.getMessage());
    }
}
