package com.acme.privacy.suppression;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.privacy.web.Refusals;

/** Where the suppression list's refusals become problems; ahead of the API's catch-all handler. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class SuppressionProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> checksTooFrequent(ChecksTooFrequent ex) {
        ResponseEntity<ProblemDetail> refusal = Refusals.problem(HttpStatus.TOO_MANY_REQUESTS, "Quota exceeded",
                "Too many suppression checks per second from this caller; retry after the time in Retry-After");
        return ResponseEntity.status(refusal.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1").body(refusal.getBody());
    }
}
