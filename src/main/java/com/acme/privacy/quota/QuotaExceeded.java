package com.acme.privacy.quota;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The caller has used up a quota; it may submit again after {@code retryAfter}. */
public class QuotaExceeded extends ErrorResponseException {

    QuotaExceeded(Quota quota, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(quota), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
    }

    private static ProblemDetail problem(Quota quota) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, quota == Quota.RATE
                ? "Too many submissions per second from this caller; retry after the time in Retry-After"
                : "This caller's submissions for today (UTC) are used up; retry after the time in Retry-After");
        problem.setTitle("Quota exceeded");
        problem.setProperty("quota", quota.tag());
        return problem;
    }
}
