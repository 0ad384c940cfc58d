package com.acme.privacy.quota;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.privacy.web.Refusals;

/** A quota refusal as a problem: 429, which quota, and Retry-After in whole seconds, rounded up. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class QuotaProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceeded ex) {
        ResponseEntity<ProblemDetail> refusal = Refusals.problem(HttpStatus.TOO_MANY_REQUESTS, "Quota exceeded",
                ex.quota() == Quota.RATE
                        ? "Too many submissions per second from this caller; retry after the time in Retry-After"
                        : "This caller's submissions for today (UTC) are used up; retry after the time in Retry-After");
        refusal.getBody().setProperty("quota", ex.quota().tag());
        return ResponseEntity.status(refusal.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000)))
                .body(refusal.getBody());
    }
}
