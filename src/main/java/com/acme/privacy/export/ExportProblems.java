package com.acme.privacy.export;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.privacy.web.Refusals;

/** No export slot free, for the exports and the anchor heads lists: 429 with Retry-After in whole seconds. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ExportProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> exportsBusy(ExportsBusy ex) {
        ProblemDetail problem = Refusals.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many exports",
                ex.perCaller() ? "This caller's exports are all still running; retry after the time in Retry-After"
                        : "This replica's exports are all taken; retry after the time in Retry-After").getBody();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
                .body(problem);
    }
}
